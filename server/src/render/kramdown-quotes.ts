/**
 * kramdown's smart quotes (`parser/kramdown/smart_quotes.rb`): each `"` and `'` becomes a curly quote
 * by the characters around it in the source, one at a time, where markdown-it pairs them (and leaves a
 * quote without partner straight). The characters come from the `smart_quotes` option: entity names
 * or code points of the left and right single, left and right double quote, e.g. `apos,apos,quot,quot`
 * to keep straight quotes. The right single quote is also the apostrophe.
 */
import type MarkdownIt = require('markdown-it');

type Markdown = InstanceType<typeof MarkdownIt>;
type Token = MarkdownIt.Token;

/** Left single, right single, left double, right double: kramdown's order. */
type Quotes = [string, string, string, string];

const DEFAULT_QUOTES: Quotes = ['\u2018', '\u2019', '\u201C', '\u201D'];

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

/** Puts kramdown's smart quotes, with the site's characters, in place of markdown-it's. */
export function kramdownQuotes(md: Markdown, setting: unknown): void {
  const quotes = smartQuotes(setting, md.utils.unescapeAll) ?? DEFAULT_QUOTES;
  md.core.ruler.at('smartquotes', (state) => {
    for (const block of state.tokens) if (block.type === 'inline' && block.children) placeQuotes(block.children, quotes);
  });
}

/** `SQ_PUNCT` and `SQ_CLOSE` (a character a closing quote may follow). */
const PUNCT = '[!"#$%&\'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]';
const CLOSE = '[^ \\\\\\t\\r\\n\\[{(-]';

type Kind = 'lquote1' | 'rquote1' | 'lquote2' | 'rquote2' | 'lsquo' | 'rsquo' | 'ldquo' | 'rdquo';

/** `SQ_RULES`, tried in order where a quote (and the character before it) starts: a number keeps that group as text. */
const RULES: [RegExp, (number | Kind)[]][] = [
  [/(["'])(?=[_*]{1,2}\S)/y, ['lquote1']],
  [new RegExp(`(["'])(?=${PUNCT}(?!\\.\\.)\\B)`, 'y'), ['rquote1']],
  [/(\s?)"'(?=\w)/y, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/y, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/y, [1, 'rsquo']],
  [/(\s)(['"])(?=\w)/y, [1, 'lquote2']],
  [new RegExp(`(${CLOSE})(['"])`, 'y'), [1, 'rquote2']],
  [/(["'])(?=\s|s\b|$)/my, ['rquote1']],
  [/([^]?)'/y, [1, 'lsquo']],
  [/([^]?)"/y, [1, 'ldquo']],
];

/**
 * The inline tokens as kramdown's span parser meets them in the source: text as it is, every other
 * token as the characters it was written with (`*`, `` ` ``, `[`…), where quotes become `` ` ``: they are
 * no smart quotes (code, HTML, escapes), but they are punctuation a rule looks ahead to. `inText`
 * marks the characters of the page's own text (a soft line break is a newline in it).
 */
function sourceView(children: Token[]): { view: string; inText: boolean[]; textStarts: Map<Token, number> } {
  const textStarts = new Map<Token, number>();
  const inText: boolean[] = [];
  let view = '';
  const add = (text: string, isText: boolean): void => {
    view += text;
    for (let i = 0; i < text.length; i++) inText.push(isText);
  };
  const inert = (text: string): string => text.replace(/["']/g, '`');
  let insideAutolink = 0;
  for (const child of children) {
    if (child.type === 'link_open' && child.info === 'auto') insideAutolink++;
    if (child.type === 'link_close' && child.info === 'auto') insideAutolink--;
    if (child.type === 'text' && insideAutolink === 0) {
      textStarts.set(child, view.length);
      add(child.content, true);
    } else if (child.type === 'softbreak') add('\n', true);
    else if (child.type === 'code_inline') add(`${child.markup}${inert(child.content)}${child.markup}`, false);
    else if (child.type === 'hardbreak') add('\n', false);
    else if (child.type === 'link_open' || child.type === 'image') add('[', false);
    else if (child.type === 'link_close') add(')', false);
    else add(inert(child.markup || child.content), false);
  }
  return { view, inText, textStarts };
}

/**
 * kramdown's span parser stops where a quote, or the character before it, starts (`SMART_QUOTES_RE`,
 * not after a backslash), and tries the rules there. A character another span took (the `*` of
 * emphasis, a code span's backtick) is not before the quote: the quote starts its text.
 */
function placeQuotes(children: Token[], quotes: Quotes): void {
  if (!children.some((child) => child.type === 'text' && /["']/.test(child.content))) return;
  const { view, inText, textStarts } = sourceView(children);
  const placed = new Map<number, string>();
  let resume = 0;
  for (let quote = 0; quote < view.length; quote++) {
    if (quote < resume || !inText[quote] || (view[quote] !== '"' && view[quote] !== "'")) continue;
    const before = quote - 1;
    const at = before >= resume && inText[before] && view[before] !== '\\' ? before : quote;
    for (const [rule, parts] of RULES) {
      rule.lastIndex = at;
      const found = rule.exec(view);
      if (!found) continue;
      let offset = at;
      for (const part of parts) {
        if (typeof part === 'number') {
          offset += found[part].length;
          continue;
        }
        placed.set(offset, quoteFor(part, view[offset], quotes));
        offset++;
      }
      resume = at + found[0].length;
      break;
    }
  }
  for (const [child, start] of textStarts) {
    let content = '';
    for (let i = 0; i < child.content.length; i++) content += placed.get(start + i) ?? child.content[i];
    child.content = content;
  }
}

/** `SQ_SUBSTS`: the quote a rule's kind makes of `"` or `'`. */
function quoteFor(kind: Kind, char: string, [lsquo, rsquo, ldquo, rdquo]: Quotes): string {
  const double = char === '"';
  switch (kind) {
    case 'lquote1': case 'lquote2': return double ? ldquo : lsquo;
    case 'rquote1': case 'rquote2': return double ? rdquo : rsquo;
    case 'lsquo': return lsquo;
    case 'rsquo': return rsquo;
    case 'ldquo': return ldquo;
    case 'rdquo': return rdquo;
  }
}
