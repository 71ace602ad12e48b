/** Raw analysis results (with symbols) and their public form (plain field paths). */
import type { FieldOrdering, FieldRead, FieldReference, FilterUse, IncludeUse, TagUse, TemplateAnalysis, TemplateLocation, TemplateProblem } from './types';
import type { FieldSym, Sym, Via } from './symbols';

export interface RawRead { via: Via; path: string[]; filters: string[]; loc: TemplateLocation; guarded: boolean }
export interface RawReference { from: string; to: FieldSym; loc: TemplateLocation }
export interface RawInclude {
  loc: TemplateLocation;
  name: string;
  dynamic: boolean;
  relative: boolean;
  conditional: boolean;
  params: string[];
  paramSyms: Map<string, Sym | undefined>;
  vars: Map<string, Sym | undefined>;
}
export interface RawAnalysis {
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

export function emptyRaw(template: string, problem: TemplateProblem): RawAnalysis {
  return { template, reads: [], references: [], orderings: [], includes: [], problems: [problem], filters: [], tags: [] };
}

export function internalProblem(e: unknown): TemplateProblem {
  return { line: 0, column: 0, endLine: 0, endColumn: 0, message: `Template analysis failed: ${errorMessage(e)}` };
}

export function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // liquidjs appends ", line:X, col:Y" (and ", file:…"); we report positions ourselves.
  return m.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '');
}

export function toPublicRead(r: RawRead): FieldRead {
  return { ...r.loc, path: r.path, via: r.via as 'page' | 'pages', filters: r.filters, ...(r.guarded ? { guarded: true as const } : {}) };
}
function publicReads(reads: RawRead[]): FieldRead[] {
  return reads.filter(r => r.via !== 'include').map(toPublicRead);
}
export function publicReferences(refs: RawReference[]): FieldReference[] {
  return refs.filter(r => r.to.via !== 'include').map(r => ({ ...r.loc, from: r.from, to: r.to.path.join('.') }));
}
export function publicInclude(i: RawInclude): IncludeUse {
  return { ...i.loc, name: i.name, params: i.params, ...(i.relative ? { relative: true } : {}), ...(i.conditional ? { conditional: true } : {}) };
}

export function templateAnalysisOf(raw: RawAnalysis): TemplateAnalysis {
  const template = raw.template;
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
