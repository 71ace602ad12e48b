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
import type { AnalysisOptions, LayoutAnalysis, TemplateAnalysis } from './types';
import { emptyRaw, internalProblem, templateAnalysisOf } from './raw';
import type { RawAnalysis } from './raw';
import { runAnalysis } from './tag-walk';
import { IncludeWalk } from './include-walk';
import { findLayout, layoutPath } from './template-paths';

export type {
  AnalysisCache, AnalysisOptions, FieldOrdering, FieldRead, FieldReference, FilterUse, IncludeUse, LayoutAnalysis,
  TagUse, TemplateAnalysis, TemplateLocation, TemplateProblem,
} from './types';

export function analyzeTemplate(template: string, source: string, options: AnalysisOptions = {}): TemplateAnalysis {
  let raw: RawAnalysis;
  try {
    raw = runAnalysis(template, String(source ?? ''), { vars: new Map(), collections: new Set(options.collections ?? []) });
  } catch (e) {
    raw = emptyRaw(template, internalProblem(e));
  }
  return templateAnalysisOf(raw);
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
export function analyzePageBody(
  template: string, source: string, getTemplate: (relPath: string) => string | undefined, options: AnalysisOptions = {},
): LayoutAnalysis & { page: TemplateAnalysis } {
  const walk = new IncludeWalk(getTemplate, options);
  let raw: RawAnalysis;
  try {
    raw = walk.analyse(template, String(source ?? ''));
  } catch (e) {
    raw = emptyRaw(template, internalProblem(e));
    walk.out.problems.push({ template, ...internalProblem(e) });
  }
  return { ...walk.out, page: templateAnalysisOf(raw) };
}
