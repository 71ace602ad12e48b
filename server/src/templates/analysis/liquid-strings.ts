/**
 * Quoted strings as Ruby's Liquid reads them. Liquid 5.4's `QuotedString` is `"[^"]*"|'[^']*'`: a string
 * ends at the next quote of its kind and holds no escapes, so `"\'"` is a backslash and a quote, and
 * `"\n"` a backslash and an n. liquidjs reads JavaScript's escapes instead, which turns Jekyll's common
 * `replace: "'", "\'"` (escaping quotes for a script) into a no-op and ends `'a\'` somewhere else.
 * Every liquidjs `Tokenizer` in this process reads strings that way once this module is loaded: the
 * renderer and the template analysis must agree on where a string ends.
 */
import { QuotedToken, Tokenizer } from 'liquidjs';

type QuotedTokenClass = new (input: string, begin: number, end: number, file?: string) => QuotedToken;

const QUOTES = new Set(['"', "'"]);
/** liquidjs does not export its quoted-string token: take the class from one it makes. */
const QuotedTokenOf = new Tokenizer('""').readQuoted()!.constructor as QuotedTokenClass;

Object.defineProperty(Tokenizer.prototype, 'readQuoted', {
  configurable: true,
  writable: true,
  value: function readQuoted(this: Tokenizer): QuotedToken | undefined {
    this.skipBlank();
    const begin = this.p;
    const quote = this.input[begin];
    if (!QUOTES.has(quote)) return undefined;
    const close = this.input.indexOf(quote, begin + 1);
    // An unclosed string runs to the end, as liquidjs's own reader has it.
    const closed = close >= 0 && close < this.N;
    this.p = closed ? close + 1 : this.N;
    const token = new QuotedTokenOf(this.input, begin, this.p, this.file);
    // Its constructor read the text with escapes: the content is the text between the quotes.
    return Object.assign(token, { content: this.input.slice(begin + 1, closed ? close : this.N) });
  },
});
