import type { TemplateProblem } from '../templates/analysis';
import { nextCharacter } from './fields';
import type { Finding, TemplateRule } from './rule';

/** The analysis's own failures: not the author's mistakes, so not reported. */
const INTERNAL = /^(?:Template analysis failed|Could not analyse)/;
/** What the analysis appends to problems that Liquid reads leniently. */
const LENIENT = / \(Jekyll ignores it leniently\)$/;

/**
 * Liquid that Jekyll cannot read, on the line where it is: a tag never closed, an `{% endif %}`
 * closing nothing, a stray quote, a filter written wrong. Filters without their `:` are left to
 * `filter-arguments`, which says what Liquid does with them.
 */
export const liquidSyntax: TemplateRule = {
  id: 'liquid-syntax',
  defaultSeverity: 'error',
  description: 'A page, layout or include has Liquid Jekyll cannot read: a tag never closed, a stray quote, a broken filter.',
  target: 'template',
  checksPageBodies: true,
  check({ text, analysis, report }) {
    for (const problem of analysis.problems) {
      if (problem.cause === 'filter-without-colon' || INTERNAL.test(problem.message)) continue;
      const start = analysisOffset(text, problem.line, problem.column);
      const end = Math.max(nextCharacter(text, start), analysisOffset(text, problem.endLine, problem.endColumn));
      report({ start, end, ...explain(problem, text, start) });
    }
  },
};

/**
 * The offset of a line and column of the template analysis, which counts lines as liquidjs does: by `\n`
 * alone. (An editor also starts a line at a lone `\r`, so its line numbers differ after one.)
 */
export function analysisOffset(text: string, line: number, column: number): number {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return text.length;
    start = newline + 1;
  }
  // Not into the line break: its `\r`s belong to no line's text.
  let end = lineEnd(text, start);
  while (end > start && text[end - 1] === '\r') end--;
  return Math.min(start + Math.max(0, column), end);
}

function explain(problem: TemplateProblem, text: string, start: number): Omit<Finding, 'start' | 'end'> {
  const message = problem.message;
  if (problem.cause === 'unterminated-string') {
    const quote = text[start];
    const lone = !/[^\s%}-]/.test(text.slice(start + 1, lineEnd(text, start)));
    return {
      message: `This ${quote} opens a text that is never closed. Jekyll only prints a warning in the build log and skips what follows, so this tag silently does nothing useful.`
        + (lone ? ` It looks like a stray quote: delete it.` : ` Close the text with a matching ${quote}.`),
      fixes: lone ? [{ title: 'Delete the stray quote', safe: false, preferred: true, edits: [{ start, end: start + 1, newText: '' }] }] : [],
    };
  }
  const notClosed = /^tag (\w+) not closed(?: before (\w+))?$/.exec(message);
  if (notClosed) {
    const where = notClosed[2] ? ` before \`{% ${notClosed[2]} %}\`` : '';
    return { message: `\`{% ${notClosed[1]} %}\` is never closed${where}: add \`{% end${notClosed[1]} %}\` where it should end. Until then Jekyll stops the build with a Liquid syntax error.` };
  }
  const unexpected = /^Unexpected (\w+): no open (\w+)$/.exec(message);
  if (unexpected) {
    return { message: `\`{% ${unexpected[1]} %}\` closes a \`{% ${unexpected[2]} %}\` that was never opened: delete it, or add the missing \`{% ${unexpected[2]} %}\`. Until then Jekyll stops the build with a Liquid syntax error.` };
  }
  if (/^Liquid ignores filters on the collection/.test(message)) {
    return { severity: 'warning', message: `${message}: \`{% assign pages = … | where: … %}\`, then \`{% for item in pages %}\`.` };
  }
  if (LENIENT.test(message)) {
    return { message: `${message.replace(LENIENT, '').replace(/^Liquid syntax error in (.*?): /, 'Liquid cannot read this $1: ')}. Jekyll only prints a warning in the build log and skips what it cannot read, so the page silently comes out wrong.` };
  }
  return { message: `Liquid cannot read this: ${message}. Jekyll stops the build with a Liquid syntax error.` };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}
