/**
 * Reading Liquid values: expressions, variable lookups, property access and filters, each mapped
 * to a symbol (`symbols.ts`) while recording the front-matter reads, references between pages and
 * orderings they make. The tag walk (`tag-walk.ts`) builds on this.
 */
import { Tokenizer, TypeGuards } from 'liquidjs';
import type { Expression, PropertyAccessToken, QuotedToken, ValueToken } from 'liquidjs';
import type { TemplateLocation, TemplateProblem } from './types';
import { documents, elementOf, groupedFilter, SITE_DOCUMENT_LISTS, SITE_PAGE_LISTS, toList, trimListPath } from './symbols';
import type { Env, FieldSym, Sym, Via } from './symbols';
import { errorMessage } from './raw';
import type { RawAnalysis } from './raw';
import { ellipsis, OPTIONS, readLenient } from './lenient-read';
import type { FilterLike } from './lenient-read';

/** What tag handlers need from a TagToken / LiquidTagToken. */
export interface TagLike { name: string; tokenizer: Tokenizer; begin: number; end: number; content: string }

export interface Block {
  name: string;
  tag: TagLike;
  restore?: [string, boolean, Sym | undefined][];
  /** `via:field` keys an `if`/`unless`/`case` tested: reads of them inside the block are guarded. */
  guards?: Set<string>;
  capture?: { variable: string; outputs: (Sym | undefined)[]; text: boolean };
}

/** State shared by one template's analysis: positions, problems, variables, and the reads its values make. */
export class ValueReader {
  readonly result: RawAnalysis;
  private readonly lineStarts: number[] = [0];
  protected readonly vars: Map<string, Sym | undefined>;
  private readonly params: Map<string, Sym | undefined> | undefined;
  private readonly collections: ReadonlySet<string>;
  protected readonly blocks: Block[] = [];
  /** True while the condition of an `if`/`unless`/`case` is read. */
  protected testing = false;
  /** Location text of the output / tag being analysed. */
  protected expression = '';

  constructor(readonly template: string, readonly src: string, env: Env) {
    this.result = { template, reads: [], references: [], orderings: [], includes: [], problems: [], filters: [], tags: [] };
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.vars = new Map(env.vars);
    this.params = env.params;
    this.collections = env.collections;
  }

  // --- positions & records ---------------------------------------------------

  private pos(offset: number): { line: number; column: number } {
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, column: offset - this.lineStarts[lo] };
  }

  protected loc(offset: number): TemplateLocation {
    const { line, column } = this.pos(offset);
    return { template: this.template, line, column, expression: this.expression };
  }

  protected problem(begin: number, end: number, message: string, cause?: TemplateProblem['cause']): void {
    const a = this.pos(begin), b = this.pos(Math.max(begin, end));
    this.result.problems.push({ line: a.line, column: a.column, endLine: b.line, endColumn: b.column, message, ...(cause ? { cause } : {}) });
  }

  protected parseProblem(e: unknown, what: { begin: number; end: number }, kind: string, cause?: TemplateProblem['cause']): void {
    const tokBegin = (e as { token?: { begin?: unknown } } | undefined)?.token?.begin;
    const at = typeof tokBegin === 'number' && tokBegin >= what.begin && tokBegin < what.end ? tokBegin : what.begin;
    this.problem(at, what.end, `Liquid syntax error in ${kind}: ${errorMessage(e)} (Jekyll ignores it leniently)`, cause);
  }

  private read(via: Via, path: string[], filters: string[], offset: number): void {
    if (!path.length) return;
    const key = `${via}:${path[0]}`;
    const guarded = this.testing || filters.includes('default') || this.blocks.some((b) => b.guards?.has(key));
    this.result.reads.push({ via, path: [...path], filters: [...filters], loc: this.loc(offset), guarded });
  }

  // --- values --------------------------------------------------------------------

  /**
   * Reads `expression | filter: args | …` from `tk` (strictly first, then leniently after
   * reporting a problem) and returns the symbolic result.
   */
  protected filteredValue(tk: Tokenizer, where: { begin: number; end: number }, kind: string, quiet = false): Sym | undefined {
    const begin = tk.p;
    let initial: Expression | undefined;
    let filters: FilterLike[];
    try {
      const fv = tk.readFilteredValue();
      initial = fv.initial;
      filters = fv.filters;
      if (!quiet) this.strictCheck(fv.initial, fv.filters, where, kind);
    } catch (e) {
      tk.p = begin;
      ({ initial, filters } = readLenient(tk));
      if (!quiet) this.parseProblem(e, where, kind, filters.some(f => f.withoutColon) ? 'filter-without-colon' : undefined);
    }
    const names = filters.map(f => f.name);
    let sym: Sym | undefined;
    if (initial) {
      const postfix = initial.postfix;
      sym = this.postfix(postfix, postfix.length === 1 ? names : []);
    }
    return this.applyFilters(sym, filters);
  }

  /**
   * Things liquidjs accepts but Liquid's strict parser rejects and Jekyll's lax parser silently
   * drops, e.g. the stray quote in `assign classes = 'class="active"''`: an unterminated string,
   * or two values without an operator between them.
   */
  private strictCheck(initial: Expression, filters: FilterLike[], where: { begin: number; end: number }, kind: string): void {
    const operands: ValueToken[] = [];
    let depth = 0; // operand stack height when evaluating the postfix
    for (const t of initial.postfix) {
      if (TypeGuards.isOperatorToken(t)) { if (t.getText() !== 'not') depth--; continue; }
      if (TypeGuards.isValueToken(t)) operands.push(t);
      depth++;
    }
    const values = [...operands];
    for (const f of filters) for (const a of f.args) { const v = Array.isArray(a) ? a[1] : a; if (v) values.push(v); }
    for (const v of values) {
      if (TypeGuards.isQuotedToken(v)) {
        const text = v.getText();
        if (text.length < 2 || text[text.length - 1] !== text[0]) {
          this.problem(v.begin, where.end, `Liquid syntax error in ${kind}: unterminated string ${JSON.stringify(ellipsis(text))} (Jekyll ignores it leniently)`, 'unterminated-string');
          return;
        }
      }
    }
    if (depth > 1 && operands.length > 1) {
      const second = [...operands].sort((x, y) => x.begin - y.begin)[1];
      this.problem(second.begin, where.end, `Liquid syntax error in ${kind}: unexpected ${JSON.stringify(ellipsis(this.src.slice(second.begin, where.end).trim()))} (Jekyll ignores it leniently)`);
    }
  }

  /** Records the reads of an expression's operands; returns the symbol of a single-operand expression. */
  private postfix(postfix: Expression['postfix'], filters: string[], onEquals?: (a: Sym | undefined, b: Sym | undefined, at: number) => void): Sym | undefined {
    const stack: (Sym | undefined)[] = [];
    for (const t of postfix) {
      if (TypeGuards.isOperatorToken(t)) {
        const op = t.getText();
        if (op === 'not') { stack.pop(); stack.push(undefined); continue; }
        const b = stack.pop();
        const a = stack.pop();
        if (op === '==' && onEquals) onEquals(a, b, t.begin);
        stack.push(undefined);
      } else if (TypeGuards.isValueToken(t)) {
        stack.push(this.value(t, filters));
      } else {
        stack.push(undefined);
      }
    }
    return postfix.length === 1 ? stack[0] : undefined;
  }

  /** Symbol of a value token; records the field read it makes (with `filters`). */
  protected value(tok: ValueToken, filters: string[]): Sym | undefined {
    if (TypeGuards.isPropertyAccessToken(tok)) return this.access(tok, filters);
    if (TypeGuards.isRangeToken(tok)) {
      this.value(tok.lhs, []);
      this.value(tok.rhs, []);
      return undefined;
    }
    if (TypeGuards.isFilteredValueToken(tok)) {
      const sym = this.postfix(tok.initial.postfix, tok.initial.postfix.length === 1 ? tok.filters.map(f => f.name) : []);
      return this.applyFilters(sym, tok.filters);
    }
    return undefined;
  }

  private lookup(name: string): Sym | undefined {
    if (this.vars.has(name)) return this.vars.get(name);
    if (name === 'page') return { k: 'field', via: 'page', path: [], list: false };
    if (name === 'site') return { k: 'site' };
    if (name === 'include') return { k: 'include' };
    if (name === 'paginator') return { k: 'paginator' };
    return undefined;
  }

  private access(tok: PropertyAccessToken, filters: string[]): Sym | undefined {
    const props = tok.props;
    let sym: Sym | undefined;
    let i = 0;
    if (tok.variable) {
      if (TypeGuards.isValueToken(tok.variable)) this.value(tok.variable, []);
      sym = undefined;
    } else if (props.length) {
      const first = props[0];
      const rootName = TypeGuards.isWordToken(first) ? first.content : TypeGuards.isQuotedToken(first) ? first.content : undefined;
      sym = rootName === undefined ? undefined : this.lookup(rootName);
      if (rootName === undefined && TypeGuards.isValueToken(first)) this.value(first, []);
      i = 1;
    }
    let ended = false; // `.size`: value is a number from here on
    let dynamic = false;
    for (; i < props.length; i++) {
      const p = props[i];
      let key: string | undefined;
      if (TypeGuards.isWordToken(p) || TypeGuards.isQuotedToken(p)) key = p.content;
      else if (TypeGuards.isNumberToken(p)) key = '[]';
      else {
        if (TypeGuards.isValueToken(p)) this.value(p, []); // page[key]: read `key`
        dynamic = true;
      }
      if (dynamic || !sym || ended) break;
      if (key === 'size' && sym.k === 'field') { ended = true; continue; }
      sym = this.prop(sym, key!);
    }
    if (sym && sym.k === 'field') {
      // site.pages / a list of pages / a loop variable over pages has path [] and is not a field.
      this.read(sym.via, trimListPath(sym), filters, tok.begin);
    }
    if (dynamic || ended) return undefined;
    return sym;
  }

  private prop(sym: Sym, key: string): Sym | undefined {
    const element = key === 'first' || key === 'last' || key === '[]';
    switch (sym.k) {
      case 'site':
        if (SITE_PAGE_LISTS.has(key)) return documents(true);
        if (SITE_DOCUMENT_LISTS.has(key) || this.collections.has(key)) return documents();
        if (key === 'categories' || key === 'tags') return { k: 'groups' };
        if (key === 'collections') return { k: 'collections', list: true };
        return undefined;
      case 'include':
        if (this.params) return this.params.get(key);
        return { k: 'field', via: 'include', path: [key], list: false };
      case 'paginator':
        return key === 'posts' ? documents() : undefined;
      case 'groups':
        return documents(); // site.categories.news, site.tags[tag]
      case 'pair':
        return element ? documents() : undefined; // category[1]: its posts (category[0], the name, reads no field)
      case 'collections':
        if (sym.list) return element ? { k: 'collections', list: false } : undefined;
        return key === 'docs' ? documents() : undefined;
      case 'grouped':
        if (sym.list) return element ? { ...sym, list: false } : undefined;
        return key === 'items' ? sym.of : undefined;
      case 'lists':
        return element ? sym.of : undefined;
      case 'field':
        if (sym.list) {
          return element ? { ...sym, list: false, within: undefined, pagesOnly: undefined } : undefined;
        }
        // A document's neighbours (`page.next.title`) are documents too.
        if (sym.path.length === 0 && (key === 'next' || key === 'previous')) return { k: 'field', via: 'pages', path: [], list: false };
        if (element) key = '[]';
        return { ...sym, path: [...sym.path, key], within: undefined };
    }
  }

  private applyFilters(sym: Sym | undefined, filters: FilterLike[]): Sym | undefined {
    for (const f of filters) {
      this.result.filters.push({ name: f.name, start: f.begin, end: f.begin + f.name.length, ...(f.withoutColon ? { withoutColon: f.withoutColon } : {}) });
      sym = this.applyFilter(sym, f);
    }
    return sym;
  }

  private applyFilter(sym: Sym | undefined, f: FilterLike): Sym | undefined {
    const positional: (ValueToken | undefined)[] = [];
    const argSyms: (Sym | undefined)[] = [];
    const isExp = f.name === 'where_exp' || f.name === 'find_exp' || f.name === 'group_by_exp';
    for (const a of f.args) {
      if (Array.isArray(a)) { if (a[1]) this.value(a[1], []); continue; }
      positional.push(a);
      argSyms.push(isExp ? undefined : this.value(a, []));
    }
    const quoted = (i: number): string | undefined => {
      const t = positional[i];
      return t && TypeGuards.isQuotedToken(t) ? t.content : undefined;
    };
    if (sym && (sym.k === 'grouped' || sym.k === 'lists')) return groupedFilter(sym, f.name, quoted(0));
    const field = sym && sym.k === 'field' ? sym : undefined;
    const list = field ? toList(field) : undefined;
    const sitePages = !!list && list.via === 'pages' && list.path.length === 0 && !!list.pagesOnly;
    const at = positional[0]?.begin ?? 0;
    switch (f.name) {
      case 'where': case 'find': {
        if (!list) return undefined;
        const key = quoted(0);
        if (key !== undefined) {
          this.read(list.via, [...list.path, ...key.split('.')], [f.name], at);
          const to = argSyms[1];
          if (sitePages && to && to.k === 'field' && !to.list && to.path.length) {
            this.result.references.push({ from: key, to, loc: this.loc(at) });
          }
        }
        const out: FieldSym = { ...list, within: key ?? list.within };
        return f.name === 'find' ? elementOf(out) : out;
      }
      case 'where_exp': case 'find_exp': case 'group_by_exp': {
        if (!list) return undefined;
        this.whereExp(list, positional[0], positional[1], sitePages, f.name);
        if (f.name === 'group_by_exp') return { k: 'grouped', of: list, list: true };
        return f.name === 'find_exp' ? elementOf(list) : list;
      }
      case 'sort': case 'sort_natural': {
        if (!list) return undefined;
        const key = quoted(0);
        if (key !== undefined) {
          this.read(list.via, [...list.path, ...key.split('.')], [f.name], at);
          if (sitePages) this.result.orderings.push({ ...this.loc(at), field: key, ...(list.within !== undefined ? { within: list.within } : {}) });
        }
        return list;
      }
      case 'group_by': case 'map': case 'sum': {
        const key = quoted(0);
        if (list && key !== undefined) this.read(list.via, [...list.path, ...key.split('.')], [f.name], at);
        return f.name === 'group_by' && list ? { k: 'grouped', of: list, list: true } : undefined;
      }
      case 'first': case 'last':
        if (sym && sym.k === 'collections' && sym.list) return { ...sym, list: false };
        if (sym && sym.k === 'groups') return { k: 'pair' };
        return list ? elementOf(list) : undefined;
      case 'reverse': case 'uniq': case 'compact': case 'sample': case 'slice': case 'shift': case 'pop': case 'push': case 'unshift': case 'concat':
        if (sym && sym.k === 'collections') return sym;
        if (list) return list;
        {
          // `"" | split: "" | push: site.html_pages` makes a list of lists; `concat` joins lists into one.
          const added = argSyms.find((a): a is FieldSym => a?.k === 'field' && a.list);
          if (!added) return undefined;
          return f.name === 'push' ? { k: 'lists', of: added } : f.name === 'concat' ? added : undefined;
        }
      case 'default':
        return sym ?? argSyms[0];
      case 'strip': case 'downcase': case 'upcase':
        return field && !field.list ? field : undefined;
      default:
        return undefined;
    }
  }

  /** `where_exp: "p", "p.parent == page.section"`: reads in the expression, reference on `==`. */
  private whereExp(list: FieldSym, varTok: ValueToken | undefined, expTok: ValueToken | undefined, sitePages: boolean, filter: string): void {
    if (!varTok || !expTok || !TypeGuards.isQuotedToken(varTok) || !TypeGuards.isQuotedToken(expTok)) return;
    const name = varTok.content;
    const q: QuotedToken = expTok;
    const had = this.vars.has(name);
    const prev = this.vars.get(name);
    this.vars.set(name, { ...list, list: false, within: undefined, exp: true });
    try {
      const tk = new Tokenizer(this.src, OPTIONS.operators, undefined, [q.begin + 1, Math.max(q.begin + 1, q.end - 1)]);
      const expr = tk.readExpression();
      this.postfix(expr.postfix, [], (a, b, at) => {
        if (!sitePages) return;
        const isElemField = (s: Sym | undefined): s is FieldSym => !!s && s.k === 'field' && !!s.exp && s.path.length === 1;
        const isValue = (s: Sym | undefined): s is FieldSym => !!s && s.k === 'field' && !s.exp && !s.list && s.path.length > 0;
        if (isElemField(a) && isValue(b)) this.result.references.push({ from: a.path[0], to: b, loc: this.loc(at) });
        else if (isElemField(b) && isValue(a)) this.result.references.push({ from: b.path[0], to: a, loc: this.loc(at) });
      });
    } catch (e) {
      this.parseProblem(e, q, `${filter} expression`);
    } finally {
      if (had) this.vars.set(name, prev); else this.vars.delete(name);
    }
  }
}
