/**
 * Rouge's regex state machine (Rouge 3.30's `regex_lexer.rb` and `lexer.rb`): a lexer is a set of
 * named states, each a list of rules tried in order at the current position; the first rule that
 * matches yields tokens and may push, pop or replace states. Lexers are written as in Rouge, so
 * that the same input gives the same tokens.
 *
 * Ruby's StringScanner (which Rouge uses) sees only the text from the current position on: `^` and
 * `\A` match there, and a lookbehind cannot see what came before. Each rule is therefore tried on
 * the rest of the text, not on the whole of it.
 */
import { Error as ErrorToken, TokenType } from './tokens';

export type Token = [TokenType, string];
export type Emit = (type: TokenType, value: string) => void;

/** A language's lexer: the names code blocks ask for it by (Rouge's `tag` and `aliases`), and fresh lexes. */
export interface Lexer {
  readonly tag: string;
  readonly names: string[];
  begin(): Run;
}

/** One lex in progress, which may go on over several pieces of text (Rouge's `continue_lex`). */
export interface Run {
  continueLex(text: string, emit: Emit): void;
}

/** The tokens of `text`, consecutive ones of one type joined, as Rouge's `lex` yields them. */
export function lex(lexer: Lexer, text: string): Token[] {
  const tokens: Token[] = [];
  lexer.begin().continueLex(text, (type, value) => {
    const last = tokens[tokens.length - 1];
    if (last && last[0] === type) last[1] += value;
    else tokens.push([type, value]);
  });
  return tokens;
}

export type Callback<M> = (lexing: Lexing<M>, match: RegExpExecArray) => void;

interface Rule<M> {
  pattern: RegExp;
  /** Rouge tries a rule written `^…` only at the start of a line (StringScanner's `^` would match anywhere). */
  atLineStart: boolean;
  callback: Callback<M>;
}

/** The rules of another state, tried in place (Rouge's `mixin`). */
interface Mixin {
  mixin: string;
}

export type RuleSpec<M> = Rule<M> | Mixin;

interface State<M> {
  name: string;
  rules: RuleSpec<M>[];
}

/** What a rule does after yielding its token: Rouge's `:pop!`, `:push` (the current state again), or a state to push. */
type Next = 'pop!' | 'push' | string;

/**
 * A rule: when `pattern` matches, yield `action` as the token for the whole match (then go to
 * `next`), or run `action` as a callback. Patterns are Ruby's: `^` and `$` are line anchors, and
 * Ruby's `/m` is written as JavaScript's `s` flag.
 */
export function rule<M = undefined>(pattern: RegExp, action: TokenType | Callback<M>, next?: Next): Rule<M> {
  const flags = [...new Set([...pattern.flags.replace('m', ''), 'y'])].join('');
  return {
    pattern: new RegExp(asRubyReads(pattern.source, flags.includes('s')), flags),
    atLineStart: pattern.source.startsWith('^'),
    callback: typeof action === 'function' ? action : yieldThen(action, next),
  };
}

/**
 * A pattern's source with Ruby's meaning of `^`, `$` and `.`: only `\n` ends a line (JavaScript's
 * also end one at `\r`, which matters in files saved with Windows line endings).
 */
function asRubyReads(source: string, dotAll: boolean): string {
  let result = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      result += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      result += c;
    } else if (c === '[') {
      inClass = true;
      result += c;
    } else if (c === '^') {
      result += '(?<![^\\n])';
    } else if (c === '$') {
      result += '(?![^\\n])';
    } else if (c === '.' && !dotAll) {
      result += '[^\\n]';
    } else {
      result += c;
    }
  }
  return result;
}

function yieldThen<M>(type: TokenType, next: Next | undefined): Callback<M> {
  if (next === undefined) return (lexing) => lexing.token(type);
  if (next === 'pop!') return (lexing) => { lexing.token(type); lexing.pop(); };
  if (next === 'push') return (lexing) => { lexing.token(type); lexing.push(); };
  return (lexing) => { lexing.token(type); lexing.push(next); };
}

/** A list of words written as Rouge writes them (`%w(...)`), for keyword tests. */
export function words(list: string): Set<string> {
  return new Set(list.trim().split(/\s+/));
}

export function mixin(state: string): Mixin {
  return { mixin: state };
}

export interface LexerDefinition<M> {
  /** Rouge's `tag`, the name code blocks ask for, and its `aliases`. */
  tag: string;
  aliases?: string[];
  /** The states, built on first use so that no regex is compiled before a lexer is needed. */
  states: () => Record<string, RuleSpec<M>[]>;
  /** Each fresh lex: the lexer's own variables (Rouge's `start` blocks). */
  memory?: () => M;
  /** States pushed on `root` at the start of each fresh lex. */
  startStates?: string[];
}

/** Rouge gives up on rules that keep matching nothing after this many tries in a row, and yields an error character. */
const MAX_NULL_SCANS = 5;

export class RegexLexer<M = undefined> implements Lexer {
  private states?: Map<string, State<M>>;

  constructor(private readonly definition: LexerDefinition<M>) {}

  get tag(): string {
    return this.definition.tag;
  }

  get names(): string[] {
    return [this.definition.tag, ...(this.definition.aliases ?? [])];
  }

  state(name: string): State<M> {
    if (!this.states) {
      this.states = new Map(Object.entries(this.definition.states()).map(([stateName, rules]) => [stateName, { name: stateName, rules }]));
    }
    const found = this.states.get(name);
    if (!found) throw new globalThis.Error(`the ${this.tag} lexer has no state ${name}`);
    return found;
  }

  /** A fresh lex, as Rouge's `lex` after `reset!`. */
  begin(): Lexing<M> {
    const lexing = new Lexing(this, this.definition.memory ? this.definition.memory() : (undefined as M));
    for (const name of this.definition.startStates ?? []) lexing.push(name);
    return lexing;
  }
}

/** One lex in progress: the state stack and the lexer's own variables, which a delegating lexer keeps between calls. */
export class Lexing<M> implements Run {
  private stack: State<M>[];
  private emit: Emit = () => undefined;
  private match: RegExpExecArray = Object.assign([''], { index: 0, input: '' }) as RegExpExecArray;
  private nullSteps = 0;

  constructor(readonly lexer: RegexLexer<M>, readonly memory: M) {
    this.stack = [lexer.state('root')];
  }

  /** Lexes `text` on from where the last call left the stack (Rouge's `continue_lex`). */
  continueLex(text: string, emit: Emit): void {
    const outerEmit = this.emit;
    this.emit = emit;
    this.nullSteps = 0;
    let position = 0;
    while (position < text.length) {
      const rest = text.slice(position);
      const atLineStart = position === 0 || text[position - 1] === '\n';
      const consumed = this.step(this.current(), rest, atLineStart);
      if (consumed === undefined) {
        const character = String.fromCodePoint(text.codePointAt(position) ?? 0);
        this.emit(ErrorToken, character);
        position += character.length;
      } else {
        position += consumed;
      }
    }
    this.emit = outerEmit;
  }

  /** How much of `rest` the first matching rule of `state` took, or undefined when none matched. */
  private step(state: State<M>, rest: string, atLineStart: boolean): number | undefined {
    for (const spec of state.rules) {
      if ('mixin' in spec) {
        const consumed = this.step(this.lexer.state(spec.mixin), rest, atLineStart);
        if (consumed !== undefined) return consumed;
        continue;
      }
      if (spec.atLineStart && !atLineStart) continue;
      spec.pattern.lastIndex = 0;
      const match = spec.pattern.exec(rest);
      if (!match) continue;
      this.match = match;
      spec.callback(this, match);
      if (match[0].length > 0) {
        this.nullSteps = 0;
      } else if (++this.nullSteps > MAX_NULL_SCANS) {
        return undefined;
      }
      return match[0].length;
    }
    return undefined;
  }

  private current(): State<M> {
    if (this.stack.length === 0) this.stack.push(this.lexer.state('root'));
    return this.stack[this.stack.length - 1];
  }

  /** Yields a token: the whole match unless `value` is given; empty values yield nothing. */
  token(type: TokenType, value: string | undefined = this.match[0]): void {
    this.yieldToken(type, value);
  }

  /** Yields one token per capture group of the match, in order. */
  groups(...types: TokenType[]): void {
    types.forEach((type, index) => this.yieldToken(type, this.match[index + 1]));
  }

  /** A group that did not take part in the match, like an empty one, yields nothing. */
  private yieldToken(type: TokenType, value: string | undefined): void {
    if (value) this.emit(type, value);
  }

  /** Pushes a state by name, a state made of `rules` (Rouge's `push do … end`), or the current state again. */
  push(state?: string | RuleSpec<M>[]): void {
    if (state === undefined) this.stack.push(this.current());
    else if (typeof state === 'string') this.stack.push(this.lexer.state(state));
    else this.stack.push({ name: 'dynamic', rules: state });
  }

  pop(times = 1): void {
    this.stack.splice(Math.max(0, this.stack.length - times));
  }

  goto(state: string): void {
    this.stack[Math.max(0, this.stack.length - 1)] = this.lexer.state(state);
  }

  resetStack(): void {
    this.stack = [this.lexer.state('root')];
  }

  /** Whether the state on top of the stack is `name` (Rouge's `state?`). */
  isState(name: string): boolean {
    return this.current().name === name;
  }

  /** Whether `name` is anywhere on the stack (Rouge's `in_state?`). */
  inState(name: string): boolean {
    return this.stack.some((state) => state.name === name);
  }

  /** Lexes `text` (the match by default) with another lexer: a fresh lex of a lexer, or the continued lex of a run. */
  delegate(target: Lexer | Run, text: string = this.match[0]): void {
    const run = 'begin' in target ? target.begin() : target;
    run.continueLex(text, (type, value) => this.token(type, value));
  }

  /** Lexes `text` with a fresh lex of this same lexer. */
  recurse(text: string = this.match[0]): void {
    this.delegate(this.lexer, text);
  }
}
