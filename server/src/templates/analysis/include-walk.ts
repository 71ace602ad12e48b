/** Following includes from a template, with the include parameters and variables bound at each include site. */
import type { AnalysisCache, AnalysisOptions, LayoutAnalysis } from './types';
import { envKey } from './symbols';
import type { Env } from './symbols';
import { emptyRaw, internalProblem, publicInclude, publicReferences, toPublicRead } from './raw';
import type { RawAnalysis } from './raw';
import { includePath } from './template-paths';
import { runAnalysis } from './tag-walk';

const MAX_INCLUDE_DEPTH = 16;
const MAX_INCLUDE_ANALYSES = 400;

/** Analyses templates and the includes they reach, gathering everything once into `out`. */
export class IncludeWalk {
  readonly out: LayoutAnalysis = { chain: [], reads: [], references: [], orderings: [], missingIncludes: [], problems: [] };
  private readonly seen = new Set<string>();
  private readonly cache = new Map<string, string | undefined>();
  private readonly analysed = new Set<string>();
  private readonly collections: ReadonlySet<string>;
  private readonly analyses: AnalysisCache;
  private budget = MAX_INCLUDE_ANALYSES;

  constructor(private readonly getTemplate: (relPath: string) => string | undefined, options: AnalysisOptions) {
    this.collections = new Set(options.collections ?? []);
    this.analyses = options.cache ?? new Map();
  }

  /** The analysis of a template with these bindings, read once per cache. */
  private run(template: string, source: string, env: Env, key: string): RawAnalysis {
    const cached = this.analyses.get(key) as { source: string; raw: RawAnalysis } | undefined;
    if (cached && cached.source === source) return cached.raw;
    let raw: RawAnalysis;
    try { raw = runAnalysis(template, source, env); } catch (e) { raw = emptyRaw(template, internalProblem(e)); }
    this.analyses.set(key, { source, raw });
    return raw;
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
    const env: Env = { vars: new Map(), params: new Map(), collections: this.collections };
    const raw = this.run(template, source, env, template + '\u0000' + envKey(env));
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
      const sub = this.run(target, source, env, key);
      this.collect(sub);
      this.followIncludes(sub, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------
// Internals
