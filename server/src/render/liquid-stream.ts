/**
 * How liquidjs's parser gets its tokens, and big templates rendered a batch of tags at a time.
 *
 * liquidjs tokenises a whole template into an array, parses the whole array, then renders: for a
 * 50 MB page of tags the token and template objects alone took gigabytes, and most of the time went
 * to collecting them. A big template is instead read lazily from the tokenizer (whitespace control
 * applied with one token of look-ahead, as liquidjs's `whiteSpaceCtrl` does over the whole array),
 * and each batch of top-level templates rendered and dropped; the output is the same.
 */
import { JoinedText } from './joined-text';
import { renderTemplatesSync } from './liquid-sync';
import { Context, Liquid, TagToken, TokenizationError, Tokenizer, TopLevelToken, TypeGuards } from 'liquidjs';

/** What liquidjs's parser and block tags use of their token list (`shift` and `length`), each in constant time. */
export class TokenQueue {
  private next = 0;

  constructor(private readonly tokens: TopLevelToken[]) {}

  get length(): number {
    return this.tokens.length - this.next;
  }

  shift(): TopLevelToken | undefined {
    return this.next < this.tokens.length ? this.tokens[this.next++] : undefined;
  }
}

/** The same two members, the tokens read from the tokenizer only as they are asked for. */
export class LazyTokens {
  private ahead: TopLevelToken | undefined;
  /** The token before `ahead` ended with `-%}` or `-}}` outside `{% raw %}`: `ahead` loses its leading blanks. */
  private trimAhead = false;
  private inRaw = false;

  constructor(private readonly tokenizer: Tokenizer, private readonly liquid: Liquid) {
    this.ahead = this.read(undefined);
  }

  get length(): number {
    return this.ahead ? 1 : 0;
  }

  shift(): TopLevelToken | undefined {
    const token = this.ahead;
    if (token) this.ahead = this.read(token);
    return token;
  }

  /**
   * `tokenizer.readTopLevelToken`, but text is read to the next tag or output with `indexOf`: liquidjs
   * tests both delimiters at each character of it, the most of its tokenising time on a page of text.
   */
  private readTopLevelToken(): TopLevelToken {
    const { tokenizer } = this;
    const { options } = this.liquid;
    const { tagDelimiterLeft, outputDelimiterLeft } = options;
    const inRaw = (tokenizer as unknown as { rawBeginAt: number }).rawBeginAt > -1;
    if (inRaw || tokenizer.match(tagDelimiterLeft) || tokenizer.match(outputDelimiterLeft)) return tokenizer.readTopLevelToken(options);
    const { input, p: begin, N: end } = tokenizer;
    const textEnd = Math.min(indexOrEnd(input, tagDelimiterLeft, begin, end), indexOrEnd(input, outputDelimiterLeft, begin, end));
    tokenizer.p = textEnd;
    return new (htmlTokenClass(options))(input, begin, textEnd, tokenizer.file);
  }

  /** The next token, trimmed as liquidjs's `whiteSpaceCtrl` trims it and the one before it (not handed out yet). */
  private read(previous: TopLevelToken | undefined): TopLevelToken | undefined {
    if (this.tokenizer.p >= this.tokenizer.N) return undefined;
    const { options } = this.liquid;
    const token = this.readTopLevelToken();
    if (this.trimAhead && TypeGuards.isHTMLToken(token)) trimStart(token, options.greedy);
    this.trimAhead = false;
    if (TypeGuards.isTagToken(token) || TypeGuards.isOutputToken(token)) {
      if (!this.inRaw && token.trimLeft && previous && TypeGuards.isHTMLToken(previous)) trimEnd(previous, options.greedy);
      if (TypeGuards.isTagToken(token) && (token as TagToken).name === 'raw') this.inRaw = true;
      else if (TypeGuards.isTagToken(token) && (token as TagToken).name === 'endraw') this.inRaw = false;
      this.trimAhead = !this.inRaw && token.trimRight;
    }
    return token;
  }
}

type HtmlToken = { input: string; begin: number; end: number; trimLeft: number; trimRight: number };
type HtmlTokenClass = new (input: string, begin: number, end: number, file?: string) => TopLevelToken;

/** Where `word` next starts at or after `from`, or `end` if it does not start before it. */
function indexOrEnd(input: string, word: string, from: number, end: number): number {
  const at = input.indexOf(word, from);
  return at < 0 || at > end ? end : at;
}

/** liquidjs does not export its text token's class: the token of a plain text is one. */
let htmlToken: HtmlTokenClass | undefined;

function htmlTokenClass(options: Liquid['options']): HtmlTokenClass {
  htmlToken ??= new Tokenizer('text').readTopLevelToken(options).constructor as HtmlTokenClass;
  return htmlToken;
}

/** liquidjs's blanks: `greedy` trims newlines and Unicode spaces too, else only spaces, tabs and carriage returns. */
function isBlank(code: number, greedy: boolean): boolean {
  if (code === 0x20 || code === 0x09 || code === 0x0d) return true;
  if (!greedy) return false;
  return (code >= 0x0a && code <= 0x0c) || code === 0xa0 || code === 0x1680 || code === 0x180e || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

function trimEnd(token: HtmlToken, greedy: boolean): void {
  while (isBlank(token.input.charCodeAt(token.end - 1 - token.trimRight), greedy)) token.trimRight++;
}

function trimStart(token: HtmlToken, greedy: boolean): void {
  while (isBlank(token.input.charCodeAt(token.begin + token.trimLeft), greedy)) token.trimLeft++;
  if (token.input.charAt(token.begin + token.trimLeft) === '\n') token.trimLeft++;
}

/** Top-level templates parsed before they render: enough to make each render call worth it, few enough to die young. */
const BATCH = 256;

/** A syntax error met while streaming: the caller repairs the source and starts again. */
export class StreamedParseError extends Error {
  constructor(override readonly cause: unknown) {
    super('syntax error');
  }
}

/**
 * Renders `source` as `liquid.renderSync(liquid.parse(source), scope)` does, a batch of templates at a
 * time. As there, a syntax error anywhere (thrown as `StreamedParseError`, the tokenizer's first)
 * comes before any output, a render error ends the output as an empty string (returned with it), and
 * a top-level `{% break %}` ends the output there.
 */
export function renderStreamed(liquid: Liquid, source: string, file: string, scope: object, renderLimitMs: number): { output: string; error?: unknown } {
  const { options } = liquid;
  const tokens = new LazyTokens(new Tokenizer(source, options.operators, file, undefined, options.groupedExpressions), liquid);
  const ctx = new Context(scope, options, { renderLimit: renderLimitMs, sync: true }, { liquid });
  // The time limit counts rendering only, as when the whole template is parsed before it renders.
  const deadline = ctx.renderLimit as unknown as { limit: number };
  const output = new JoinedText();
  let stopped = false;
  let error: unknown;
  for (;;) {
    const batch = [];
    const parseStarted = performance.now();
    try {
      for (let token = tokens.shift(); token; token = batch.length < BATCH ? tokens.shift() : undefined) {
        batch.push(liquid.parser.parseToken(token, tokens as unknown as TopLevelToken[]));
      }
    } catch (parseError) {
      throw new StreamedParseError(parseError instanceof TokenizationError ? parseError : firstTokenizationError(liquid, source, file) ?? parseError);
    }
    deadline.limit += performance.now() - parseStarted;
    if (batch.length === 0) break;
    // Past a render error or a top-level break nothing renders, but the rest is still parsed: a syntax error there comes first.
    if (stopped) continue;
    try {
      output.add(renderTemplatesSync(liquid, batch, ctx));
      stopped = ctx.breakCalled || ctx.continueCalled;
    } catch (renderError) {
      error = renderError;
      stopped = true;
    }
  }
  return error === undefined ? { output: output.toString() } : { output: '', error };
}

/** liquidjs tokenises the whole template before it parses: an unclosed tag anywhere is the error it reports. */
function firstTokenizationError(liquid: Liquid, source: string, file: string): unknown {
  const { options } = liquid;
  const tokenizer = new Tokenizer(source, options.operators, file, undefined, options.groupedExpressions);
  try {
    while (tokenizer.p < tokenizer.N) tokenizer.readTopLevelToken(options);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Each top-level token of `source` in turn, without keeping them. */
export function* topLevelTokens(liquid: Liquid, source: string): Generator<TopLevelToken> {
  const tokenizer = new Tokenizer(source);
  while (tokenizer.p < tokenizer.N) yield tokenizer.readTopLevelToken(liquid.options);
}
