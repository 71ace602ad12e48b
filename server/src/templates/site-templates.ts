import { readSiteText } from '../site/guard';
import type { Page, Site } from '../site/site';
import { AnalysisOptions, analyzeLayout, analyzePageBody, LayoutAnalysis } from './analyze';

/**
 * The templates of a site as the analysis reads them: layouts from the site model, includes
 * from disk (only files the site has), and the names of its collections.
 */
export function siteTemplates(site: Site): { getTemplate: (relPath: string) => string | undefined; options: AnalysisOptions } {
  const byPath = new Map([...site.layouts.values()].map((layout) => [layout.relPath, layout.text]));
  const getTemplate = (relPath: string): string | undefined => {
    if (byPath.has(relPath)) return byPath.get(relPath);
    if (!relPath.startsWith('_includes/') || !site.files.has(relPath)) return undefined;
    return readSiteText(site.root, relPath);
  };
  return { getTemplate, options: { collections: site.config.collections.map((collection) => collection.label) } };
}

/** The analysis of one layout of the site (its chain and includes). */
export function siteLayoutAnalysis(site: Site, name: string, templates = siteTemplates(site)): LayoutAnalysis {
  return analyzeLayout(name, templates.getTemplate, templates.options);
}

/** Whether Jekyll runs Liquid on the page's body: only when it has Liquid and does not turn it off. */
export function bodyRunsLiquid(page: Page): boolean {
  return page.data.render_with_liquid !== false && /\{[{%]/.test(page.text.slice(page.frontMatter.block.bodyStart ?? 0));
}

const bodyCache = new WeakMap<Page, { text: string; analysis: LayoutAnalysis | undefined }>();

/**
 * What the Liquid of a page's own body reads (`{{ page.x }}`, loops over `site.posts`…), following
 * its includes; undefined when Jekyll runs no Liquid on it. Kept per page text.
 */
export function pageBodyAnalysis(site: Site, page: Page, templates?: ReturnType<typeof siteTemplates>): LayoutAnalysis | undefined {
  const cached = bodyCache.get(page);
  if (cached && cached.text === page.text) return cached.analysis;
  let analysis: LayoutAnalysis | undefined;
  if (bodyRunsLiquid(page)) {
    const { getTemplate, options } = templates ?? siteTemplates(site);
    analysis = analyzePageBody(page.relPath, page.text, getTemplate, options);
  }
  bodyCache.set(page, { text: page.text, analysis });
  return analysis;
}
