/**
 * kramdown's attribute lists on spans (`[link](url){: .btn }`, `Parser::Kramdown#parse_span_extensions`)
 * and what an attribute list sets, for blocks and spans alike.
 */
import type MarkdownIt = require('markdown-it');
import { addReference } from './kramdown-toc';

/** A line that is a block IAL alone (`IAL_BLOCK`; `{::` and `{:/` are extensions). */
export const IAL_BLOCK_LINE = /^\{:(?![:/])(?:\\\}|[^}])+\}\s*$/;

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** An IAL's `.class`, `#id` and `key="value"`; a bare name is a reference (`toc`), not an attribute. */
export function setAttributes(token: Token, list: string): void {
  for (const [, kind, name, assigned, double, single, plain] of list.matchAll(/([.#]?)([\w-]+)(=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    if (kind === '.') token.attrJoin('class', name);
    else if (kind === '#') token.attrSet('id', name);
    else if (assigned) token.attrSet(name, double ?? single ?? plain);
    else addReference(token, name);
  }
}

/** `IAL_SPAN_START`: `{:` and the list, up to the first `}` not escaped. */
const SPAN_IAL = /^\{:((?:\\\}|[^}])+)\}/;

/** Spans kramdown gives attributes to, by the token that ends them in markdown-it. */
const CLOSING_TYPES: Record<string, string> = { link_close: 'link_open', em_close: 'em_open', strong_close: 'strong_open', s_close: 's_open' };

/**
 * A span IAL right after a link, emphasis, image or code span sets that span's attributes and is
 * gone; after plain text kramdown leaves it as text.
 */
export function spanAttributeLists(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.type === 'inline' ? block.children : null;
    if (!children) continue;
    children.forEach((child, index) => {
      const ial = child.type === 'text' && index > 0 ? SPAN_IAL.exec(child.content) : null;
      const target = ial ? spanEndingAt(children, index - 1) : undefined;
      if (!ial || !target) return;
      setAttributes(target, ial[1].replace(/\\\}/g, '}'));
      child.content = child.content.slice(ial[0].length);
    });
  }
}

/** The token holding the attributes of the span that ends at `index`, if it is one kramdown would give them to. */
function spanEndingAt(children: Token[], index: number): Token | undefined {
  const end = children[index];
  if (end.type === 'image' || end.type === 'code_inline') return end;
  const openType = CLOSING_TYPES[end.type];
  if (!openType) return undefined;
  for (let depth = 0, i = index - 1; i >= 0; i--) {
    if (children[i].type === end.type) depth++;
    else if (children[i].type === openType && depth-- === 0) return children[i];
  }
  return undefined;
}
