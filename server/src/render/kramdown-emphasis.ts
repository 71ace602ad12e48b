/**
 * `***text***` as kramdown nests it: strong outside, emphasis inside (`parse_emphasis` reads the
 * `**` first), where markdown-it puts emphasis outside.
 */
import type MarkdownIt = require('markdown-it');

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

export function strongOutsideEmphasis(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    // markdown-it leaves the delimiters' places as empty text between the tags.
    const children = block.children = block.children.filter((token) => token.type !== 'text' || token.content !== '');
    children.forEach((token, index) => {
      if (token.type !== 'em_open' || children[index + 1]?.type !== 'strong_open') return;
      const close = closingIndex(children, index + 1);
      if (close === undefined || children[close + 1]?.type !== 'em_close') return;
      swap(children, index, index + 1);
      swap(children, close, close + 1);
    });
  }
}

function closingIndex(children: Token[], open: number): number | undefined {
  for (let depth = 0, i = open + 1; i < children.length; i++) {
    if (children[i].type === 'strong_open') depth++;
    else if (children[i].type === 'strong_close' && depth-- === 0) return i;
  }
  return undefined;
}

function swap(children: Token[], a: number, b: number): void {
  [children[a], children[b]] = [children[b], children[a]];
}
