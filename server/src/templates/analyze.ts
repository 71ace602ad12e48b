/**
 * Static analysis of Jekyll Liquid templates (layouts and includes).
 *
 * Pure module: no LSP, no file system. It tokenizes templates with liquidjs's
 * own `Tokenizer` (the same one `Liquid#parse` uses) and parses every tag and
 * output with liquidjs's expression / filter / hash readers, one tag at a
 * time. Walking tag by tag (instead of `Liquid#parse`, which builds the whole
 * tree and fails on the first bad tag) is what makes the analysis lenient like
 * Jekyll's Liquid (error mode `warn`): a tag liquidjs refuses yields a
 * `TemplateProblem` and is re-read leniently, and the rest of the template is
 * still analysed. Unknown (plugin) tags such as `{% seo %}` are ignored.
 *
 * Values are tracked symbolically so that reads through variables are mapped
 * back to page front-matter fields:
 *   - `page.x`                                   → field `x` of the page being rendered
 *   - `for r in page.resources` … `r.path`       → field `resources.[].path`
 *   - `site.pages | where: "parent", page.section | sort: 'weight'`
 *                                                → list of pages; loop variables over it read
 *                                                  fields of *other* pages (via 'pages')
 *   - `include.x`                                → include parameter, mapped through by
 *                                                  `analyzeLayout` to the value passed at the
 *                                                  include site.
 */
import { Liquid, Tokenizer, TypeGuards } from 'liquidjs';
import type { Expression, TopLevelToken, ValueToken, PropertyAccessToken, QuotedToken } from 'liquidjs';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface TemplateLocation {
  /** Template path relative to the site root, e.g. "_layouts/section-home.html". */
  template: string;
  /** 0-based line of the read / tag. */
  line: number;
  /** 0-based column (extra, optional). */
  column?: number;
  /** Source text of the output (`page.intro | markdownify`) or tag (`for r in page.resources`, tag name included), whitespace-control dashes and outer blanks trimmed. */
  expression: string;
}

export interface FieldRead extends TemplateLocation {
  /** Field path in a page's front matter; `[]` stands for "any element of the list". */
  path: string[];
  /** 'page': the page being rendered; 'pages': entries of site.pages. */
  via: 'page' | 'pages';
  /**
   * The template reads the field only to test it (`{% if page.x %}`, `unless`, `case`), gives a
   * fallback (`| default:`), or reads it inside a block that tests it first: a page may leave it out.
   */
  guarded?: true;
  /**
   * Filters applied directly to this read in that expression, e.g. ["markdownify"].
   * For the fields named by a filter argument on a list (`where: "parent"`, `sort: 'weight'`,
   * `group_by`, `map`, …) this is that filter's name, e.g. ["where"], ["sort"].
   */
  filters: string[];
}

/** `site.pages | where: "parent", page.section` ⇒ {from: "parent", to: "section"}. */
export interface FieldReference extends TemplateLocation { from: string; to: string }

/** `site.pages | where: "parent", X | sort: 'weight'` ⇒ {field: "weight", within: "parent"}. */
export interface FieldOrdering extends TemplateLocation { field: string; within?: string }

/** `{% include section-menu.html parent=page.parent %}`; `name` is given verbatim (may contain `{{ … }}`). */
export interface IncludeUse extends TemplateLocation { name: string; params: string[]; relative?: boolean }

/** 0-based range. */
export interface TemplateProblem {
  line: number; column: number; endLine: number; endColumn: number; message: string;
  /**
   * What kind of mistake it is, when known: a filter followed by words without a `:` (`sort weight`,
   * also listed in `filters`), or a string never closed (the stray quote in `'a''`), starting the range.
   */
  cause?: 'filter-without-colon' | 'unterminated-string';
}

/** A filter applied in an output or tag: `markdownify` in `{{ page.intro | markdownify }}`. Offsets in the template. */
export interface FilterUse {
  name: string;
  /** Offsets of the filter's name. */
  start: number;
  end: number;
  /** The words after the name when no `:` introduces them (`weight` in `sort weight`): Liquid drops them. */
  withoutColon?: { start: number; end: number };
}

/** A tag: `seo` in `{% seo %}`, with the offsets of its name. */
export interface TagUse { name: string; start: number; end: number }

export interface TemplateAnalysis {
  template: string;
  /** The template's own front matter `layout:` (null/none/empty ⇒ undefined). */
  layoutParent?: string;
  reads: FieldRead[];
  references: FieldReference[];
  orderings: FieldOrdering[];
  includes: IncludeUse[];
  /** Names `x` of `include.x` read by this template (sorted, unique). */
  readsIncludeParams: string[];
  problems: TemplateProblem[];
  /** Every filter applied, in template order (outside comments). */
  filters: FilterUse[];
  /** Every tag, in template order (outside comments). */
  tags: TagUse[];
}

export interface LayoutAnalysis {
  /** Template paths of the layout chain, starting with the requested layout, e.g. ["_layouts/section-home.html", "_layouts/core.html"]. */
  chain: string[];
  reads: FieldRead[];
  references: FieldReference[];
  orderings: FieldOrdering[];
  /** Includes that could not be followed: not found by `getTemplate`, or with a dynamic (`{{ … }}`) name. */
  missingIncludes: IncludeUse[];
  problems: (TemplateProblem & { template: string })[];
}

/** What the analysis needs to know of the site: the labels of its collections (`site.docs`). */
export interface AnalysisOptions { collections?: readonly string[] }

export function analyzeTemplate(template: string, source: string, options: AnalysisOptions = {}): TemplateAnalysis {
  let raw: RawAnalysis;
  try {
    raw = runAnalysis(template, String(source ?? ''), { vars: new Map(), collections: new Set(options.collections ?? []) });
  } catch (e) {
    raw = emptyRaw(template, internalProblem(e));
  }
  const includeParams = new Set<string>();
  for (const r of raw.reads) if (r.via === 'include' && r.path.length) includeParams.add(r.path[0]);
  return {
    template,
    ...(raw.layoutParent !== undefined ? { layoutParent: raw.layoutParent } : {}),
    reads: publicReads(raw.reads),
    references: publicReferences(raw.references),
    orderings: raw.orderings,
    includes: raw.includes.map(publicInclude),
    readsIncludeParams: [...includeParams].sort(),
    problems: raw.problems,
    filters: raw.filters,
    tags: raw.tags,
  };
}

/**
 * Analyse a layout, its `layout:` chain and every include reachable from them
 * (transitively, cycle-safe), mapping include parameters through: if a layout does
 * `{% include menu.html parent=page.parent %}` and menu.html reads `include.parent`,
 * that is a read of page field "parent" (via 'page'), located in menu.html.
 * Includes also see the variables of the including template (as in Jekyll).
 */
export function analyzeLayout(layoutName: string, getTemplate: (relPath: string) => string | undefined, options: AnalysisOptions = {}): LayoutAnalysis {
  const walk = new IncludeWalk(getTemplate, options);
  const out = walk.out;
  try {
    let name: string | undefined = String(layoutName ?? '');
    const chainSeen = new Set<string>();
    let from: string | undefined;
    while (name) {
      const found = findLayout(name, walk.get);
      if (!found) {
        out.problems.push({ template: from ?? layoutPath(name), line: 0, column: 0, endLine: 0, endColumn: 0, message: `Layout "${name}" not found` });
        break;
      }
      if (chainSeen.has(found.path)) {
        out.problems.push({ template: from ?? found.path, line: 0, column: 0, endLine: 0, endColumn: 0, message: `Layout cycle: "${name}" is already in the chain ${out.chain.join(' → ')}` });
        break;
      }
      chainSeen.add(found.path);
      out.chain.push(found.path);
      from = found.path;
      name = walk.analyse(found.path, found.source).layoutParent;
    }
  } catch (e) {
    out.problems.push({ template: String(layoutName), ...internalProblem(e) });
  }
  return out;
}

/**
 * Analyse the Liquid of a page's own body (`template` is the page's path, `source` its whole
 * text) and every include it reaches, as `analyzeLayout` does for a layout. `chain` is empty.
 */
export function analyzePageBody(template: string, source: string, getTemplate: (relPath: string) => string | undefined, options: AnalysisOptions = {}): LayoutAnalysis {
  const walk = new IncludeWalk(getTemplate, options);
  try {
    walk.analyse(template, String(source ?? ''));
  } catch (e) {
    walk.out.problems.push({ template, ...internalProblem(e) });
  }
  return walk.out;
}

/** Analyses templates and the includes they reach, gathering everything once into `out`. */
class IncludeWalk {
  readonly out: LayoutAnalysis = { chain: [], reads: [], references: [], orderings: [], missingIncludes: [], problems: [] };
  private readonly seen = new Set<string>();
  private readonly cache = new Map<string, string | undefined>();
  private readonly analysed = new Set<string>();
  private readonly collections: ReadonlySet<string>;
  private budget = MAX_INCLUDE_ANALYSES;

  constructor(private readonly getTemplate: (relPath: string) => string | undefined, options: AnalysisOptions) {
    this.collections = new Set(options.collections ?? []);
  }

  readonly get = (p: string): string | undefined => {
    if (!this.cache.has(p)) {
      let v: string | undefined;
      try { v = this.getTemplate(p); } catch { v = undefined; }
      this.cache.set(p, typeof v === 'string' ? v : undefined);
    }
    return this.cache.get(p);
  };

  /** Analyses one top-level template (a layout, a page) and the includes it reaches. */
  analyse(template: string, source: string): RawAnalysis {
    let raw: RawAnalysis;
    try { raw = runAnalysis(template, source, { vars: new Map(), params: new Map(), collections: this.collections }); } catch (e) { raw = emptyRaw(template, internalProblem(e)); }
    this.collect(raw);
    this.followIncludes(raw, 0);
    return raw;
  }

  private add<T>(list: T[], item: T, key: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(item);
  }

  private collect(raw: RawAnalysis): void {
    const out = this.out;
    for (const r of raw.reads) {
      if (r.via === 'include') continue; // unbound include param: cannot happen with a bound env, but be safe
      const pr = toPublicRead(r);
      this.add(out.reads, pr, 'r' + JSON.stringify([pr.template, pr.line, pr.column, pr.expression, pr.via, pr.path, pr.filters, pr.guarded]));
    }
    for (const ref of publicReferences(raw.references)) {
      this.add(out.references, ref, 'f' + JSON.stringify([ref.template, ref.line, ref.column, ref.from, ref.to]));
    }
    for (const o of raw.orderings) {
      this.add(out.orderings, o, 'o' + JSON.stringify([o.template, o.line, o.column, o.field, o.within]));
    }
    for (const p of raw.problems) {
      const tp = { ...p, template: raw.template };
      this.add(out.problems, tp, 'p' + JSON.stringify([raw.template, p.line, p.column, p.message]));
    }
  }

  private followIncludes(raw: RawAnalysis, depth: number): void {
    for (const inc of raw.includes) {
      const pub = publicInclude(inc);
      const target = inc.dynamic ? undefined : includePath(raw.template, inc.name, inc.relative);
      const source = target === undefined ? undefined : this.get(target);
      if (target === undefined || source === undefined) {
        this.add(this.out.missingIncludes, pub, 'm' + JSON.stringify([pub.template, pub.line, pub.column, pub.name]));
        continue;
      }
      if (depth >= MAX_INCLUDE_DEPTH || this.budget <= 0) continue;
      const env: Env = { vars: inc.vars, params: inc.paramSyms, collections: this.collections };
      const key = target + '\u0000' + envKey(env);
      if (this.analysed.has(key)) continue; // same include with the same bindings: cycle or repeat
      this.analysed.add(key);
      this.budget--;
      let sub: RawAnalysis;
      try { sub = runAnalysis(target, source, env); } catch (e) { sub = emptyRaw(target, internalProblem(e)); }
      this.collect(sub);
      this.followIncludes(sub, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------

const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDE_ANALYSES = 400;

const liquid = new Liquid({ jekyllInclude: true, dynamicPartials: false, strictFilters: false, strictVariables: false });
const OPTIONS = liquid.options;

type Via = 'page' | 'pages' | 'include';

/** A value taken from front matter: of the page (via 'page'), of a site page (via 'pages'), or an unbound include param. */
interface FieldSym {
  k: 'field';
  via: Via;
  /** Path of the value; for a list (`list`), the path of its elements. */
  path: string[];
  /** True when this is a list whose elements are at `path` (site.pages, or after where/sort on a list). */
  list: boolean;
  /** Field of a `where` applied to this list of pages. */
  within?: string;
  /** Marks the element variable of a where_exp / find_exp. */
  exp?: boolean;
  /** The list is `site.pages` (or `html_pages`), not posts or another collection. */
  pagesOnly?: boolean;
}
interface SiteSym { k: 'site' }
interface IncludeSym { k: 'include' }
/** `paginator`: its `posts` are documents. */
interface PaginatorSym { k: 'paginator' }
/** `site.categories` / `site.tags`: each name maps to a list of posts; a loop gives `[name, posts]` pairs. */
interface GroupsSym { k: 'groups' }
interface GroupPairSym { k: 'pair' }
/** `site.collections`: each has its documents in `docs`. */
interface CollectionsSym { k: 'collections'; list: boolean }
/** The result of `group_by` on documents: each group has its documents in `items`. */
interface GroupedSym { k: 'grouped'; of: FieldSym; list: boolean }
/** `groups | map: "items"`: a list whose elements are lists of documents. */
interface ListsSym { k: 'lists'; of: FieldSym }
type Sym = FieldSym | SiteSym | IncludeSym | PaginatorSym | GroupsSym | GroupPairSym | CollectionsSym | GroupedSym | ListsSym;

/** The site's lists of pages and documents, whose elements' front matter templates read. */
const SITE_PAGE_LISTS = new Set(['pages', 'html_pages']);
const SITE_DOCUMENT_LISTS = new Set(['posts', 'documents', 'related_posts']);

/** A list of the site's pages or documents (`pagesOnly`: `site.pages` itself, where references between pages live). */
function documents(pagesOnly = false): FieldSym {
  return { k: 'field', via: 'pages', path: [], list: true, ...(pagesOnly ? { pagesOnly } : {}) };
}

interface Env {
  /** Variables visible at the start (for includes: the including template's variables). */
  vars: Map<string, Sym | undefined>;
  /** Include parameters; undefined = standalone analysis (include.x stays symbolic). */
  params?: Map<string, Sym | undefined>;
  /** Labels of the site's collections: `site.<label>` lists their documents. */
  collections: ReadonlySet<string>;
}

interface RawRead { via: Via; path: string[]; filters: string[]; loc: TemplateLocation; guarded: boolean }
interface RawReference { from: string; to: FieldSym; loc: TemplateLocation }
interface RawInclude {
  loc: TemplateLocation;
  name: string;
  dynamic: boolean;
  relative: boolean;
  params: string[];
  paramSyms: Map<string, Sym | undefined>;
  vars: Map<string, Sym | undefined>;
}
interface RawAnalysis {
  template: string;
  layoutParent?: string;
  reads: RawRead[];
  references: RawReference[];
  orderings: FieldOrdering[];
  includes: RawInclude[];
  problems: TemplateProblem[];
  filters: FilterUse[];
  tags: TagUse[];
}

interface FilterLike { name: string; args: FilterArgLike[]; begin: number; withoutColon?: { start: number; end: number } }
type FilterArgLike = ValueToken | [string?, ValueToken?];

/** What tag handlers need from a TagToken / LiquidTagToken. */
interface TagLike { name: string; tokenizer: Tokenizer; begin: number; end: number; content: string }

interface Block {
  name: string;
  tag: TagLike;
  restore?: [string, boolean, Sym | undefined][];
  /** `via:field` keys an `if`/`unless`/`case` tested: reads of them inside the block are guarded. */
  guards?: Set<string>;
  capture?: { variable: string; outputs: (Sym | undefined)[]; text: boolean };
}

const BLOCK_ENDS: Record<string, string> = {
  endfor: 'for', endtablerow: 'tablerow', endif: 'if', endunless: 'unless', endcase: 'case', endcapture: 'capture',
};

function emptyRaw(template: string, problem: TemplateProblem): RawAnalysis {
  return { template, reads: [], references: [], orderings: [], includes: [], problems: [problem], filters: [], tags: [] };
}

function internalProblem(e: unknown): TemplateProblem {
  return { line: 0, column: 0, endLine: 0, endColumn: 0, message: `Template analysis failed: ${errorMessage(e)}` };
}

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // liquidjs appends ", line:X, col:Y" (and ", file:…"); we report positions ourselves.
  return m.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '');
}

function toPublicRead(r: RawRead): FieldRead {
  return { ...r.loc, path: r.path, via: r.via as 'page' | 'pages', filters: r.filters, ...(r.guarded ? { guarded: true as const } : {}) };
}
function publicReads(reads: RawRead[]): FieldRead[] {
  return reads.filter(r => r.via !== 'include').map(toPublicRead);
}
function publicReferences(refs: RawReference[]): FieldReference[] {
  return refs.filter(r => r.to.via !== 'include').map(r => ({ ...r.loc, from: r.from, to: r.to.path.join('.') }));
}
function publicInclude(i: RawInclude): IncludeUse {
  return { ...i.loc, name: i.name, params: i.params, ...(i.relative ? { relative: true } : {}) };
}

function symKey(s: Sym | undefined): string {
  if (!s) return '';
  if (s.k === 'grouped') return `grouped(${symKey(s.of)}):${s.list ? 'L' : ''}`;
  if (s.k === 'collections') return `collections:${s.list ? 'L' : ''}`;
  if (s.k === 'lists') return `lists(${symKey(s.of)})`;
  if (s.k !== 'field') return s.k;
  return `${s.via}:${s.path.join('.')}:${s.list ? 'L' : ''}:${s.within ?? ''}:${s.pagesOnly ? 'P' : ''}`;
}
function envKey(env: Env): string {
  const part = (m: Map<string, Sym | undefined> | undefined): string =>
    m ? [...m].filter(([, v]) => v).map(([k, v]) => `${k}=${symKey(v)}`).sort().join(',') : '-';
  return part(env.vars) + '|' + part(env.params);
}

function layoutPath(name: string): string {
  return `_layouts/${name}`;
}
function findLayout(name: string, get: (p: string) => string | undefined): { path: string; source: string } | undefined {
  const candidates = /\.[A-Za-z0-9]+$/.test(name)
    ? [`_layouts/${name}`, `_layouts/${name}.html`, `_layouts/${name}.md`]
    : [`_layouts/${name}.html`, `_layouts/${name}.md`, `_layouts/${name}`];
  for (const c of candidates) {
    const s = get(c);
    if (s !== undefined) return { path: c, source: s };
  }
  return undefined;
}
function includePath(fromTemplate: string, name: string, relative: boolean): string | undefined {
  let n = name.trim();
  if (!n) return undefined;
  if ((n.startsWith('"') && n.endsWith('"')) || (n.startsWith("'") && n.endsWith("'"))) n = n.slice(1, -1);
  const base = relative ? fromTemplate.split('/').slice(0, -1) : ['_includes'];
  const parts = [...base];
  for (const seg of n.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (!parts.length) return undefined; parts.pop(); continue; }
    parts.push(seg);
  }
  return parts.join('/');
}

/** Finds a leading `---` … `---`/`...` block; returns where the Liquid body starts and the block text. */
function splitFrontMatter(src: string): { bodyStart: number; frontMatter?: string } {
  const start = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = src.indexOf('\n', start);
  const firstLine = src.slice(start, firstEnd === -1 ? src.length : firstEnd);
  if (firstEnd === -1 || firstLine.trimEnd() !== '---') return { bodyStart: 0 };
  let pos = firstEnd + 1;
  while (pos <= src.length) {
    const nl = src.indexOf('\n', pos);
    const line = src.slice(pos, nl === -1 ? src.length : nl).replace(/\r$/, '');
    const t = line.trimEnd();
    if (t === '---' || t === '...') {
      return { bodyStart: nl === -1 ? src.length : nl + 1, frontMatter: src.slice(firstEnd + 1, pos) };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return { bodyStart: 0 };
}

function layoutFromFrontMatter(fm: string): string | undefined {
  const m = /^layout[ \t]*:[ \t]*(.*)$/m.exec(fm);
  if (!m) return undefined;
  let v = m[1].replace(/\s+#.*$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).trim();
  if (!v || v === 'null' || v === '~' || v === 'none' || v === 'Null' || v === 'NULL') return undefined;
  return v;
}

function runAnalysis(template: string, source: string, env: Env): RawAnalysis {
  const a = new Analyzer(template, source, env);
  a.run();
  return a.result;
}

class Analyzer {
  readonly result: RawAnalysis;
  private readonly lineStarts: number[] = [0];
  private readonly vars: Map<string, Sym | undefined>;
  private readonly params: Map<string, Sym | undefined> | undefined;
  private readonly collections: ReadonlySet<string>;
  private readonly blocks: Block[] = [];
  /** True while the condition of an `if`/`unless`/`case` is read. */
  private testing = false;
  private commentDepth = 0;
  private commentTag: TagLike | undefined;
  /** Location text of the output / tag being analysed. */
  private expression = '';

  constructor(readonly template: string, readonly src: string, env: Env) {
    this.result = { template, reads: [], references: [], orderings: [], includes: [], problems: [], filters: [], tags: [] };
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.vars = new Map(env.vars);
    this.params = env.params;
    this.collections = env.collections;
  }

  run(): void {
    const { bodyStart, frontMatter } = splitFrontMatter(this.src);
    if (frontMatter !== undefined) {
      const layout = layoutFromFrontMatter(frontMatter);
      if (layout !== undefined) this.result.layoutParent = layout;
    }
    const tk = new Tokenizer(this.src, OPTIONS.operators, undefined, [bodyStart, this.src.length]);
    let guard = 0;
    while (!tk.end() && guard++ < 1_000_000) {
      const start = tk.p;
      let tok: TopLevelToken;
      try {
        tok = tk.readTopLevelToken(OPTIONS);
      } catch (e) {
        const rawOpen = (tk as unknown as { rawBeginAt: number }).rawBeginAt > -1;
        this.problem(start, Math.min(this.src.length, lineEndOf(this.src, start)), errorMessage(e));
        if (rawOpen) break; // the rest of the file is raw text
        tk.p = start + 2; // treat the lone `{%` / `{{` as text and go on
        continue;
      }
      if (tk.p <= start) tk.p = start + 1; // never loop
      try {
        this.token(tok);
      } catch (e) {
        this.problem(tok.begin, tok.end, `Could not analyse ${JSON.stringify(ellipsis(tok.getText()))}: ${errorMessage(e)}`);
      }
    }
    if (this.commentTag) this.problem(this.commentTag.begin, this.commentTag.end, 'tag comment not closed');
    for (const b of this.blocks.splice(0)) this.problem(b.tag.begin, b.tag.end, `tag ${b.name} not closed`);
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

  private loc(offset: number): TemplateLocation {
    const { line, column } = this.pos(offset);
    return { template: this.template, line, column, expression: this.expression };
  }

  private problem(begin: number, end: number, message: string, cause?: TemplateProblem['cause']): void {
    const a = this.pos(begin), b = this.pos(Math.max(begin, end));
    this.result.problems.push({ line: a.line, column: a.column, endLine: b.line, endColumn: b.column, message, ...(cause ? { cause } : {}) });
  }

  private parseProblem(e: unknown, what: { begin: number; end: number }, kind: string, cause?: TemplateProblem['cause']): void {
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

  // --- tokens ------------------------------------------------------------------

  private token(tok: TopLevelToken): void {
    if (TypeGuards.isTagToken(tok)) {
      this.tag(tok);
    } else if (TypeGuards.isOutputToken(tok)) {
      if (this.commentTag) return;
      this.expression = tok.content;
      if (!tok.content.trim()) { this.captured(undefined); return; }
      const tk = new Tokenizer(this.src, OPTIONS.operators, undefined, tok.contentRange);
      const sym = this.filteredValue(tk, tok, 'output');
      this.captured(sym);
    } else if (TypeGuards.isHTMLToken(tok)) {
      if (this.commentTag) return;
      const cap = this.capture();
      if (cap && tok.getContent().trim()) cap.text = true;
    }
  }

  private capture(): Block['capture'] {
    for (let i = this.blocks.length - 1; i >= 0; i--) if (this.blocks[i].capture) return this.blocks[i].capture;
    return undefined;
  }
  private captured(sym: Sym | undefined): void {
    const cap = this.capture();
    if (cap) cap.outputs.push(sym);
  }

  private tag(tag: TagLike): void {
    const name = tag.name;
    if (this.commentTag) {
      if (name === 'comment') this.commentDepth++;
      else if (name === 'endcomment' && --this.commentDepth === 0) this.commentTag = undefined;
      return;
    }
    const nameStart = this.src.indexOf(name, tag.begin);
    if (nameStart !== -1 && nameStart < tag.end) this.result.tags.push({ name, start: nameStart, end: nameStart + name.length });
    this.expression = tag.content;
    const tk = tag.tokenizer;
    switch (name) {
      case 'comment':
        this.commentTag = tag;
        this.commentDepth = 1;
        return;
      case '#': case 'raw': case 'endraw': case 'endcomment': case 'break': case 'continue':
        return;
      case 'assign': return this.assignTag(tag);
      case 'capture': {
        const id = tk.readIdentifier().content || (tk.readQuoted()?.content ?? '');
        this.blocks.push({ name, tag, capture: { variable: id, outputs: [], text: false } });
        return;
      }
      case 'for': case 'tablerow': return this.forTag(tag);
      case 'if': case 'unless': case 'elsif':
        if (name !== 'elsif') this.blocks.push({ name, tag });
        this.condition(tag);
        return;
      case 'case':
        this.blocks.push({ name, tag });
        this.condition(tag);
        return;
      case 'when': return this.whenTag(tag);
      case 'else': return;
      case 'echo': {
        if (!tag.tokenizer.end()) this.captured(this.filteredValue(tk, tag, 'echo tag'));
        return;
      }
      // jekyll-include-cache's `include_cached` takes the same file names and parameters as `include`.
      case 'include': case 'include_cached': case 'include_relative': return this.includeTag(tag, name === 'include_relative');
      case 'liquid': return this.liquidTag(tag);
      case 'increment': case 'decrement': case 'cycle': return;
      default:
        if (BLOCK_ENDS[name]) return this.endBlock(tag, BLOCK_ENDS[name]);
        return; // unknown / plugin tag (seo, highlight, link, …): ignored
    }
  }

  private endBlock(tag: TagLike, open: string): void {
    let i = this.blocks.length - 1;
    while (i >= 0 && this.blocks[i].name !== open) i--;
    if (i < 0) {
      this.problem(tag.begin, tag.end, `Unexpected ${tag.name}: no open ${open}`);
      return;
    }
    while (this.blocks.length > i + 1) {
      const b = this.blocks.pop()!;
      this.problem(b.tag.begin, b.tag.end, `tag ${b.name} not closed before ${tag.name}`);
      this.closeBlock(b);
    }
    this.closeBlock(this.blocks.pop()!);
  }

  private closeBlock(b: Block): void {
    if (b.restore) {
      for (const [name, had, prev] of b.restore) {
        if (had) this.vars.set(name, prev); else this.vars.delete(name);
      }
    }
    if (b.capture && b.capture.variable) {
      const c = b.capture;
      const single = c.outputs.length === 1 && !c.text ? c.outputs[0] : undefined;
      this.vars.set(c.variable, single && single.k === 'field' && !single.list ? single : undefined);
    }
  }

  private assignTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    const id = tk.readIdentifier();
    tk.skipBlank();
    if (!id.content || tk.peek() !== '=') {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag assign: expected "variable = value"`);
      return;
    }
    tk.advance();
    const first = this.result.reads.length;
    const sym = this.filteredValue(tk, tag, 'tag assign');
    // `assign author = page.author` only names the field: what counts is how the name is used.
    if (sym?.k === 'field' && sym.path.length > 0) {
      for (const r of this.result.reads.slice(first)) if (r.via === sym.via && r.path[0] === sym.path[0]) r.guarded = true;
    }
    this.vars.set(id.content, sym);
  }

  private forTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    const variable = tk.readIdentifier();
    const inStr = tk.readIdentifier();
    if (!variable.content || inStr.content !== 'in') {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: expected "${tag.name} item in collection"`);
      this.blocks.push({ name: tag.name, tag });
      return;
    }
    let coll: Sym | undefined;
    const save = tk.p;
    try {
      const value = tk.readValue();
      tk.skipBlank();
      if (tk.peek() === '|') {
        // `for x in site.pages | where: …`: Liquid ignores the filters; analyse them as intended anyway.
        tk.p = save;
        this.problem(tag.begin, tag.end, `Liquid ignores filters on the collection of a ${tag.name} tag; assign the filtered list to a variable first`);
        coll = this.filteredValue(tk, tag, `tag ${tag.name}`, true);
      } else if (value) {
        coll = this.value(value, []);
        for (const h of tk.readHashes(':')) if (h.value) this.value(h.value, []);
      } else {
        this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: collection expected`);
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
    }
    const restore: [string, boolean, Sym | undefined][] = [];
    const bind = (name: string, sym: Sym | undefined): void => {
      restore.push([name, this.vars.has(name), this.vars.get(name)]);
      this.vars.set(name, sym);
    };
    bind(variable.content, elementOf(coll));
    bind(tag.name === 'for' ? 'forloop' : 'tablerowloop', undefined);
    this.blocks.push({ name: tag.name, tag, restore });
  }

  /** Reads a tested expression; the fields it tests are guarded inside the block it opens. */
  private condition(tag: TagLike): void {
    if (tag.tokenizer.end()) return;
    const first = this.result.reads.length;
    this.testing = true;
    try {
      this.filteredValue(tag.tokenizer, tag, `tag ${tag.name}`);
    } finally {
      this.testing = false;
    }
    const block = this.blocks[this.blocks.length - 1];
    if (!block) return;
    block.guards ??= new Set();
    for (const r of this.result.reads.slice(first)) block.guards.add(`${r.via}:${r.path[0]}`);
  }

  private whenTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    try {
      while (!tk.end()) {
        const before = tk.p;
        const v = tk.readValue();
        if (v) this.value(v, []);
        tk.skipBlank();
        if (tk.peek() === ',') tk.advance(); else tk.readIdentifier(); // `or`
        if (tk.p === before) tk.advance();
      }
    } catch (e) {
      this.parseProblem(e, tag, 'tag when');
    }
  }

  private includeTag(tag: TagLike, relative: boolean): void {
    const tk = tag.tokenizer;
    tk.skipBlank();
    const nameBegin = tk.p;
    let dynamic = false;
    try {
      for (const piece of tk.readFileNameTemplate(OPTIONS)) {
        if (TypeGuards.isOutputToken(piece)) {
          dynamic = true;
          const sub = new Tokenizer(this.src, OPTIONS.operators, undefined, piece.contentRange);
          if (piece.content.trim()) this.filteredValue(sub, piece, 'include file name');
        }
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
      return;
    }
    const name = this.src.slice(nameBegin, tk.p);
    if (!name.trim()) {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: file name expected`);
      return;
    }
    const params: string[] = [];
    const paramSyms = new Map<string, Sym | undefined>();
    try {
      // Jekyll: `include file.html key=value key2="text"`; tolerate stray words.
      while (!tk.end()) {
        const before = tk.p;
        const hashes = tk.readHashes('=');
        for (const h of hashes) {
          const key = h.name.content;
          params.push(key);
          paramSyms.set(key, h.value ? this.value(h.value, []) : undefined);
        }
        tk.skipBlank();
        if (tk.p === before) {
          if (TypeGuards.isQuotedToken(tk.readQuoted())) continue;
          tk.advance();
        }
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
    }
    this.expression = tag.content;
    this.result.includes.push({
      loc: this.loc(tag.begin), name, dynamic, relative, params, paramSyms, vars: new Map(this.vars),
    });
  }

  private liquidTag(tag: TagLike): void {
    let lines: TagLike[];
    try {
      lines = tag.tokenizer.readLiquidTagTokens(OPTIONS);
    } catch (e) {
      this.parseProblem(e, tag, 'tag liquid');
      return;
    }
    for (const t of lines) {
      try {
        this.tag(t);
      } catch (e) {
        this.parseProblem(e, t, `tag ${t.name}`);
      }
    }
    this.expression = tag.content;
  }

  // --- values --------------------------------------------------------------------

  /**
   * Reads `expression | filter: args | …` from `tk` (strictly first, then leniently after
   * reporting a problem) and returns the symbolic result.
   */
  private filteredValue(tk: Tokenizer, where: { begin: number; end: number }, kind: string, quiet = false): Sym | undefined {
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
  private value(tok: ValueToken, filters: string[]): Sym | undefined {
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
        return list ?? (f.name === 'concat' || f.name === 'push' ? argSyms.find((a) => a?.k === 'field' && a.list) : undefined);
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

/**
 * Filters on groups of documents (`group_by` results) or on lists of such lists: selecting and
 * ordering keep them, `map: "items"` gives each group's documents, `first` one group or list.
 */
function groupedFilter(sym: GroupedSym | ListsSym, filter: string, key: string | undefined): Sym | undefined {
  const list = sym.k === 'lists' || sym.list;
  switch (filter) {
    case 'where': case 'where_exp': case 'sort': case 'sort_natural': case 'reverse': case 'uniq': case 'compact':
    case 'slice': case 'concat': case 'push': case 'pop': case 'shift': case 'unshift':
      return sym;
    case 'first': case 'last':
      if (!list) return undefined;
      return sym.k === 'lists' ? sym.of : { ...sym, list: false };
    case 'map':
      return sym.k === 'grouped' && sym.list && key === 'items' ? { k: 'lists', of: sym.of } : undefined;
    case 'flatten':
      return sym.k === 'lists' ? sym.of : undefined;
    default:
      return undefined;
  }
}

/** The list view of a value: site.pages stays as is, `page.resources` becomes list of `resources.[]`. */
function toList(s: FieldSym): FieldSym {
  return s.list ? s : { ...s, path: [...s.path, '[]'], list: true, within: undefined };
}

/** The loop variable of `for x in <sym>`. */
function elementOf(s: Sym | undefined): Sym | undefined {
  if (!s) return undefined;
  if (s.k === 'groups') return { k: 'pair' };
  if ((s.k === 'collections' || s.k === 'grouped') && s.list) return { ...s, list: false };
  if (s.k === 'lists') return s.of;
  if (s.k !== 'field') return undefined;
  return { ...toList(s), list: false, within: undefined, exp: undefined, pagesOnly: undefined };
}

/** Path recorded for a read of `s` (a list read `page.resources | where…` is the field `resources`). */
function trimListPath(s: FieldSym): string[] {
  if (s.list && s.path[s.path.length - 1] === '[]') return s.path.slice(0, -1);
  return s.path;
}

/** Mirrors Liquid's lax mode: initial expression, then `| name: args` pieces, skipping what cannot be read. */
function readLenient(tk: Tokenizer): { initial?: Expression; filters: FilterLike[] } {
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

function lineEndOf(src: string, offset: number): number {
  const nl = src.indexOf('\n', offset);
  return nl === -1 ? src.length : nl;
}

function ellipsis(s: string, n = 40): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
