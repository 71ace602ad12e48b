/**
 * kramdown's span IALs (`Parser::Kramdown#parse_span_extensions`): `[link](url){: .btn }`,
 * `*em*{: #id}` and `![image](src){: .wide}` give their attributes to the element right before
 * them. After text (`word{: .x}`, or a space before the braces) kramdown keeps them as text.
 */
import type MarkdownIt = require('markdown-it');
import type { SetAttributes } from './kramdown-definition-lists';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

/** `IAL_SPAN_START`, not an extension (`{::name}`) or a stop tag (`{:/}`). */
const SPAN_IAL = /^\{:(?![:/])((?:\\\}|[^}])+)\}/;

export function kramdownSpanAttributes(md: Markdown, setAttributes: SetAttributes): void {
  md.inline.ruler.before('text', 'kramdown_span_ial', spanIal);
  // After emphasis is resolved: only then are `*em*` an element.
  md.inline.ruler2.push('kramdown_span_ial', (state) => applySpanIals(state, setAttributes));
}

function spanIal(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */ || state.src.charCodeAt(state.pos + 1) !== 0x3a /* : */) return false;
  const match = SPAN_IAL.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('kramdown_span_ial', '', 0);
    token.content = match[0];
    token.meta = { list: match[1] };
  }
  state.pos += match[0].length;
  return true;
}

/** Each IAL to the element it follows, or back to text when it follows none. */
function applySpanIals(state: StateInline, setAttributes: SetAttributes): boolean {
  const tokens = state.tokens;
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index];
    if (token.type !== 'kramdown_span_ial') continue;
    const target = elementBefore(tokens, index);
    if (target) {
      setAttributes(target, (token.meta as { list: string }).list);
      tokens.splice(index, 1);
    } else {
      token.type = 'text';
    }
  }
  return false;
}

/** The opening token (or the image) of the element that ends right before `index`. */
function elementBefore(tokens: Token[], index: number): Token | undefined {
  let before = index - 1;
  // Emphasis leaves the rest of its `**` or `~~` as empty text.
  while (tokens[before]?.type === 'text' && tokens[before].content === '') before--;
  const previous = tokens[before];
  if (!previous) return undefined;
  if (previous.type === 'image' || previous.type === 'code_inline') return previous;
  if (previous.nesting !== -1) return undefined;
  const openType = previous.type.replace(/_close$/, '_open');
  for (let i = before - 1; i >= 0; i--) if (tokens[i].type === openType && tokens[i].level === previous.level) return tokens[i];
  return undefined;
}
