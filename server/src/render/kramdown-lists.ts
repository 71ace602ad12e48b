/**
 * Which list items kramdown writes with `<p>`: it decides item by item (`Parser::Kramdown#parse_list`),
 * where markdown-it makes a whole list loose or tight. Only an item's first paragraph can go without
 * `<p>`; every other paragraph keeps it.
 */
import type MarkdownIt = require('markdown-it');

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
