/**
 * kramdown's attribute lists on spans (`[link](url){: .btn }`, `Parser::Kramdown#parse_span_extensions`)
 * and what an attribute list sets, for blocks and spans alike.
 */
import type MarkdownIt = require('markdown-it');
import { escapeCode } from './highlight';
import { ELEMENTS_WITHOUT_BODY } from './kramdown-html';
import { addReference } from './kramdown-toc';

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** A line that is a block IAL alone (`IAL_BLOCK`; `{::` and `{:/` are extensions). */
export const IAL_BLOCK_LINE = /^\{:(?![:/])(?:\\\}|[^}])+\}\s*$/;

/** An attribute's value as kramdown writes it, between double quotes. */
export function attributeValue(text: string): string {
  return escapeCode(text).replace(/"/g, '&quot;');
}

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
 * A span IAL right after a link, emphasis, image, code span or HTML element (`<span>New</span>{: .label }`)
 * sets that span's attributes and is gone; after plain text kramdown leaves it as text.
 */
export function spanAttributeLists(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.type === 'inline' ? block.children : null;
    if (!children) continue;
    children.forEach((child, index) => {
      const ial = child.type === 'text' && index > 0 ? SPAN_IAL.exec(child.content) : null;
      const target = ial ? spanEndingAt(children, index - 1) : undefined;
      if (!ial || !target) return;
      const list = ial[1].replace(/\\\}/g, '}');
      if (target.type === 'html_inline') setTagAttributes(state, target, list);
      else setAttributes(target, list);
      child.content = child.content.slice(ial[0].length);
    });
  }
}

const TAG_ATTRIBUTE = /\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** An IAL on an HTML element: kramdown writes the start tag again from its attributes, the list's added (classes joined). */
function setTagAttributes(state: StateCore, tag: Token, list: string): void {
  const [, name, attributes, selfClosing] = /^<([^\s/>]+)([^>]*?)(\/?)>$/.exec(tag.content)!;
  const holder = new state.Token('html_inline', '', 0);
  for (const [, key, double, single, plain] of attributes.matchAll(TAG_ATTRIBUTE)) holder.attrSet(key, double ?? single ?? plain ?? '');
  setAttributes(holder, list);
  const written = (holder.attrs ?? []).map(([key, value]) => ` ${key}="${attributeValue(String(value))}"`).join('');
  tag.content = `<${name}${written}${selfClosing ? ' />' : '>'}`;
}

/** The token holding the attributes of the span that ends at `index`, if it is one kramdown would give them to. */
function spanEndingAt(children: Token[], index: number): Token | undefined {
  const end = children[index];
  if (end.type === 'image' || end.type === 'code_inline') return end;
  if (end.type === 'html_inline') return htmlElementEndingAt(children, index);
  const openType = CLOSING_TYPES[end.type];
  if (!openType) return undefined;
  for (let depth = 0, i = index - 1; i >= 0; i--) {
    if (children[i].type === end.type) depth++;
    else if (children[i].type === openType && depth-- === 0) return children[i];
  }
  return undefined;
}

/** The start tag of the HTML element that ends at `index`: its end tag's partner, or a tag that closes itself (`<img …>`, `<br/>`). */
function htmlElementEndingAt(children: Token[], index: number): Token | undefined {
  const end = children[index];
  const closing = /^<\/([^\s>]+)\s*>$/.exec(end.content)?.[1];
  if (closing === undefined) {
    const name = /^<([^\s/>]+)/.exec(end.content)?.[1].toLowerCase() ?? '';
    return end.content.endsWith('/>') || ELEMENTS_WITHOUT_BODY.test(name) ? end : undefined;
  }
  const tag = new RegExp(`^<(/?)${closing.replace(/[.]/g, '\\.')}(?=[\\s/>])`, 'i');
  for (let depth = 0, i = index - 1; i >= 0; i--) {
    const match = children[i].type === 'html_inline' ? tag.exec(children[i].content) : null;
    if (match?.[1]) depth++;
    else if (match && depth-- === 0) return children[i];
  }
  return undefined;
}

/** `HEADER_ID`: a header's text may end in ` {#id}`, the id it gets (an XML name). */
const HEADER_ID = /[\t ]\{#([\p{L}_:][\p{L}\p{N}_:.\u00B7-]*)\}$/u;

/** `## Back to Top {#top-link}`: the header's id, taken out of its text, as kramdown's header parser does. */
export function headerIds(state: StateCore): void {
  let lines: string[] | undefined;
  state.tokens.forEach((token, index) => {
    const inline = state.tokens[index + 1];
    if (token.type !== 'heading_open' || inline?.type !== 'inline') return;
    const id = HEADER_ID.exec(inline.content);
    // kramdown looks for the id before it drops closing hashes: in `# Title {#t1} #` it is text.
    if (!id || (token.markup.startsWith('#') && token.map && !HEADER_ID.test((lines ??= state.src.split('\n'))[token.map[0]].trimEnd()))) return;
    inline.content = inline.content.slice(0, id.index).trimEnd();
    token.attrSet('id', id[1]);
  });
}
