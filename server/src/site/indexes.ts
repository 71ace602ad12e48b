import type { Page, Site } from './site';
import { runToEnd } from './slices';

/**
 * Per-site lookups that cross-page rules share, built once and kept until the site changes
 * (`Site.version`), so checking every page of a 10 000-page site stays linear. An index that
 * names the page fields it reads is kept across edits that change none of them, so that a
 * keystroke does not rebuild it: a rebuild is O(pages).
 */
interface CacheEntry {
  /** The site version the value is known to be right for. */
  version: number;
  /** The site version the value was computed at: it stays while edits leave the value right. */
  builtAt: number;
  dependsOn: unknown;
  /** The top-level page fields the value reads; undefined: any change may affect it. */
  pageFields?: readonly string[];
  value: unknown;
}

const caches = new WeakMap<Site, Map<string, CacheEntry>>();

/**
 * The value `build` computes for this site under `key`, computed once per site version (and per
 * `dependsOn` object, e.g. the schema the value was computed from). With `pageFields`, the value
 * depends only on which pages there are, their paths, URLs, layouts and readability, and these
 * fields of theirs: it is kept while edits change other fields only.
 */
export function siteIndex<T>(site: Site, key: string, build: () => T, dependsOn?: unknown, pageFields?: readonly string[]): T {
  const entries = entriesOf(site);
  const entry = currentEntry(site, entries.get(key), dependsOn);
  if (entry) return entry.value as T;
  const value = build();
  entries.set(key, { version: site.version, builtAt: site.version, dependsOn, pageFields, value });
  return value;
}

/** `siteIndex` with a value built a step at a time, for a server to answer requests between steps. */
export function* buildingSiteIndex<T>(
  site: Site, key: string, building: () => Generator<void, T>, dependsOn?: unknown, pageFields?: readonly string[],
): Generator<void, T> {
  const entries = entriesOf(site);
  const entry = currentEntry(site, entries.get(key), dependsOn);
  if (entry) return entry.value as T;
  // The value is right for the site as it was when building started: an edit between steps makes it stale.
  const version = site.version;
  const value = yield* building();
  entries.set(key, { version, builtAt: version, dependsOn, pageFields, value });
  return value;
}

/**
 * `buildingSiteIndex` run to the end: for the rules' lookups on every page, which find the value kept
 * without making the two generators a build takes (a tenth of the rules' time on 10 000 pages).
 */
export function siteIndexBuiltInSteps<T>(
  site: Site, key: string, building: () => Generator<void, T>, dependsOn?: unknown, pageFields?: readonly string[],
): T {
  const entry = currentEntry(site, entriesOf(site).get(key), dependsOn);
  return entry ? entry.value as T : runToEnd(buildingSiteIndex(site, key, building, dependsOn, pageFields));
}

/**
 * Whether any site-wide index may read differently than at `version`: one was built since, or
 * one built before is no longer right (it will be rebuilt when next read). When none did, an edit
 * changed nothing that checks of pages other than the edited one and its dependants read, so they
 * need not be checked again. Indexes found still right are marked so (as reading them does), so
 * that they are not taken as stale once the site forgets the edits in between.
 */
export function siteIndexesChangedSince(site: Site, version: number): boolean {
  let changed = false;
  for (const entry of caches.get(site)?.values() ?? []) {
    if (entry.builtAt > version) changed = true;
    else if (entry.version !== site.version) {
      if (keptAcrossEdits(site, entry)) entry.version = site.version;
      else changed = true;
    }
  }
  return changed;
}

function entriesOf(site: Site): Map<string, CacheEntry> {
  let entries = caches.get(site);
  if (!entries) caches.set(site, (entries = new Map()));
  return entries;
}

/** The entry, when it is still right for the site as it is now. */
function currentEntry(site: Site, entry: CacheEntry | undefined, dependsOn: unknown): CacheEntry | undefined {
  if (!entry || entry.dependsOn !== dependsOn || (entry.version !== site.version && !keptAcrossEdits(site, entry))) return undefined;
  entry.version = site.version;
  return entry;
}

function keptAcrossEdits(site: Site, entry: CacheEntry): boolean {
  const { pageFields } = entry;
  if (!pageFields) return false;
  const edits = site.fieldEditsSince(entry.version);
  return edits !== undefined && edits.every((fields) => !pageFields.some((field) => fields.has(field)));
}

/** For indexes that read no page field: lookups by path, URL or layout, and what templates or the config say. */
export const NO_PAGE_FIELDS: readonly string[] = [];

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
    [...site.pages.values()].filter((page) => !page.collection).sort((a, b) => a.relPath.localeCompare(b.relPath)), undefined, NO_PAGE_FIELDS);
}

/** Pages an index step goes through before its builder may pause: a pass over 10 000 pages held the server 20-60 ms. */
const PAGES_PER_STEP = 500;

/** Pages by the value of one top-level field (as Jekyll sees it, defaults included). */
export function pagesByValue(site: Site, field: string): Map<string, Page[]> {
  return siteIndexBuiltInSteps(site, byValueKey(field), () => groupingByValue(site, field), undefined, [field]);
}

/** `pagesByValue`, built a step at a time (for priming it while a server answers requests). */
export function buildingPagesByValue(site: Site, field: string): Generator<void, Map<string, Page[]>> {
  return buildingSiteIndex(site, byValueKey(field), () => groupingByValue(site, field), undefined, [field]);
}

const byValueKey = (field: string): string => `by-value:${field}`;
const groupingByValue = (site: Site, field: string) => groupingPages(site, (page) => valueKey(page.data[field]));

/** The key `pagesByValueWithin` files a page under: its group's value, then its own. */
export function withinKey(group: string, value: string): string {
  return `${group}\u0000${value}`;
}

/** Pages by the value of `field` among pages that share the value of `groupField` (weight within parent). */
export function pagesByValueWithin(site: Site, field: string, groupField: string): Map<string, Page[]> {
  return siteIndexBuiltInSteps(site, byValueWithinKey(field, groupField), () => groupingByValueWithin(site, field, groupField), undefined, [field, groupField]);
}

/** `pagesByValueWithin`, built a step at a time. */
export function buildingPagesByValueWithin(site: Site, field: string, groupField: string): Generator<void, Map<string, Page[]>> {
  return buildingSiteIndex(site, byValueWithinKey(field, groupField), () => groupingByValueWithin(site, field, groupField), undefined, [field, groupField]);
}

const byValueWithinKey = (field: string, groupField: string): string => `by-value-within:${groupField}:${field}`;

function groupingByValueWithin(site: Site, field: string, groupField: string): Generator<void, Map<string, Page[]>> {
  return groupingPages(site, (page) => {
    const group = valueKey(page.data[groupField]);
    const key = valueKey(page.data[field]);
    return group === undefined || key === undefined ? undefined : withinKey(group, key);
  });
}

/** The menu pages by the key `keyOf` gives them (none: left out), in menu order, a step per `PAGES_PER_STEP` pages. */
function* groupingPages(site: Site, keyOf: (page: Page) => string | undefined): Generator<void, Map<string, Page[]>> {
  const index = new Map<string, Page[]>();
  const pages = menuPages(site);
  for (let i = 0; i < pages.length; i++) {
    if (i > 0 && i % PAGES_PER_STEP === 0) yield;
    const key = keyOf(pages[i]);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(pages[i]);
    else index.set(key, [pages[i]]);
  }
  return index;
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
  }, undefined, NO_PAGE_FIELDS);
}

/** Pages by URL, for paths that name a generated page (`/about.html`) rather than a source file. */
export function pagesByUrl(site: Site): Map<string, Page> {
  return siteIndex(site, 'pages-by-url', () => {
    const index = new Map<string, Page>();
    for (const page of site.pages.values()) index.set(page.url, page);
    return index;
  }, undefined, NO_PAGE_FIELDS);
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
  }, undefined, NO_PAGE_FIELDS);
}
