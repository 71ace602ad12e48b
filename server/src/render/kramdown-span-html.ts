/**
 * HTML inside a paragraph as kramdown's span parser reads it (`parse_span_html`): a tag it does not
 * accept (`<img src=x onerror=alert(1)>`) is text, escaped; unquoted values are written quoted; the
 * `markdown` attribute is read and dropped; `<br>` is written `<br />`. Only the content of span elements (`<em>`, `<a>`,
 * `<span>`…) is Markdown: in any other element (`<code>`, `<kbd>`, `<u>`, `<mark>`, custom ones) it is
 * plain text, with no emphasis, smart quotes or dashes; that of `<script>` and `<style>` is not even escaped.
 */
import type MarkdownIt = require('markdown-it');
import { ELEMENTS_WITHOUT_BODY, markdownAttribute, SPAN_CONTENT_ELEMENTS, withoutMarkdownAttribute } from './kramdown-html';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** A start tag as kramdown's span parser accepts it: unquoted attribute values must be word characters only. */
const KRAMDOWN_START_TAG = /^<[A-Za-z_:][\w:.-]*(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:[\p{L}\p{N}_]+|"[^"]*"|'[^']*'))?)*\s*\/?>$/u;
const UNQUOTED_VALUE = /(\s[A-Za-z_:][\w:.-]*\s*=\s*)([\p{L}\p{N}_]+)(?=[\s/>])/gu;
/** Text kramdown read without Markdown: escaped when written, left alone by typography and smart quotes. */
const PLAIN_TEXT = 'kramdown_plain_text';

export function kramdownSpanHtml(md: Markdown, escape: (text: string) => string): void {
  md.core.ruler.before('kramdown_typography', 'kramdown_span_html', spanHtmlAsKramdown);
  md.renderer.rules[PLAIN_TEXT] = (tokens, idx) => escape(tokens[idx].content);
}

/** How an element's content reads in a paragraph: `markdown="span"` makes it Markdown, `0` plain; otherwise span elements' content alone is Markdown. */
function contentIsMarkdown(name: string, markdown: string | undefined): boolean {
  if (markdown === 'span') return true;
  return markdown !== '0' && SPAN_CONTENT_ELEMENTS.has(name);
}

function spanHtmlAsKramdown(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    /** The element whose content is being read as it stands, and whether it is script or style (not escaped). */
    let plainUntil: { end: RegExp; verbatim: boolean } | undefined;
    /** Elements whose start tag became text: their end tag does too. */
    const refused: string[] = [];
    for (const child of block.children) {
      if (plainUntil !== undefined) {
        if (child.type === 'html_inline' && plainUntil.end.test(child.content)) plainUntil = undefined;
        else if (plainUntil.verbatim) child.type = 'html_inline';
        else asPlainText(child);
        continue;
      }
      const end = child.type === 'html_inline' ? /^<\/([A-Za-z][\w:.-]*)\s*>$/.exec(child.content) : null;
      if (end && refused.includes(end[1].toLowerCase())) {
        refused.splice(refused.lastIndexOf(end[1].toLowerCase()), 1);
        child.type = 'text';
        continue;
      }
      if (child.type !== 'html_inline' || !/^<[A-Za-z]/.test(child.content)) continue;
      if (!KRAMDOWN_START_TAG.test(child.content)) {
        refused.push(/^<([\w:.-]+)/.exec(child.content)![1].toLowerCase());
        child.type = 'text';
        continue;
      }
      const name = /^<([\w:.-]+)/.exec(child.content)![1];
      const attributes = child.content.slice(name.length + 1, child.content.endsWith('/>') ? -2 : -1);
      const markdown = markdownAttribute(attributes);
      child.content = child.content.replace(attributes, withoutMarkdownAttribute(attributes)).replace(UNQUOTED_VALUE, '$1"$2"');
      if (ELEMENTS_WITHOUT_BODY.test(name.toLowerCase())) {
        // kramdown writes an element that has no content as `<br />`, however it was typed.
        child.content = child.content.replace(/\s*\/?>$/, ' />');
        continue;
      }
      if (child.content.endsWith('/>')) continue;
      const verbatim = /^(?:script|style)$/i.test(name);
      if (verbatim || !contentIsMarkdown(name.toLowerCase(), markdown)) {
        plainUntil = { end: new RegExp(`^</${name.replace(/[.]/g, '\\.')}\\s*>$`, 'i'), verbatim };
      }
    }
  }
}

/** A token inside an element whose content kramdown does not read as Markdown, back to the text it came from. */
function asPlainText(token: Token): void {
  if (token.type === 'text' || (token.type === 'text_special' && token.info === 'entity')) {
    token.type = PLAIN_TEXT;
  } else if (token.type === 'text_special') {
    token.type = PLAIN_TEXT;
    token.content = token.markup;
  } else if (/^(?:em|strong|s)_(?:open|close)$/.test(token.type)) {
    token.type = PLAIN_TEXT;
    token.content = token.markup;
    token.tag = '';
  } else if (token.type === 'code_inline') {
    token.type = PLAIN_TEXT;
    token.content = `${token.markup}${token.content}${token.markup}`;
  }
}
