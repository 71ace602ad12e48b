import type { FrontMatterBlock } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import type { Edit, Finding, Fix, PageRule } from './rule';

/**
 * A block scalar header: `key: |`, `- key: >-`, `- |`, with optional tag, anchor, indicators and
 * a trailing comment. Groups: indentation, dashes, key, style, indicators.
 */
const HEADER = new RegExp(
  '^( *)((?:- +)*)'
  + '(?:("(?:[^"\\\\]|\\\\.)*"|\'(?:[^\']|\'\')*\'|[^\\s#\'"][^#]*?)[ \\t]*:[ \\t]+)?'
  + '(?:(?:![^\\s]*|&[^\\s]+)[ \\t]+)*'
  + '([|>])([1-9][+-]?|[+-][1-9]?)?[ \\t]*(?:#.*)?$',
);

/** Markdown list items, whose deeper lines are meant (nested lists, continuations). */
const LIST_ITEM = /^(?:[-*+]|\d+[.)])(?:[ \t]|$)/;

/** A line of HTML (a tag or comment): its deeper lines nest elements on purpose. */
const HTML_LINE = /^<[!/a-zA-Z]/;

/** A code fence; the lines between two fences are code, indented as the author wants. */
const FENCE = /^(?:```|~~~)/;

interface ContentLine {
  line: number;
  /** Spaces before the text; -1 for a line that holds only spaces. */
  indent: number;
  text: string;
}

/**
 * A block scalar (`intro: |`) whose lines are indented unevenly. YAML takes the first line's
 * indentation as the block's; a later line indented deeper keeps the extra spaces in the value.
 */
export const blockIndent: PageRule = {
  id: 'block-indent',
  defaultSeverity: 'warning',
  description: 'The lines of a multi-line text (`intro: |`) are indented unevenly, so some gain stray leading spaces.',
  target: 'page',
  check({ page, report }) {
    const { block } = page.frontMatter;
    // Only a `|` or `>` starts a block text: most front matter has none, and its lines need no look.
    if (!block.present || !hasIndicator(page.text, block)) return;
    // The YAML's own lines: an index of the whole page would look at the body too.
    const lines = new LineIndex(page.text, block.yamlStart, block.yamlEnd);
    // The closing fence's line is not the YAML's; the last line of a front matter never closed is.
    const last = block.closed ? lines.lineCount - 1 : lines.lineCount;
    for (let line = 0; line < last; line++) {
      const text = lines.lineText(line);
      if (!text.includes('|') && !text.includes('>')) continue;
      const header = HEADER.exec(text);
      if (!header) continue;
      const [, indentText, dashes, key, , indicators] = header;
      if (key === undefined && dashes === '') continue;
      const parentIndent = key !== undefined
        ? indentText.length + dashes.length
        : indentText.length + dashes.trimEnd().lastIndexOf('-');
      const content = blockContent(lines, line + 1, last, parentIndent);
      if (content.length > 0) line = content[content.length - 1].line;
      // An explicit indentation indicator (`|2`) says where the text starts: deeper lines are meant.
      if (indicators && /\d/.test(indicators)) continue;
      const name = key === undefined ? undefined : key.replace(/^(["'])([\s\S]*)\1$/, '$2');
      checkBlock(content, name, lines, report);
    }
  },
};

function hasIndicator(text: string, block: FrontMatterBlock): boolean {
  const pipe = text.indexOf('|', block.yamlStart);
  if (pipe !== -1 && pipe < block.yamlEnd) return true;
  const fold = text.indexOf('>', block.yamlStart);
  return fold !== -1 && fold < block.yamlEnd;
}

/** The lines of a block scalar's text: blank lines, and lines indented at least as far as its first one. */
function blockContent(lines: LineIndex, from: number, to: number, parentIndent: number): ContentLine[] {
  const content: ContentLine[] = [];
  let blockIndentation = -1;
  for (let line = from; line < to; line++) {
    const text = lines.lineText(line);
    if (/^ *$/.test(text)) {
      content.push({ line, indent: -1, text });
      continue;
    }
    const indent = /^ */.exec(text)![0].length;
    if (blockIndentation === -1) {
      if (indent <= parentIndent) break;
      blockIndentation = indent;
    } else if (indent < blockIndentation) {
      break;
    }
    content.push({ line, indent, text });
  }
  // Trailing blank lines belong to whatever follows.
  while (content.length > 0 && content[content.length - 1].indent === -1) content.pop();
  return content;
}

/**
 * Whether a line indented deeper than the block is deliberate, so its spaces change nothing an
 * author did not mean: nested HTML (kramdown passes HTML blocks through as written), code (a
 * fenced block, or a paragraph indented 4+ spaces deeper, which Markdown shows as code), and
 * nested list items or their continuations. Context comes from the nearest line at the block's
 * own indentation above, across blank lines, as an open HTML element or a list item spans them.
 */
function meantDeeper(content: ContentLine[], entry: ContentLine, base: number): boolean {
  const trimmed = entry.text.trimStart();
  if (HTML_LINE.test(trimmed) || LIST_ITEM.test(trimmed)) return true;
  const index = content.indexOf(entry);
  const startsParagraph = index > 0 && content[index - 1].indent === -1;
  if (startsParagraph && entry.indent - base >= 4) return true;
  // The next line of a deliberate deeper paragraph (code, an HTML element's text) is deliberate too.
  const previous = content[index - 1];
  if (!startsParagraph && previous && previous.indent > base && meantDeeper(content, previous, base)) return true;
  let fences = 0;
  let parent: ContentLine | undefined;
  for (let before = index - 1; before >= 0; before--) {
    const line = content[before];
    if (line.indent === -1) continue;
    if (FENCE.test(line.text.trimStart())) fences++;
    if (line.indent === base) parent ??= line;
  }
  if (fences % 2 === 1) return true;
  if (!parent) return false;
  const parentText = parent.text.trimStart();
  // Lines after a closing tag are outside the element again.
  return (HTML_LINE.test(parentText) && !parentText.startsWith('</')) || LIST_ITEM.test(parentText);
}

function checkBlock(
  content: ContentLine[], name: string | undefined, lines: LineIndex,
  report: (finding: Finding) => void,
): void {
  const texts = content.filter((entry) => entry.indent >= 0);
  if (texts.length < 2) return;
  // Tabs after the indentation make widths ambiguous: leave such blocks alone.
  if (texts.some((entry) => /^ *\t/.test(entry.text))) return;
  const base = texts[0].indent;
  const stray = texts.find((entry) => entry.indent > base && !meantDeeper(content, entry, base));
  if (!stray) return;
  // Rewriting deliberate lines would flatten nested HTML or code: then no fix is offered.
  const meant = texts.some((entry) => entry.indent > base && meantDeeper(content, entry, base));

  const extra = stray.indent - base;
  const index = content.indexOf(stray);
  const startsParagraph = index > 0 && content[index - 1].indent === -1;
  const field = name === undefined ? 'this text' : `\`${name}\``;
  const spaces = extra === 1 ? 'a stray space' : `${extra} stray spaces`;
  const start = lines.lineStart(stray.line) + base;
  const end = lines.lineStart(stray.line) + stray.text.trimEnd().length;

  report({
    start, end,
    message: `This ${startsParagraph ? 'paragraph' : 'line'} is indented ${stray.indent} spaces but the first line of ${field} only ${base},`
      + ` so it will start with ${spaces}. Indent every line of ${field} the same.`,
    fixes: meant ? [] : reindentFix(content, texts, base, lines),
  });
}

/**
 * Re-indents every line of the block to one indentation. Offered when the block has exactly two
 * indentations. Safe (see docs/rules/block-indent.md) when the extra indentation is 1–3 spaces and
 * the text has no code fences: the value then loses only leading spaces that Markdown and HTML ignore.
 */
function reindentFix(content: ContentLine[], texts: ContentLine[], base: number, lines: LineIndex): Fix[] {
  const indents = [...new Set(texts.map((entry) => entry.indent))];
  if (indents.length !== 2) return [];
  const deeper = Math.max(...indents);
  const deeperCount = texts.filter((entry) => entry.indent === deeper).length;
  const target = deeperCount >= texts.length - deeperCount ? deeper : base;
  const edits: Edit[] = [];
  for (const entry of texts) {
    if (entry.indent === target) continue;
    const lineStart = lines.lineStart(entry.line);
    edits.push({ start: lineStart, end: lineStart + entry.indent, newText: ' '.repeat(target) });
  }
  const blankTooLong = content.some((entry) => entry.indent === -1 && entry.text.length > base);
  const fenced = texts.some((entry) => /^(?:```|~~~)/.test(entry.text.trimStart()));
  const safe = deeper - base <= 3 && !blankTooLong && !fenced;
  return [{ title: `Indent every line the same (${target} spaces)`, safe, preferred: true, edits }];
}
