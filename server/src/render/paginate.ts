/**
 * jekyll-paginate 1.1 (`Pagination`, `Pager`): with `paginate: N`, the deepest `index.html` on the
 * way to `paginate_path` gets `paginator`, its first page of N posts. Other pages (and documents)
 * have none. The later pages (`/page2/`…) are not files an author opens, so only the first is made.
 */
import * as path from 'node:path';
import type { Page, Site } from '../site/site';
import type { Drop } from './drops';

/** Jekyll's default `paginate_path`. */
const DEFAULT_PAGINATE_PATH = '/page:num';

export function paginatorFor(site: Site, page: Page, posts: Drop[]): Drop | undefined {
  const perPage = parseInt(String(site.config.data.paginate ?? ''), 10);
  if (!site.loadsPlugin('jekyll-paginate') || page.collection || !(perPage > 0) || templatePage(site) !== page) return undefined;
  const shown = posts.filter((post) => !post.hidden);
  const totalPages = Math.ceil(shown.length / perPage);
  if (totalPages < 1) return undefined;
  const format = paginatePath(site);
  const next = totalPages > 1 ? 2 : null;
  return {
    page: 1,
    per_page: perPage,
    posts: shown.slice(0, perPage),
    total_posts: shown.length,
    total_pages: totalPages,
    previous_page: null,
    previous_page_path: null,
    next_page: next,
    next_page_path: next && format.includes(':num') ? ensureLeadingSlash(format.replace(':num', String(next))) : null,
  };
}

function paginatePath(site: Site): string {
  const configured = site.config.data.paginate_path;
  return typeof configured === 'string' ? configured : DEFAULT_PAGINATE_PATH;
}

/** `Pagination.template_page`: an `index.html` page in the folder of `paginate_path` or one above it, the longest path first. */
function templatePage(site: Site): Page | undefined {
  const folder = path.posix.dirname(ensureLeadingSlash(paginatePath(site)).slice(1).replace(/\/+$/, ''));
  const above = new Set<string>();
  for (let dir = folder; ; dir = path.posix.dirname(dir)) {
    above.add(dir);
    if (dir === '.' || dir === '/' || dir === '') break;
  }
  const candidates = [...site.pages.values()].filter((page) =>
    !page.collection && path.posix.basename(page.relPath) === 'index.html' && above.has(path.posix.dirname(page.relPath)));
  return candidates.sort((a, b) => b.relPath.length - a.relPath.length)[0];
}

function ensureLeadingSlash(text: string): string {
  return text.startsWith('/') ? text : `/${text}`;
}
