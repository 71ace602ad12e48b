/**
 * kramdown's definition lists (`Parser::Kramdown#parse_definition_list`): the paragraph right
 * before a `: definition` line gives one term per line; each definition runs on over lines
 * indented as far as its text and lazy lines after it. A definition is a paragraph (`<p>`) only
 * when a blank line comes before it; lists separated by blank lines are one list.
 */
import type MarkdownIt = require('markdown-it');
import { setAttributes } from './kramdown-attributes';
import { wholeLine } from './kramdown-html';
import { END_OF_BLOCK, endsLazyLines } from './kramdown-lists';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;

/** `DEFINITION_LIST_START`: a colon after at most three spaces, then a blank, a tab or (kramdown's quirk) `|`. */
const DEFINITION_START = /^( {0,3}:)([\t| ].*)$/;
/** `LIST_ITEM_IAL`: an attribute list at the start of a term or a definition. */
const ITEM_IAL = /^\s*\{:(?![\w-]*:|\/)((?:\\\}|[^}])+)\}\s*/;
/** A line that is only an attribute list: the definition's text then starts four columns in. */
const ONLY_IAL = /^\s*(?:\{:(?![\w-]*:|\/)((?:\\\}|[^}])+)\})?\s*$/;
const LEADING_IAL = /^\{:\s*([^}]*)\}[ \t]*\n/;
const TRAILING_IAL = /(?:^|\n)\{:[^}]*\}\s*$/;

interface Definition {
  /** The definition's text with its indentation removed, as kramdown parses it. */
  lines: string[];
  /** The source line of its first line. */
  line: number;
  ial?: string;
  /** A blank line came before it: its first paragraph is a `<p>`. */
  firstAsParagraph: boolean;
}

export function kramdownDefinitionLists(md: Markdown): void {
  md.block.ruler.before('paragraph', 'kramdown_definition_list', definitionList, { alt: ['paragraph'] });
}

function definitionList(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const indent = state.bMarks[startLine] + state.tShift[startLine] - (state.sCount[startLine] - state.blkIndent);
  if (!DEFINITION_START.test(state.src.slice(indent, state.eMarks[startLine]))) return false;
  // Any `:` line ends a paragraph; it starts a list only after one (its terms).
  if (silent) return true;
  const tokens = state.tokens;
  const close = tokens[tokens.length - 1];
  const open = tokens[tokens.length - 3];
  if (close?.type !== 'paragraph_close' || open?.type !== 'paragraph_open' || open.level !== state.level || !open.map) return false;
  const gap = startLine - open.map[1];
  const blankBetween = gap === 1 && wholeLine(state, open.map[1]) === '';
  if (gap !== 0 && !blankBetween) return false;
  const inline = tokens[tokens.length - 2];
  // An attribute list closing the paragraph ends its block: the `:` line is text.
  if (TRAILING_IAL.test(inline.content)) return false;

  const { definitions, nextLine } = readDefinitions(state, startLine, endLine, blankBetween);
  const termsStart = open.map[0];
  const lastLine = definitions[definitions.length - 1].line + definitions[definitions.length - 1].lines.length;
  tokens.splice(tokens.length - 3, 3);

  let terms = inline.content;
  const leading = LEADING_IAL.exec(terms);
  if (leading) terms = terms.slice(leading[0].length);
  const previous = tokens[tokens.length - 1];
  const merged = previous?.type === 'dl_close' && previous.level === state.level;
  if (merged) {
    tokens.pop();
    state.level++;
  } else {
    const listOpen = state.push('dl_open', 'dl', 1);
    listOpen.map = [termsStart, lastLine];
    if (leading) setAttributes(listOpen, leading[1]);
  }
  for (const term of terms.split('\n')) pushTerm(state, term);
  for (const definition of definitions) pushDefinition(state, definition);
  state.push('dl_close', 'dl', -1);
  state.line = nextLine;
  return true;
}

function pushTerm(state: StateBlock, term: string): void {
  const open = state.push('dt_open', 'dt', 1);
  const ial = ITEM_IAL.exec(term);
  if (ial) setAttributes(open, ial[1]);
  const inline = state.push('inline', '', 0);
  inline.content = (ial ? term.slice(ial[0].length) : term).trim();
  inline.children = [];
  state.push('dt_close', 'dt', -1);
}

/**
 * The definitions from `startLine` on, read line by line as `parse_definition_list` scans them, and
 * the line after the list (after its `^` end-of-block marker, which belongs to no block).
 */
function readDefinitions(state: StateBlock, startLine: number, endLine: number, blankBefore: boolean): { definitions: Definition[]; nextLine: number } {
  const definitions: Definition[] = [];
  let start = DEFINITION_START;
  let firstAsParagraph = blankBefore;
  let lastIsBlank = false;
  let indentation = 0;
  let current: Definition | undefined;
  let line = startLine;
  for (; line < endLine; line++) {
    const text = wholeLine(state, line);
    const marker = start.exec(text);
    if (marker) {
      const first = firstLine(marker[1].length, marker[2]);
      indentation = first.indentation;
      start = new RegExp(`^( {0,${Math.min(indentation - 1, 3)}}:)([\\t| ].*)$`);
      current = { lines: [first.content], line, ial: first.ial, firstAsParagraph };
      definitions.push(current);
      firstAsParagraph = false;
      lastIsBlank = false;
    } else if (END_OF_BLOCK.test(text)) {
      line++;
      break;
    } else if (text.trim() === '') {
      firstAsParagraph = true;
      lastIsBlank = true;
      current!.lines.push('');
    } else if (indentOf(text) >= indentation || (!lastIsBlank && !endsLazyLines(text, indentation))) {
      current!.lines.push(withoutIndent(text, indentation));
      firstAsParagraph = false;
      lastIsBlank = false;
    } else {
      break;
    }
  }
  // Blank lines after the last definition belong to what follows.
  for (const definition of definitions) while (definition.lines.length > 1 && definition.lines[definition.lines.length - 1] === '') definition.lines.pop();
  return { definitions, nextLine: line };
}

/** `parse_first_list_line`: where the definition's text starts, and an attribute list before it. */
function firstLine(markerLength: number, rest: string): { content: string; indentation: number; ial?: string } {
  if (ONLY_IAL.test(rest)) return { content: '', indentation: 4, ial: ONLY_IAL.exec(rest)![1] };
  const expanded = expandTabs(rest, markerLength);
  const spaces = /^ */.exec(expanded)![0].length;
  let content = expanded.slice(spaces);
  const ial = ITEM_IAL.exec(content);
  if (ial) content = content.slice(ial[0].length);
  return { content, indentation: markerLength + spaces, ial: ial?.[1] };
}

function expandTabs(text: string, column: number): string {
  let result = '';
  for (const char of /^[ \t]*/.exec(text)![0]) result += char === '\t' ? ' '.repeat(4 - ((column + result.length) % 4)) : ' ';
  return result + text.replace(/^[ \t]*/, '');
}

function indentOf(text: string): number {
  return expandTabs(text, 0).length - text.replace(/^[ \t]*/, '').length;
}

function withoutIndent(text: string, indentation: number): string {
  const expanded = expandTabs(text, 0);
  const spaces = Math.min(indentation, /^ */.exec(expanded)![0].length);
  return expanded.slice(spaces);
}

/** A definition's blocks, parsed on their own and placed in the list; its first paragraph bare unless a blank line came before. */
function pushDefinition(state: StateBlock, definition: Definition): void {
  const open = state.push('dd_open', 'dd', 1);
  open.map = [definition.line, definition.line + definition.lines.length];
  if (definition.ial) setAttributes(open, definition.ial);
  const inner: Token[] = [];
  state.md.block.parse(definition.lines.join('\n'), state.md, state.env, inner);
  for (const token of inner) {
    token.level += state.level;
    if (token.map) token.map = [token.map[0] + definition.line, token.map[1] + definition.line];
  }
  if (inner[0]?.type === 'paragraph_open' && !definition.firstAsParagraph) {
    inner[0].hidden = true;
    inner.find((token) => token.type === 'paragraph_close')!.hidden = true;
  }
  state.tokens.push(...inner);
  state.push('dd_close', 'dd', -1);
}
