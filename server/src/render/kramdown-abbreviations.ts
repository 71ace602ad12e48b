/**
 * kramdown's abbreviations (`Parser::Kramdown#parse_abbrev_definition`, `#replace_abbreviations`):
 * a `*[HTML]: Hyper Text Markup Language` line anywhere in the page defines one, and every
 * occurrence of the word in the page's text (not in code, raw HTML blocks or image text) becomes
 * `<abbr title="…">HTML</abbr>`. The definition line itself writes nothing.
 */
import type MarkdownIt = require('markdown-it');

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** `ABBREV_DEFINITION_START`. */
const DEFINITION = /^ {0,3}\*\[(.+?)\]:(.*)$/;

interface AbbreviationsEnv {
  kramdownAbbreviations?: Map<string, string>;
}

/** Reads definitions as blocks; `after` is the core rule the replacement runs after (header ids are made from the text before it). */
export function kramdownAbbreviations(md: Markdown, after: string): void {
  md.block.ruler.before('reference', 'kramdown_abbreviation_definition', definition);
  md.core.ruler.after(after, 'kramdown_abbreviations', replaceAbbreviations);
}

function definition(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[startLine] + state.tShift[startLine] - Math.max(0, state.sCount[startLine] - state.blkIndent), state.eMarks[startLine]);
  const match = DEFINITION.exec(line);
  if (!match) return false;
  if (silent) return true;
  const env = state.env as AbbreviationsEnv;
  env.kramdownAbbreviations ??= new Map();
  env.kramdownAbbreviations.set(match[1], match[2].trim());
  state.line = startLine + 1;
  return true;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceAbbreviations(state: StateCore): void {
  const abbreviations = (state.env as AbbreviationsEnv).kramdownAbbreviations;
  if (!abbreviations || abbreviations.size === 0) return;
  // Longest first, and only where a non-word character (or the line's start) comes before and none after.
  const names = [...abbreviations.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(^|\\W)(${names.join('|')})(?!\\w)`, 'g');
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    block.children = block.children.flatMap((child) => (child.type === 'text' ? splitText(state, child, pattern, abbreviations) : [child]));
  }
}

/** The text token cut around each abbreviation, which is written as kramdown writes it: its word unescaped. */
function splitText(state: StateCore, token: Token, pattern: RegExp, abbreviations: Map<string, string>): Token[] {
  const parts: Token[] = [];
  let last = 0;
  for (const match of token.content.matchAll(pattern)) {
    const start = match.index! + match[1].length;
    parts.push(textToken(state, token, token.content.slice(last, start)));
    const abbr = new state.Token('html_inline', '', 0);
    const title = abbreviations.get(match[2])!;
    abbr.content = `<abbr${title === '' ? '' : ` title="${escapeAttribute(title)}"`}>${match[2]}</abbr>`;
    parts.push(abbr);
    last = start + match[2].length;
  }
  if (last === 0) return [token];
  parts.push(textToken(state, token, token.content.slice(last)));
  return parts.filter((part) => part.content !== '');
}

function textToken(state: StateCore, like: Token, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.level = like.level;
  token.content = content;
  return token;
}
