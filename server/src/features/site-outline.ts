import { allObjectSchemas, referenceFields } from '../rules/fields';
import { configListedPages } from '../rules/unreachable-page';
import type { SiteSchema } from '../schema/schema';
import type { SiteWorkspace } from '../service/workspace';
import { menuPages, pagesByValue, valueKey } from '../site/indexes';
import type { Page } from '../site/site';
import { pageName } from './document';

/**
 * The site as its menus show it: the pages `_config.yml` lists on top, each page's children (the
 * pages whose `parent` names its `section`) in the order the templates sort them, the posts by
 * date, other collections, and the pages no menu reaches. The fields come from the schema (its
 * `refersTo` and `uniqueWithin`), learned from the templates as the checks learn them.
 */

/** How the site's templates build menus: which field names the parent, what it names, what orders children. */
export interface MenuStructure {
  /** The referring field (`parent`). */
  field: string;
  /** The field it names a value of (`section`). */
  refersTo: string;
  /** The field children are sorted by within a parent (`weight`), when the templates sort. */
  order?: string;
}

export interface OutlineEntry {
  relPath: string;
  title: string;
  url: string;
  /** The value of the order field, when the page has one. */
  order?: unknown;
  children: OutlineEntry[];
}

export interface OutlineGroup {
  /** `menu`, `unreached`, or `collection:<label>`. */
  id: string;
  label: string;
  entries: OutlineEntry[];
}

export interface SiteOutline {
  structure?: MenuStructure;
  groups: OutlineGroup[];
}

/** The site's menu structure from its schema; undefined when no field names another page. */
export function menuStructure(schema: SiteSchema): MenuStructure | undefined {
  const [reference] = referenceFields(schema);
  if (!reference) return undefined;
  let order: string | undefined;
  for (const object of allObjectSchemas(schema)) {
    for (const [field, property] of Object.entries(object.properties ?? {})) {
      if (property.uniqueWithin === reference.field) order ??= field;
    }
  }
  return { ...reference, order };
}

/** The whole outline of the site, groups in the order an author looks for them. */
export function siteOutline(workspace: SiteWorkspace): SiteOutline {
  const { site } = workspace;
  const structure = menuStructure(workspace.schema);
  const pages = menuPages(site).filter((page) => page.layout !== null || page.frontMatter.block.present);
  const placed = new Set<Page>();
  const entry = (page: Page): OutlineEntry => {
    placed.add(page);
    const children = structure ? childrenOf(workspace, structure, page).filter((child) => !placed.has(child)) : [];
    // Claimed before descending, so that a `parent` loop or a page listed twice appears once.
    for (const child of children) placed.add(child);
    const order = structure?.order ? page.data[structure.order] : undefined;
    return {
      relPath: page.relPath, title: pageName(page), url: page.url,
      ...(order === undefined ? {} : { order }),
      children: children.map(entry),
    };
  };

  const listed = configListedPages(site);
  const tops = pages.filter((page) => page.url === '/')
    .concat([...listed].filter((page) => page.url !== '/' && !hasParent(structure, page)));
  const menu = [...new Set(tops)].map(entry);
  const groups: OutlineGroup[] = [{ id: 'menu', label: 'Menu', entries: menu }];

  for (const [label, documents] of collections(workspace)) {
    groups.push({ id: `collection:${label}`, label: label === 'posts' ? 'Posts' : label, entries: documents.map((page) => leaf(page)) });
  }
  // Unreached: the top of each branch no menu leads to, with the pages under it.
  const unreached: OutlineEntry[] = [];
  for (const page of pages) {
    if (placed.has(page)) continue;
    const parent = structure ? parentPage(workspace, structure, page) : undefined;
    if (parent && !placed.has(parent) && parent !== page) continue;
    unreached.push(entry(page));
  }
  // What remains sits in a `parent` loop: list it flat so that no page goes missing.
  for (const page of pages) if (!placed.has(page)) unreached.push(leaf(page));
  if (unreached.length > 0) groups.push({ id: 'unreached', label: 'Not in any menu', entries: unreached });
  return { structure, groups };
}

function leaf(page: Page): OutlineEntry {
  return { relPath: page.relPath, title: pageName(page), url: page.url, children: [] };
}

function hasParent(structure: MenuStructure | undefined, page: Page): boolean {
  return structure !== undefined && valueKey(page.data[structure.field])?.trim() ? true : false;
}

/** The pages whose `parent` names this page's `section`, sorted as the templates sort them. */
export function childrenOf(workspace: SiteWorkspace, structure: MenuStructure, page: Page): Page[] {
  const section = valueKey(page.data[structure.refersTo]);
  if (section === undefined || section.trim() === '') return [];
  const children = (pagesByValue(workspace.site, structure.field).get(section) ?? []).filter((child) => child !== page);
  return sortByOrder(children, structure.order);
}

/** The page whose `section` this page's `parent` names. */
export function parentPage(workspace: SiteWorkspace, structure: MenuStructure, page: Page): Page | undefined {
  const parent = valueKey(page.data[structure.field]);
  if (parent === undefined || parent.trim() === '') return undefined;
  return (pagesByValue(workspace.site, structure.refersTo).get(parent) ?? []).find((other) => other !== page);
}

/**
 * Liquid's `sort: 'weight'`: pages without the field first (Jekyll's `nils: first`), then by value;
 * equal values keep the site's page order (by path).
 */
export function sortByOrder(pages: Page[], order: string | undefined): Page[] {
  const sorted = [...pages].sort((a, b) => a.relPath.localeCompare(b.relPath));
  if (!order) return sorted;
  return sorted.sort((a, b) => compareValues(a.data[order], b.data[order]));
}

function compareValues(a: unknown, b: unknown): number {
  const missing = (value: unknown) => value === undefined || value === null;
  if (missing(a) || missing(b)) return Number(!missing(a)) - Number(!missing(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Documents of each collection with any: posts newest first, the others by path. */
function collections(workspace: SiteWorkspace): Map<string, Page[]> {
  const byLabel = new Map<string, Page[]>();
  for (const page of workspace.site.pages.values()) {
    if (!page.collection || page.collection === 'drafts') continue;
    const list = byLabel.get(page.collection) ?? [];
    list.push(page);
    byLabel.set(page.collection, list);
  }
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a.relPath.localeCompare(b.relPath));
    if (label === 'posts') list.sort((a, b) => postDate(b) - postDate(a));
  }
  return new Map([...byLabel].sort(([a], [b]) => Number(b === 'posts') - Number(a === 'posts') || a.localeCompare(b)));
}

/** A post's date: its `date` field, else the date its file name starts with (`2024-05-01-title.md`). */
export function postDate(page: Page): number {
  const date = page.data.date;
  const parsed = date instanceof Date ? date.getTime() : typeof date === 'string' ? Date.parse(date) : NaN;
  if (!Number.isNaN(parsed)) return parsed;
  const match = /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]*$/.exec(page.relPath);
  return match ? Date.parse(match[1]) : 0;
}
