/**
 * Which list items kramdown writes with `<p>`: it decides item by item (`Parser::Kramdown#parse_list`),
 * where markdown-it makes a whole list loose or tight. Only an item's first paragraph can go without
 * `<p>`; every other paragraph keeps it.
 */
import type MarkdownIt = require('markdown-it');
import { IAL_BLOCK_LINE } from './kramdown-attributes';
import { builtinBlockRule, lineText, SPAN_ELEMENTS, wholeLine } from './kramdown-html';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** A line with nothing on it, once the quote markers of the blockquotes it sits in are taken away. */
const BLANK = /^[\s>]*$/;

export function kramdownListParagraphs(state: StateCore): void {
  const tokens = state.tokens;
  const lines = state.src.split('\n');
  tokens.forEach((list, start) => {
    if (list.type !== 'bullet_list_open' && list.type !== 'ordered_list_open') return;
    const items = childrenOf(tokens, start).map((index) => childrenOf(tokens, index));
    let earlierTransparent = false;
    items.forEach((children, position) => {
      for (const child of children) if (tokens[child].type === 'paragraph_open') setHidden(tokens, child, false);
      const first = tokens[children[0]];
      if (first?.type !== 'paragraph_open' || !first.map) {
        earlierTransparent = true;
        return;
      }
      const last = position === items.length - 1;
      const blankAfter = BLANK.test(lines[first.map[1]] ?? 'end of text');
      // The blank line after an item's text belongs to the item; after the list's last one, it alone does not count.
      const alone = !blankAfter || (last && children.length === 1);
      // The last item stays a paragraph when every item before it is one.
      const transparent = alone && (!last || items.length === 1 || earlierTransparent);
      setHidden(tokens, children[0], transparent);
      earlierTransparent ||= transparent;
    });
  });
}

/** The indexes of the blocks directly inside the block opened at `open`. */
function childrenOf(tokens: Token[], open: number): number[] {
  const level = tokens[open].level + 1;
  const children: number[] = [];
  for (let i = open + 1; i < tokens.length && tokens[i].level >= level; i++) {
    if (tokens[i].level === level && tokens[i].nesting >= 0 && tokens[i].type !== 'inline') children.push(i);
  }
  return children;
}

function setHidden(tokens: Token[], open: number, hidden: boolean): void {
  tokens[open].hidden = hidden;
  for (let i = open + 1; i < tokens.length; i++) {
    if (tokens[i].type === 'paragraph_close' && tokens[i].level === tokens[open].level) {
      tokens[i].hidden = hidden;
      return;
    }
  }
}

/** `LAZY_END_HTML_SPAN_ELEMENTS`: tags that start or stop no block, so a line opening with one can still be lazy. */
const LAZY_SPAN_ELEMENTS = [...SPAN_ELEMENTS, 'script'].join('|');
/** REXML's `UNAME_STR`: a tag name, with an optional prefix. */
const TAG_NAME = '(?:[\\p{L}_][-\\p{L}\\p{N}._]*:)?[\\p{L}_][-\\p{L}\\p{N}._]*';
const LAZY_END_HTML = new RegExp(`^(?:<(?!(?:${LAZY_SPAN_ELEMENTS})\\b)${TAG_NAME}|</(?!(?:${LAZY_SPAN_ELEMENTS})\\b)${TAG_NAME}\\s*>)`, 'u');
/** `EOB_MARKER`: a `^` alone ends the block. */
export const END_OF_BLOCK = /^\^\s*$/;

/**
 * kramdown's `lazy_re` for a list item or definition whose text is indented by `indentation`: whether
 * a line right after the item's text (no blank line between) ends it. Any other such line belongs to
 * the item, however it is indented.
 */
export function endsLazyLines(text: string, indentation: number): boolean {
  const spaces = /^ */.exec(text)![0].length;
  if (spaces > Math.min(indentation, 3)) return false;
  const rest = text.slice(spaces);
  return IAL_BLOCK_LINE.test(rest) || LAZY_END_HTML.test(rest);
}

/**
 * kramdown takes into a list item every line that follows its text without a blank line between,
 * unless the line starts the list's next item, `^` or `endsLazyLines`: a code fence, heading, quote or
 * rule there is inside the item, where markdown-it ends the list. So before markdown-it reads a list,
 * its lazy lines are shown to it indented as far as their item's text (their `sCount`), and put back after.
 */
export function kramdownLazyListLines(md: Markdown): void {
  const list = builtinBlockRule('list');
  md.block.ruler.at('list', (state, startLine, endLine, silent) => {
    if (silent) return list(state, startLine, endLine, silent);
    const lazy = lazyLines(state, startLine, endLine);
    const saved = lazy.map(({ line }) => state.sCount[line]);
    for (const { line, indentation } of lazy) state.sCount[line] = indentation;
    const first = state.tokens.length;
    try {
      const found = list(state, startLine, endLine, silent);
      // kramdown numbers every ordered list from 1: it writes no `start`, whatever the first number.
      if (state.tokens[first]?.type === 'ordered_list_open') state.tokens[first].attrs = null;
      return found;
    } finally {
      lazy.forEach(({ line }, i) => { state.sCount[line] = saved[i]; });
    }
  }, { alt: ['paragraph', 'reference', 'blockquote'] });
}

/** A list item's marker: `1.`/`1)` or `-`/`*`/`+`, then a blank or the line's end. */
const ITEM_MARKER = /^(?:(\d{1,9})([.)])|([-*+]))(?=[ \t]|$)/;

/** The lines kramdown reads as lazy lines of the items of the list starting at `startLine`, with the indentation of their item's text. */
function lazyLines(state: StateBlock, startLine: number, endLine: number): { line: number; indentation: number }[] {
  const first = ITEM_MARKER.exec(lineText(state, startLine));
  if (!first) return [];
  const ordered = first[1] !== undefined;
  const delimiter = first[2] ?? first[3];
  let indentation = textIndentation(state, startLine, first[0].length);
  let lastIsBlank = false;
  const lazy: { line: number; indentation: number }[] = [];
  for (let line = startLine + 1; line < endLine; line++) {
    if (state.isEmpty(line)) {
      lastIsBlank = true;
      continue;
    }
    const columns = state.sCount[line];
    // Left of the container (an outer list's next item, or a quote's lazy line at -1): not this list's.
    if (columns < state.blkIndent) break;
    if (columns < indentation) {
      const text = lineText(state, line);
      const marker = ITEM_MARKER.exec(text);
      // An item of the other kind (`-` after `1.`) is a lazy line to kramdown: it nests a list in the item.
      const sibling = marker && (marker[1] !== undefined) === ordered && columns - state.blkIndent < 4 ? marker : undefined;
      if (sibling && (sibling[2] ?? sibling[3]) !== delimiter) break;
      if (sibling) {
        indentation = textIndentation(state, line, sibling[0].length);
      } else {
        if (lastIsBlank || END_OF_BLOCK.test(text) || endsLazyLines(wholeLine(state, line), indentation)) break;
        lazy.push({ line, indentation });
      }
    }
    lastIsBlank = false;
  }
  return lazy;
}

/** Where an item's text starts, as markdown-it counts it: one column after the marker when the text is further than four away or absent. */
function textIndentation(state: StateBlock, line: number, markerLength: number): number {
  const afterMarker = state.bMarks[line] + state.tShift[line] + markerLength;
  const initial = state.sCount[line] + markerLength;
  let offset = initial;
  let pos = afterMarker;
  for (; pos < state.eMarks[line]; pos++) {
    const ch = state.src.charCodeAt(pos);
    if (ch === 0x09) offset += 4 - ((offset + state.bsCount[line]) % 4);
    else if (ch === 0x20) offset++;
    else break;
  }
  const spaces = pos >= state.eMarks[line] || offset - initial > 4 ? 1 : offset - initial;
  return initial + spaces;
}
