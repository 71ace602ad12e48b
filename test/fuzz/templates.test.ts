// Mutated layouts and includes: the analysis that infers the schema, the template checks, and the
// render through them never throw, and place every problem inside the template.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkTemplate } from '../../server/src/service/check';
import { analyzeLayout, analyzeTemplate, type TemplateProblem } from '../../server/src/templates/analysis';
import {
  fuzz, FuzzSite, HANG_MS, misplaced, mutated, regressionCases, renderFaults, renderOrNotAPage, TEMPLATES,
} from './harness';

const site = new FuzzSite();
const originals = new Map(TEMPLATES.map((relPath) => [relPath, fs.readFileSync(site.workspace.absolutePath(relPath), 'utf8')]));

const templateCase = fc.constantFrom(...TEMPLATES).chain((relPath) => fc.oneof(
  { weight: 8, arbitrary: mutated(originals.get(relPath)!) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
).map((text) => ({ relPath, text })));

/** How the analysis reports its own exceptions, caught: crashes, not the author's mistakes. */
const INTERNAL = /^(?:Template analysis failed|Could not analyse)/;

/** Where a template problem lies outside `lines` (the analysis counts lines by `\n`, as liquidjs does); '' when inside. */
function outside(problem: TemplateProblem, lines: string[]): string {
  const inside = (line: number, column: number) => line >= 0 && line < lines.length && column >= 0 && column <= lines[line].length;
  if (!inside(problem.line, problem.column) || !inside(problem.endLine, problem.endColumn)) {
    return `${problem.line}:${problem.column}-${problem.endLine}:${problem.endColumn} of ${lines.length} lines`;
  }
  const backwards = problem.endLine < problem.line || (problem.endLine === problem.line && problem.endColumn < problem.column);
  return backwards ? 'the range ends before it starts' : '';
}

/** Analyses, checks and renders `text` as the template `relPath`; what is wrong with the outcome ('' when nothing). */
function verdict(relPath: string, text: string): string {
  const started = Date.now();
  const lines = text.split('\n');
  const shownIn = site.pageShowing(relPath);
  const layout = site.workspace.site.pages.get(shownIn)!.layout!;
  try {
    const analysis = analyzeTemplate(relPath, text);
    const chain = analyzeLayout(layout, (template) => (template === relPath ? text : originals.get(template)));
    for (const problem of [...analysis.problems, ...chain.problems.filter((p) => p.template === relPath)]) {
      if (INTERNAL.test(problem.message)) return problem.message;
      const where = outside(problem, lines);
      if (where) return `problem "${problem.message}" at ${where}`;
    }
    const diagnostics = checkTemplate(site.workspace.site, relPath, text);
    for (const diagnostic of diagnostics) {
      const problems = misplaced(diagnostic, text);
      if (problems.length > 0) return `${diagnostic.code}: ${problems.join('; ')}`;
    }
    // Windows line endings (`\r\n`) written as `\n` keep every position an editor shows (unless a lone `\r` ends a line too).
    const placed = (found: typeof diagnostics) => JSON.stringify(found.map((d) => [d.code, d.range]));
    const unixText = text.replace(/\r\n/g, '\n');
    if (!unixText.includes('\r') && placed(diagnostics) !== placed(checkTemplate(site.workspace.site, relPath, unixText))) {
      return 'the diagnostics move when the line ends are written \\n instead of \\r\\n';
    }
    const rendered = site.withTemplate(relPath, text, () => renderOrNotAPage(site.workspace, shownIn));
    const fault = rendered ? renderFaults(rendered, relPath, text) : `${shownIn} is no longer a page`;
    if (fault) return `rendering ${shownIn}: ${fault}`;
  } catch (error) {
    return `threw: ${(error as Error).stack}`;
  }
  return Date.now() - started > HANG_MS ? `took ${Date.now() - started} ms` : '';
}

test('a mutated layout or include never breaks its analysis, its checks or the pages rendered through it', () => {
  fuzz('template', fc.property(templateCase, ({ relPath, text }) => {
    assert.equal(verdict(relPath, text), '', `${relPath}:\n${JSON.stringify(text)}`);
  }), ([{ text }]) => text);
});

test('kept template regression cases pass, as every layout and include', () => {
  for (const { name, text } of regressionCases('template')) {
    for (const relPath of TEMPLATES) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});

test('every layout and include of the example site passes as it is', () => {
  for (const relPath of TEMPLATES) assert.equal(verdict(relPath, originals.get(relPath)!), '', path.basename(relPath));
});
