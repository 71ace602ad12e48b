/**
 * `site.posts`, `site.categories`, `site.tags` and `site.<label>` as Jekyll builds them
 * (`Site#post_attr_hash`, `Collection#sort_docs!`, `Document#<=>`).
 */
import { siteIndex } from './indexes';
import type { Page, Site } from './site';

/** Documents in Jekyll's order: by date, then by path (`Document#<=>`). */
function byDateThenPath(a: Page, b: Page): number {
  const left = String(a.filled.date ?? '');
  const right = String(b.filled.date ?? '');
  if (left !== right) return left < right ? -1 : 1;
  return a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0;
}

/** The labels of `site.collections`: `posts`, then those of `_config.yml`. */
export function collectionLabels(site: Site): string[] {
  return [...new Set(['posts', ...site.config.collections.map((collection) => collection.label)])];
}

/**
 * `site.<label>`: the collection's documents Jekyll builds (drafts, future posts and
 * `published: false` left out), oldest first; `site.posts` lists posts newest first.
 */
export function collectionDocuments(site: Site, label: string): Page[] {
  return siteIndex(site, `collection:${label}`, () => {
    const docs = [...site.pages.values()]
      .filter((page) => page.collection === label && !page.draft && (label !== 'posts' || page.output) && page.data.published !== false)
      .sort(byDateThenPath);
    return label === 'posts' ? docs.reverse() : docs;
  });
}

/** `site.posts`: the posts Jekyll builds, newest first. */
export function sitePosts(site: Site): Page[] {
  return collectionDocuments(site, 'posts');
}

/** The drafts of `_drafts/` (built only with `--drafts`), newest first. */
export function siteDrafts(site: Site): Page[] {
  return siteIndex(site, 'drafts', () => [...site.pages.values()].filter((page) => page.draft).sort(byDateThenPath).reverse());
}

/** `site.categories` (by `categories`) or `site.tags` (by `tags`): each name's posts, newest first. */
export function postsBy(site: Site, field: 'categories' | 'tags'): Map<string, Page[]> {
  return siteIndex(site, `posts-by:${field}`, () => {
    const index = new Map<string, Page[]>();
    for (const post of sitePosts(site)) {
      for (const name of (post.filled[field] as string[] | undefined) ?? []) {
        const list = index.get(name);
        if (list) list.push(post);
        else index.set(name, [post]);
      }
    }
    return index;
  });
}
