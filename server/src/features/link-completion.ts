import type { Position } from '../frontmatter/text';
import type { SiteWorkspace } from '../service/workspace';
import { NO_PAGE_FIELDS, siteIndex } from '../site/indexes';
import { isPagePath, Site } from '../site/site';
import { CompletionEntry, CompletionList, MAX_ITEMS } from './completion';
import { pageName } from './document';
import { rankFilePaths } from './ranking';

/**
 * Completion of site paths in a page's Markdown links and images (`[text](`, `![alt](`): the
 * site's files and its pages by the URL Jekyll gives them, written the way the site writes its
 * links: `{{ '/assets/x.png' | relative_url }}` on a site whose pages do, else `/assets/x.png`.
 */
export function linkCompletionsAt(workspace: SiteWorkspace, relPath: string, position: Position): CompletionList | undefined {
  const page = workspace.site.pages.get(relPath);
  if (!page) return undefined;
  const offset = page.lines.offsetAt(position);
  const { block } = page.frontMatter;
  if (block.present && offset < block.bodyStart) return undefined;
  const line = page.lines.lineText(position.line).slice(0, position.character);
  const inLiquid = /\]\(\{\{\s*['"]([^'"]*)$/.exec(line);
  const plain = inLiquid ? undefined : /!?\[[^\]]*\]\(([^()\s]*)$/.exec(line);
  const typed = inLiquid?.[1] ?? plain?.[1];
  if (typed === undefined || /^[a-z][a-z0-9+.-]*:|^#/i.test(typed)) return undefined;
  const image = /!\[[^\]]*\]\([^()]*$/.test(line);
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const wrap = !inLiquid && writesRelativeUrl(workspace.site);
  const wanted = typed.replace(/^\/+/, '').toLowerCase();

  const targets = new Map<string, string | undefined>();
  for (const file of workspace.site.files) {
    if (file.startsWith('_') || file.includes('/_') || isPagePath(file) || workspace.site.classify(file) !== 'static') continue;
    if (image && !/\.(?:png|jpe?g|gif|svg|webp|avif)$/i.test(file)) continue;
    targets.set(`/${file}`, undefined);
  }
  if (!image) {
    for (const other of workspace.site.pages.values()) {
      if (other.relPath !== relPath && other.url && !other.relPath.startsWith('_')) targets.set(other.url, pageName(other));
    }
  }
  const matching = [...targets.keys()].filter((url) => wanted === '' || url.slice(1).toLowerCase().includes(wanted));
  const ranked = rankFilePaths(relPath, matching.map((url) => url.slice(1)), MAX_ITEMS + 1).map((url) => `/${url}`);
  const items: CompletionEntry[] = ranked.slice(0, MAX_ITEMS).map((url, i) => ({
    label: url,
    kind: 'file',
    detail: targets.get(url),
    newText: wrap ? `{{ '${url}' | relative_url }}` : url,
    filterText: wrap ? `{{ '${url}' | relative_url }}` : url,
    range,
    sortText: String(i).padStart(4, '0'),
  }));
  return { items, incomplete: ranked.length > MAX_ITEMS };
}

/**
 * Whether most of the site's Markdown links to its own paths go through `relative_url`. A habit of
 * the whole site, which one edit hardly tips: kept across edits of pages (reading every body again
 * held a completion after each edit), found again when a page comes or goes.
 */
function writesRelativeUrl(site: Site): boolean {
  return siteIndex(site, 'links-relative-url', () => {
    let wrapped = 0;
    let plain = 0;
    for (const page of site.pages.values()) {
      const body = page.text.slice(page.frontMatter.block.bodyStart);
      wrapped += body.match(/\]\(\{\{\s*['"]\/[^'"]*['"]\s*\|\s*relative_url\s*\}\}\)/g)?.length ?? 0;
      plain += body.match(/\]\(\/[^)\s]*\)/g)?.length ?? 0;
    }
    return wrapped > plain;
  }, undefined, NO_PAGE_FIELDS);
}
