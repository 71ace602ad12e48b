import { readSiteText } from '../site/guard';
import type { Page, Site } from '../site/site';
import { AnalysisOptions, analyzeLayout, analyzePageBody, LayoutAnalysis, TemplateAnalysis } from './analysis';

/**
 * The templates of a site as the analysis reads them: layouts from the site model, includes
 * from disk (only files the site has), and the names of its collections.
 */
export function siteTemplates(site: Site): { getTemplate: (relPath: string) => string | undefined; options: AnalysisOptions } {
  const byPath = new Map<string, string | undefined>([...site.layouts.values()].map((layout) => [layout.relPath, layout.text]));
  const getTemplate = (relPath: string): string | undefined => {
    if (byPath.has(relPath)) return byPath.get(relPath);
    if (!relPath.startsWith('_includes/') || !site.files.has(relPath)) return undefined;
    // Read once for all the pages and layouts analysed with these templates, not once for each that includes it.
    const text = readSiteText(site.root, relPath);
    byPath.set(relPath, text);
    return text;
  };
  return { getTemplate, options: { collections: site.config.collections.map((collection) => collection.label), cache: new Map() } };
}

/** The analysis of one layout of the site (its chain and includes). */
export function siteLayoutAnalysis(site: Site, name: string, templates = siteTemplates(site)): LayoutAnalysis {
  return analyzeLayout(name, templates.getTemplate, templates.options);
}

/** Whether Jekyll runs Liquid on the page's body: only when it has Liquid and does not turn it off. */
export function bodyRunsLiquid(page: Page): boolean {
  return page.data.render_with_liquid !== false && /\{[{%]/.test(page.text.slice(page.frontMatter.block.bodyStart ?? 0));
}

/**
 * The longest text whose Liquid is analysed (a million characters, a hundred times the longest real
 * page seen). Analysing a 5 MB page of tags held the server for seconds in one piece, with every
 * request waiting; such a page is said to be unchecked instead (the `unchecked-body` rule).
 */
export const ANALYSED_TEXT_LIMIT = 1_000_000;

/** Whether the page's body runs Liquid that is too long to analyse (see `ANALYSED_TEXT_LIMIT`). */
export function bodyTooLongToAnalyse(page: Page): boolean {
  return page.text.length - (page.frontMatter.block.bodyStart ?? 0) > ANALYSED_TEXT_LIMIT && bodyRunsLiquid(page);
}

/** What a page's body reads with its includes, and the body itself as a template (its tags, filters, includes). */
export type BodyAnalysis = LayoutAnalysis & { page: TemplateAnalysis };

const bodyCache = new WeakMap<Page, { text: string; analysis: BodyAnalysis | undefined }>();

/**
 * What the Liquid of a page's own body reads (`{{ page.x }}`, loops over `site.posts`…), following
 * its includes; undefined when Jekyll runs no Liquid on it, or it is too long to analyse. Kept per page text.
 */
export function pageBodyAnalysis(site: Site, page: Page, templates?: ReturnType<typeof siteTemplates>): BodyAnalysis | undefined {
  const cached = bodyCache.get(page);
  if (cached && cached.text === page.text) return cached.analysis;
  let analysis: BodyAnalysis | undefined;
  if (bodyRunsLiquid(page) && !bodyTooLongToAnalyse(page)) {
    const { getTemplate, options } = templates ?? siteTemplates(site);
    analysis = analyzePageBody(page.relPath, page.text, getTemplate, options);
  }
  bodyCache.set(page, { text: page.text, analysis });
  return analysis;
}
