/**
 * kramdown's table of contents: the first list carrying the `{:toc}` reference is replaced by a
 * nested list of links to the page's headers (`Converter::Html#generate_toc_tree`), in kramdown's
 * own layout of the HTML.
 */
import type MarkdownIt = require('markdown-it');

type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** The ALD references of an IAL (`{:toc}`), kept on the token they apply to. */
export function addReference(token: Token, name: string): void {
  const meta = (token.meta ?? {}) as { refs?: string[] };
  meta.refs = [...(meta.refs ?? []), name];
  token.meta = meta;
}

function hasReference(token: Token, name: string): boolean {
  return ((token.meta as { refs?: string[] } | null)?.refs ?? []).includes(name);
}

interface Entry {
  level: number;
  id: string;
  html: string;
  children: Entry[];
}

/** A core rule, run once header ids are set: swaps the `{:toc}` list for the table of contents of the page's `toc_levels`. */
export function tableOfContents(levelsOf: (state: StateCore) => readonly number[], renderInline: (tokens: Token[]) => string) {
  return (state: StateCore): void => {
    const tokens = state.tokens;
    const levels = levelsOf(state);
    const start = tokens.findIndex((token) => (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') && hasReference(token, 'toc'));
    if (start === -1) return;
    const open = tokens[start];
    const end = tokens.findIndex((token, index) => index > start && token.type === open.type.replace('_open', '_close') && token.level === open.level);
    const attrs: [string, string][] = (open.attrs ?? []).map(([name, value]) => [name, String(value)]);
    if (!attrs.some(([name]) => name === 'id')) attrs.push(['id', 'markdown-toc']);
    const listId = attrs.find(([name]) => name === 'id')![1];
    const tag = open.tag;

    const roots: Entry[] = [];
    const stack: Entry[] = [];
    tokens.forEach((token, index) => {
      const level = Number(token.tag.slice(1));
      const id = token.attrGet('id');
      if (token.type !== 'heading_open' || id === null || !levels.includes(level) || /\bno_toc\b/.test(String(token.attrGet('class') ?? ''))) return;
      const entry: Entry = { level, id: String(id), html: withoutLinks(renderInline(tokens[index + 1]?.children ?? [])), children: [] };
      while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1].children : roots).push(entry);
      stack.push(entry);
    });

    const html = roots.length === 0 ? '' : listHtml(tag, attrs, roots, listId, 0, state.md.utils.escapeHtml);
    const block = new state.Token('html_block', '', 0);
    block.content = html;
    tokens.splice(start, (end === -1 ? tokens.length : end + 1) - start, block);
  };
}

/** A TOC entry keeps the header's markup but not its links (`unwrap_links`). */
function withoutLinks(html: string): string {
  return html.replace(/<a\b[^>]*>|<\/a>/gi, '');
}

/** kramdown's indented block HTML: two spaces a level, a nested list right after its entry's link. */
function listHtml(tag: string, attrs: [string, string][], entries: Entry[], listId: string, indent: number, escape: (text: string) => string): string {
  const pad = ' '.repeat(indent);
  const attributes = attrs.map(([name, value]) => ` ${name}="${escape(value)}"`).join('');
  const items = entries.map((entry) => {
    const link = `<a href="#${escape(entry.id)}" id="${escape(`${listId}-${entry.id}`)}">${entry.html}</a>`;
    if (entry.children.length === 0) return `${pad}  <li>${link}</li>\n`;
    return `${pad}  <li>${link}${listHtml(tag, [], entry.children, listId, indent + 4, escape)}${pad}  </li>\n`;
  });
  return `${pad}<${tag}${attributes}>\n${items.join('')}${pad}</${tag}>\n`;
}
