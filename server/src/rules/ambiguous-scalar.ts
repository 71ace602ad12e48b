import { isScalar } from 'yaml';
import type { PsychScalar } from '../frontmatter/psych';
import { describePath, rubyDisplay, validatePage } from '../schema/validate';
import { quote, quoteFix } from './fields';
import type { PageRule } from './rule';

/**
 * An unquoted value that YAML 1.1 reads as a number, true/false or a date where the field
 * expects text: `level: 5.10` is the number 5.1, `answer: no` is false.
 */
export const ambiguousScalar: PageRule = {
  id: 'ambiguous-scalar',
  defaultSeverity: 'warning',
  description: 'An unquoted value that YAML reads as a number, true/false or a date where text is expected (`level: 5.10`).',
  target: 'page',
  check({ site, page, schema, report }) {
    const parsed = page.frontMatter;
    for (const issue of validatePage(site, page, schema)) {
      if (issue.kind !== 'ambiguous-scalar' || !issue.node || !isScalar(issue.node) || !issue.scalar) continue;
      const [start, end] = parsed.offsetsOf(issue.node);
      const source = page.text.slice(start, end);
      // `title: 404`, `version: 3.0`: Ruby prints the number just as written, and Jekyll's `sort`
      // falls back to comparing text when numbers meet text, so the author sees no difference.
      if (isNumber(issue.scalar) && rubyDisplay(issue.scalar) === source) continue;
      const quoted = quote(source);
      const key = issue.key ? String(issue.key.value ?? '') : '';
      const example = key !== '' ? `\`${key}: ${quoted}\`` : `\`- ${quoted}\``;
      const where = issue.path.length > 1 ? ` (${describePath(issue.path)})` : '';
      report({
        start, end,
        message: `YAML reads \`${source}\`${where} as ${readAs(issue.scalar, source)}. Put it in quotes: ${example}.`,
        // The quotes keep the text exactly as written: what the author meant, and what the schema expects.
        fixes: [quoteFix(start, source)],
      });
    }
  },
};

function isNumber(scalar: PsychScalar): boolean {
  return scalar.kind === 'int' || scalar.kind === 'float';
}

/** "the number 5.1, so the page shows 5.1" and the like. */
function readAs(scalar: PsychScalar, source: string): string {
  const shown = rubyDisplay(scalar);
  const shows = shown === source ? '' : `, so the page shows ${shown}`;
  switch (scalar.kind) {
    case 'int':
    case 'float':
      return `the number ${shown}${shows}`;
    case 'bool':
      return `the true/false value \`${shown}\`${shows}`;
    case 'date':
      return `a date${shows || ', not text'}`;
    case 'time':
      return `a date and time${shows}`;
    default:
      return `something other than text${shows}`;
  }
}
