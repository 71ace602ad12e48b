import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { ParsedFrontMatter } from '../frontmatter/parse';
import { describeActual, describeExpected, describePath, PageIssue, typesOf, validatePage } from '../schema/validate';
import type { Page } from '../site/site';
import type { Fix, PageRule } from './rule';

/**
 * A value of the wrong kind: a list written as text, text where a number is expected.
 * Unquoted values that YAML turned into numbers or dates where text is expected are
 * `ambiguous-scalar`, not this.
 */
export const wrongType: PageRule = {
  id: 'wrong-type',
  defaultSeverity: 'error',
  description: 'A field holds the wrong kind of value, such as text where a list is expected.',
  target: 'page',
  check({ site, page, schema, report }) {
    const parsed = page.frontMatter;
    for (const issue of validatePage(site, page, schema)) {
      if (issue.kind !== 'wrong-type' || !issue.node) continue;
      const [start, end] = rangeOf(page, issue.node);
      const expected = describeExpected(issue.schema);
      const actual = describeActual(parsed, issue.node);
      const name = describePath(issue.path);
      const message = `${capitalize(name)} should be ${expected}, but here it is ${actual}. ${advice(issue)}`;
      const fixes: Fix[] = [];
      const unquote = unquoteFix(issue, parsed);
      if (unquote) fixes.push(unquote);
      report({ start, end, message, fixes });
    }
  },
};

/** How to write the value the schema expects, in words. */
function advice(issue: PageIssue): string {
  const types = typesOf(issue.schema);
  const node = issue.node;
  const field = String(issue.path[issue.path.length - 1] ?? '');
  if (types.includes('array')) {
    if (node && isMap(node) && node.items.some((item) => isPair(item) && isScalar(item.key) && String(item.key.value).startsWith('-'))) {
      return 'A dash that starts a list item needs a space after it: write `- path:`, not `-path:`, and indent the other fields of the item to line up with `path`.';
    }
    return `Put each item on its own line under \`${field}:\`, starting with \`- \`.`;
  }
  if (types.includes('object')) return `Write its fields on the lines under \`${field}:\`, indented, as \`name: value\`.`;
  if (types.includes('string')) {
    return `Write the text after \`${field}:\` on the same line, in quotes if it contains \`: \` or \` #\` or starts with \`-\`, \`[\` or \`{\`.`;
  }
  if (types.includes('integer') || types.includes('number')) {
    const text = node && isScalar(node) ? String(node.value ?? '') : '';
    return isNumeric(text) ? `Remove the quotes: \`${field}: ${text.trim()}\`.` : `Write a number, such as \`${field}: 1\`.`;
  }
  if (types.includes('boolean')) return `Write \`true\` or \`false\` without quotes.`;
  return '';
}

function isNumeric(text: string): boolean {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text);
}

/** `weight: "3"` where a number is expected: drop the quotes. */
function unquoteFix(issue: PageIssue, parsed: ParsedFrontMatter): Fix | undefined {
  const node = issue.node;
  if (!node || !isScalar(node) || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')) return undefined;
  const types = typesOf(issue.schema);
  const text = String(node.value ?? '').trim();
  const wantsNumber = (types.includes('integer') && /^-?\d+$/.test(text)) || (types.includes('number') && isNumeric(text));
  const wantsBool = types.includes('boolean') && (text === 'true' || text === 'false');
  if (!wantsNumber && !wantsBool) return undefined;
  const [start, end] = parsed.offsetsOf(node);
  return { title: 'Remove the quotes', safe: false, preferred: true, edits: [{ start, end, newText: text }] };
}

/** A value's range, cut to its first line for lists and maps (the whole block is too much to underline). */
function rangeOf(page: Page, node: Node): [number, number] {
  const [start, end] = page.frontMatter.offsetsOf(node);
  if (!isSeq(node) && !isMap(node)) return [start, end];
  return [start, Math.min(end, page.lines.lineEnd(page.lines.positionAt(start).line))];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
