import type { Page, Site } from './site';

/**
 * Per-site lookups that cross-page rules share, built once and kept until the site changes
 * (`Site.version`), so checking every page of a 10 000-page site stays linear.
 */
interface SiteCache {
  version: number;
  entries: Map<string, { dependsOn: unknown; value: unknown }>;
}

const caches = new WeakMap<Site, SiteCache>();

/**
 * The value `build` computes for this site under `key`, computed at most once per site version
 * (and per `dependsOn` object, e.g. the schema the value was computed from).
 */
export function siteIndex<T>(site: Site, key: string, build: () => T, dependsOn?: unknown): T {
  let cache = caches.get(site);
  if (!cache || cache.version !== site.version) {
    cache = { version: site.version, entries: new Map() };
    caches.set(site, cache);
  }
  const entry = cache.entries.get(key);
  if (entry && entry.dependsOn === dependsOn) return entry.value as T;
  const value = build();
  cache.entries.set(key, { dependsOn, value });
  return value;
}

/**
 * A front-matter value as Liquid's `where` filter compares it: strings as they are, numbers and
 * booleans as their text. Anything else (lists, maps, dates, null) is no key.
 */
export function valueKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The pages in `site.pages` (Liquid's `site.pages`: no collection documents), in path order. */
export function menuPages(site: Site): Page[] {
  return siteIndex(site, 'menu-pages', () =>
    [...site.pages.values()].filter((page) => !page.collection).sort((a, b) => a.relPath.localeCompare(b.relPath)));
}

/** Pages by the value of one top-level field (as Jekyll sees it, defaults included). */
export function pagesByValue(site: Site, field: string): Map<string, Page[]> {
  return siteIndex(site, `by-value:${field}`, () => {
    const index = new Map<string, Page[]>();
    for (const page of menuPages(site)) {
      const key = valueKey(page.data[field]);
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(page);
      else index.set(key, [page]);
    }
    return index;
  });
}

/** The key `pagesByValueWithin` files a page under: its group's value, then its own. */
export function withinKey(group: string, value: string): string {
  return `${group}\u0000${value}`;
}

/** Pages by the value of `field` among pages that share the value of `groupField` (weight within parent). */
export function pagesByValueWithin(site: Site, field: string, groupField: string): Map<string, Page[]> {
  return siteIndex(site, `by-value-within:${groupField}:${field}`, () => {
    const index = new Map<string, Page[]>();
    for (const page of menuPages(site)) {
      const group = valueKey(page.data[groupField]);
      const key = valueKey(page.data[field]);
      if (group === undefined || key === undefined) continue;
      const composite = withinKey(group, key);
      const list = index.get(composite);
      if (list) list.push(page);
      else index.set(composite, [page]);
    }
    return index;
  });
}

/** Site files by folder ('' for the root), for "a file of that name in the same folder" suggestions. */
export function filesByFolder(site: Site): Map<string, string[]> {
  return siteIndex(site, 'files-by-folder', () => {
    const index = new Map<string, string[]>();
    for (const file of site.files) {
      const slash = file.lastIndexOf('/');
      const folder = slash === -1 ? '' : file.slice(0, slash);
      const list = index.get(folder);
      if (list) list.push(file);
      else index.set(folder, [file]);
    }
    return index;
  });
}

/** Pages by URL, for paths that name a generated page (`/about.html`) rather than a source file. */
export function pagesByUrl(site: Site): Map<string, Page> {
  return siteIndex(site, 'pages-by-url', () => {
    const index = new Map<string, Page>();
    for (const page of site.pages.values()) index.set(page.url, page);
    return index;
  });
}

/** Pages by the layout they are rendered with (`page.layout`, from the page, defaults or the default-layout plugin). */
export function pagesByLayout(site: Site): Map<string, Page[]> {
  return siteIndex(site, 'pages-by-layout', () => {
    const index = new Map<string, Page[]>();
    for (const page of site.pages.values()) {
      if (page.layout === null) continue;
      const list = index.get(page.layout);
      if (list) list.push(page);
      else index.set(page.layout, [page]);
    }
    return index;
  });
}
