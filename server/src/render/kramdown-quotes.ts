/**
 * kramdown's `smart_quotes` option: the four characters its smart quotes become (left and right
 * single, left and right double), given as entity names or code points, e.g.
 * `apos,apos,quot,quot` to keep straight quotes. The right single quote is also the apostrophe.
 */
import type MarkdownIt = require('markdown-it');

type Markdown = InstanceType<typeof MarkdownIt>;
type StateCore = MarkdownIt.StateCore;

type Quotes = [string, string, string, string];

const RIGHT_SINGLE = '\u2019';
/** Stands in for a right single quote the author typed, while markdown-it's own apostrophes are replaced. */
const TYPED_RIGHT_SINGLE = '\uE019';

/** The four characters, or undefined for a value kramdown refuses (it then keeps its default). */
export function smartQuotes(value: unknown, decodeEntity: (entity: string) => string): Quotes | undefined {
  const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  if (names.length !== 4) return undefined;
  const chars = names.map((name) => {
    const trimmed = name.trim();
    if (/^\d+$/.test(trimmed)) return String.fromCodePoint(Number(trimmed));
    const char = decodeEntity(`&${trimmed};`);
    return char === `&${trimmed};` ? undefined : char;
  });
  return chars.every((char) => char !== undefined) ? chars as Quotes : undefined;
}

/** Makes `md`'s typographer write the site's smart quotes, its apostrophes included. */
export function kramdownQuotes(md: Markdown, setting: unknown): void {
  const quotes = smartQuotes(setting, md.utils.unescapeAll);
  if (!quotes) return;
  // markdown-it lists the double quotes first, kramdown the single ones.
  md.set({ quotes: [quotes[2], quotes[3], quotes[0], quotes[1]] });
  if (quotes[1] === RIGHT_SINGLE) return;
  // markdown-it writes every apostrophe as U+2019 whatever its quotes are.
  md.core.ruler.before('smartquotes', 'kramdown_typed_quotes', (state) => replaceInText(state, RIGHT_SINGLE, TYPED_RIGHT_SINGLE));
  md.core.ruler.after('smartquotes', 'kramdown_apostrophes', (state) => {
    replaceInText(state, RIGHT_SINGLE, quotes[1]);
    replaceInText(state, TYPED_RIGHT_SINGLE, RIGHT_SINGLE);
  });
}

function replaceInText(state: StateCore, from: string, to: string): void {
  for (const block of state.tokens) {
    for (const child of block.type === 'inline' ? block.children ?? [] : []) {
      if (child.type === 'text' && child.content.includes(from)) child.content = child.content.split(from).join(to);
    }
  }
}

/**
 * kramdown decides a smart quote by the characters beside it in the source, where a code span's
 * neighbour is its backtick; markdown-it looks at the code's first or last character instead. Where
 * that is a blank (`"` + `` ` #` `` + `"`), markdown-it saw a quote beside a space and left it straight:
 * while the quotes are placed, such a code span shows its backticks. Others keep their text, which
 * markdown-it's rules read as kramdown does (`` `html-proofer`'s `` has an apostrophe).
 */
export function codeSpansBesideQuotes(md: Markdown): void {
  const hidden = new WeakMap<MarkdownIt.Token, string>();
  md.core.ruler.before('smartquotes', 'kramdown_code_as_backticks', (state) => {
    for (const code of codeSpans(state)) {
      if (!/^\s|\s$/.test(code.content)) continue;
      hidden.set(code, code.content);
      code.content = code.markup;
    }
  });
  md.core.ruler.after('smartquotes', 'kramdown_code_restored', (state) => {
    for (const code of codeSpans(state)) code.content = hidden.get(code) ?? code.content;
  });
}

function* codeSpans(state: StateCore): Generator<MarkdownIt.Token> {
  for (const block of state.tokens) {
    for (const child of block.type === 'inline' ? block.children ?? [] : []) if (child.type === 'code_inline') yield child;
  }
}
