/**
 * Symbolic values: what a Liquid variable holds as far as front matter is concerned (a field of
 * the page, a list of the site's pages or documents, `site`, `include`, …), and how taking an
 * element of a list or filtering groups maps one symbol to another.
 */
export type Via = 'page' | 'pages' | 'include';

/** A value taken from front matter: of the page (via 'page'), of a site page (via 'pages'), or an unbound include param. */
export interface FieldSym {
  k: 'field';
  via: Via;
  /** Path of the value; for a list (`list`), the path of its elements. */
  path: string[];
  /** True when this is a list whose elements are at `path` (site.pages, or after where/sort on a list). */
  list: boolean;
  /** Field of a `where` applied to this list of pages. */
  within?: string;
  /** Marks the element variable of a where_exp / find_exp. */
  exp?: boolean;
  /** The list is `site.pages` (or `html_pages`), not posts or another collection. */
  pagesOnly?: boolean;
}
interface SiteSym { k: 'site' }
interface IncludeSym { k: 'include' }
/** `paginator`: its `posts` are documents. */
interface PaginatorSym { k: 'paginator' }
/** `site.categories` / `site.tags`: each name maps to a list of posts; a loop gives `[name, posts]` pairs. */
interface GroupsSym { k: 'groups' }
interface GroupPairSym { k: 'pair' }
/** `site.collections`: each has its documents in `docs`. */
interface CollectionsSym { k: 'collections'; list: boolean }
/** The result of `group_by` on documents: each group has its documents in `items`. */
export interface GroupedSym { k: 'grouped'; of: FieldSym; list: boolean }
/** `groups | map: "items"`: a list whose elements are lists of documents. */
export interface ListsSym { k: 'lists'; of: FieldSym }
export type Sym = FieldSym | SiteSym | IncludeSym | PaginatorSym | GroupsSym | GroupPairSym | CollectionsSym | GroupedSym | ListsSym;

/** The site's lists of pages and documents, whose elements' front matter templates read. */
export const SITE_PAGE_LISTS = new Set(['pages', 'html_pages']);
export const SITE_DOCUMENT_LISTS = new Set(['posts', 'documents', 'related_posts']);

/** A list of the site's pages or documents (`pagesOnly`: `site.pages` itself, where references between pages live). */
export function documents(pagesOnly = false): FieldSym {
  return { k: 'field', via: 'pages', path: [], list: true, ...(pagesOnly ? { pagesOnly } : {}) };
}

export interface Env {
  /** Variables visible at the start (for includes: the including template's variables). */
  vars: Map<string, Sym | undefined>;
  /** Include parameters; undefined = standalone analysis (include.x stays symbolic). */
  params?: Map<string, Sym | undefined>;
  /** Labels of the site's collections: `site.<label>` lists their documents. */
  collections: ReadonlySet<string>;
}

export function symKey(s: Sym | undefined): string {
  if (!s) return '';
  if (s.k === 'grouped') return `grouped(${symKey(s.of)}):${s.list ? 'L' : ''}`;
  if (s.k === 'collections') return `collections:${s.list ? 'L' : ''}`;
  if (s.k === 'lists') return `lists(${symKey(s.of)})`;
  if (s.k !== 'field') return s.k;
  return `${s.via}:${s.path.join('.')}:${s.list ? 'L' : ''}:${s.within ?? ''}:${s.pagesOnly ? 'P' : ''}`;
}
export function envKey(env: Env): string {
  const part = (m: Map<string, Sym | undefined> | undefined): string =>
    m ? [...m].filter(([, v]) => v).map(([k, v]) => `${k}=${symKey(v)}`).sort().join(',') : '-';
  return part(env.vars) + '|' + part(env.params);
}

/**
 * Filters on groups of documents (`group_by` results) or on lists of such lists: selecting and
 * ordering keep them, `map: "items"` gives each group's documents, `first` one group or list.
 */
export function groupedFilter(sym: GroupedSym | ListsSym, filter: string, key: string | undefined): Sym | undefined {
  const list = sym.k === 'lists' || sym.list;
  switch (filter) {
    case 'where': case 'where_exp': case 'sort': case 'sort_natural': case 'reverse': case 'uniq': case 'compact':
    case 'slice': case 'concat': case 'push': case 'pop': case 'shift': case 'unshift':
      return sym;
    case 'first': case 'last':
      if (!list) return undefined;
      return sym.k === 'lists' ? sym.of : { ...sym, list: false };
    case 'map':
      return sym.k === 'grouped' && sym.list && key === 'items' ? { k: 'lists', of: sym.of } : undefined;
    case 'flatten':
      return sym.k === 'lists' ? sym.of : undefined;
    default:
      return undefined;
  }
}

/** The list view of a value: site.pages stays as is, `page.resources` becomes list of `resources.[]`. */
export function toList(s: FieldSym): FieldSym {
  return s.list ? s : { ...s, path: [...s.path, '[]'], list: true, within: undefined };
}

/** The loop variable of `for x in <sym>`. */
export function elementOf(s: Sym | undefined): Sym | undefined {
  if (!s) return undefined;
  if (s.k === 'groups') return { k: 'pair' };
  if ((s.k === 'collections' || s.k === 'grouped') && s.list) return { ...s, list: false };
  if (s.k === 'lists') return s.of;
  if (s.k !== 'field') return undefined;
  return { ...toList(s), list: false, within: undefined, exp: undefined, pagesOnly: undefined };
}

/** Path recorded for a read of `s` (a list read `page.resources | where…` is the field `resources`). */
export function trimListPath(s: FieldSym): string[] {
  if (s.list && s.path[s.path.length - 1] === '[]') return s.path.slice(0, -1);
  return s.path;
}

