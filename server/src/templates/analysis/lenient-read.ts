/** liquidjs's reader set up as Jekyll's Liquid, and Liquid's lax (lenient) reading of what it refuses. */
import { Liquid, Tokenizer } from 'liquidjs';
import type { Expression, ValueToken } from 'liquidjs';
import './liquid-strings';

// A locale given saves liquidjs from asking Intl for the machine's one: 100 ms of every start.
const liquid = new Liquid({ jekyllInclude: true, dynamicPartials: false, strictFilters: false, strictVariables: false, locale: 'en-US' });
export const OPTIONS = liquid.options;

export interface FilterLike { name: string; args: FilterArgLike[]; begin: number; withoutColon?: { start: number; end: number } }
export type FilterArgLike = ValueToken | [string?, ValueToken?];

/** Mirrors Liquid's lax mode: initial expression, then `| name: args` pieces, skipping what cannot be read. */
export function readLenient(tk: Tokenizer): { initial?: Expression; filters: FilterLike[] } {
  let initial: Expression | undefined;
  try {
    initial = tk.readExpression();
    if (!initial.valid()) initial = undefined;
  } catch {
    initial = undefined;
  }
  const filters: FilterLike[] = [];
  let guard = 0;
  while (skipToPipe(tk) && guard++ < 10_000) {
    try {
      const name = tk.readIdentifier();
      if (!name.content) continue;
      const args: FilterArgLike[] = [];
      tk.skipBlank();
      let withoutColon: FilterLike['withoutColon'];
      if (tk.peek() === ':') {
        do {
          tk.advance();
          const a = tk.readFilterArg();
          if (a) args.push(a as FilterArgLike);
          tk.skipBlank();
        } while (tk.peek() === ',');
      } else if (!tk.end() && tk.peek() !== '|') {
        // `sort weight`: lax Liquid drops words not introduced by `:`.
        const start = tk.p;
        const pipe = tk.input.indexOf('|', start);
        const end = pipe === -1 || pipe > tk.N ? tk.N : pipe;
        withoutColon = { start, end: start + tk.input.slice(start, end).trimEnd().length };
      }
      filters.push({ name: name.content, args, begin: name.begin, ...(withoutColon ? { withoutColon } : {}) });
    } catch {
      // skip to the next filter
    }
  }
  return { initial, filters };
}

/** Advances past the next `|` outside quotes; false at the end. */
function skipToPipe(tk: Tokenizer): boolean {
  while (!tk.end()) {
    const c = tk.peek();
    if (c === '|') { tk.advance(); return true; }
    if (c === '"' || c === "'") {
      const before = tk.p;
      tk.readQuoted();
      if (tk.p <= before) tk.advance();
      continue;
    }
    tk.advance();
  }
  return false;
}

export function lineEndOf(src: string, offset: number): number {
  const nl = src.indexOf('\n', offset);
  return nl === -1 ? src.length : nl;
}

export function ellipsis(s: string, n = 40): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
