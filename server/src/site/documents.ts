/**
 * Posts, drafts and collection documents as Jekyll reads them (`readers/post_reader.rb`,
 * `collection.rb`, `document.rb`): which files they are, the fields Jekyll fills in itself, and
 * their URLs. Pure functions of paths, front matter and `_config.yml`.
 */
import * as path from 'node:path';
import type { SiteConfig } from './config';
import {
  addPermalinkSuffix, DateParts, datePlaceholders, fillFromDrop, fillFromHash, parseDateText,
  sanitizeUrl, slugify, styleToPermalink, titleizeSlug, utcTime, zonedParts,
} from './urls';

/** `Document::DATE_FILENAME_MATCHER`: `YYYY-MM-DD-slug.ext`, in any subfolder of `_posts`. */
const DATE_FILENAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
/** `Document::DATELESS_FILENAME_MATCHER`. */
const DATELESS_FILENAME = /^(?:.+\/)*(.*)(\.[^.]+)$/;
const DEFAULT_MARKDOWN_EXT = 'markdown,mkdown,mkdn,mkd,md';

/** Where a file sits among Jekyll's documents. */
export interface DocumentPlace {
  /** `posts` for posts and drafts, else the collection's label. */
  collection: string;
  /** The folder the documents are read from (`_posts`, `blog/_posts`, `_docs`), site-relative. */
  directory: string;
  draft: boolean;
  /** `collections_dir` with a slash, or '': paths Jekyll shows for documents are relative to it. */
  root: string;
  /** Folders above `_posts`/`_drafts`: the post's first categories (`Document#categories_from_path`). */
  above: string[];
}

/**
 * The collection a site file is a document of; `skipped` for a file in `_posts`/`_drafts` whose
 * name Jekyll does not read as a post (it is neither a post nor copied); undefined for other files.
 */
export function documentPlace(relPath: string, config: SiteConfig): DocumentPlace | 'skipped' | undefined {
  const collectionsDir = collectionsDirOf(config);
  if (collectionsDir && !relPath.startsWith(`${collectionsDir}/`)) return undefined;
  const prefix = collectionsDir ? `${collectionsDir}/` : '';
  const segments = relPath.slice(prefix.length).split('/');
  const first = segments[0];
  if (segments.length > 1 && first !== '_posts' && first !== '_drafts' && first.startsWith('_')
    && config.collections.some((collection) => collection.label === first.slice(1))) {
    return { collection: first.slice(1), directory: `${prefix}${first}`, draft: false, root: prefix, above: [] };
  }
  // `_posts` and `_drafts` in any folder Jekyll walks (none of whose names starts with `_` or `.`).
  const special = segments.findIndex((segment) => segment === '_posts' || segment === '_drafts');
  if (special === -1 || special === segments.length - 1 || segments.slice(0, special).some((s) => /^[_.]/.test(s))) return undefined;
  const draft = segments[special] === '_drafts';
  const inside = segments.slice(special + 1).join('/');
  if (!(draft ? DATELESS_FILENAME : DATE_FILENAME).test(inside)) return 'skipped';
  return { collection: 'posts', directory: `${prefix}${segments.slice(0, special + 1).join('/')}`, draft, root: prefix, above: segments.slice(0, special) };
}

function collectionsDirOf(config: SiteConfig): string {
  const value = config.data.collections_dir;
  return typeof value === 'string' ? value.replace(/^\.?\/+|\/+$/g, '') : '';
}

/** The values Jekyll fills in for a document, and what its URL and output depend on. */
export interface DocumentFacts {
  /** Fields Jekyll sets itself (`date`, `slug`, `title`, `ext`, `categories`, `tags`, `draft`…). */
  filled: Record<string, unknown>;
  /** The date as Jekyll reads it (front matter, else the file name, else now), as written. */
  dateParts: DateParts;
  url: string;
  /** Jekyll writes it: the collection is output, it is published, not a draft, not in the future. */
  output: boolean;
}

/**
 * What Jekyll computes for a document (`Document#read_post_data`, `#url`). `data` is the front
 * matter with defaults; `dateText` the `date:` value as written in the front matter, if any.
 */
export function documentFacts(relPath: string, place: DocumentPlace, data: Record<string, unknown>, dateText: string | undefined, config: SiteConfig, now: Date): DocumentFacts {
  const inside = relPath.slice(place.directory.length + 1);
  const ext = path.posix.extname(relPath);
  const basename = path.posix.basename(relPath, ext);
  const dated = place.draft ? undefined : DATE_FILENAME.exec(inside);
  const fileSlug = (dated ? dated[2] : (DATELESS_FILENAME.exec(inside)?.[1] ?? basename)).replace(/\.+$/, '');
  const slug = typeof data.slug === 'string' ? data.slug : fileSlug;
  const zone = config.timezone;
  // An unquoted time without an offset is a YAML timestamp, which Psych reads in UTC: `02:00:00` in Los Angeles is the day before.
  const yamlTime = data.date instanceof Date && dateText !== undefined && /\d[Tt\s]+\d{1,2}:\d{2}/.test(dateText);
  const dateParts = (yamlTime ? zonedParts(data.date as Date, zone) : undefined)
    ?? (dateText !== undefined ? parseDateText(dateText, zone) : undefined)
    ?? (data.date instanceof Date ? zonedParts(data.date, zone) : typeof data.date === 'string' ? parseDateText(data.date, zone) : undefined)
    ?? (dated ? parseDateText(dated[1], zone) : undefined)
    ?? zonedParts(now, zone);
  const categories = documentCategories(place, data);
  const tags = pluralized(data, 'tag', 'tags');
  const filled: Record<string, unknown> = {
    date: isoDate(dateParts),
    slug,
    title: typeof data.title === 'string' ? data.title : titleizeSlug(fileSlug),
    ext,
    categories,
    tags,
    collection: place.collection,
    relative_path: relPath.slice(place.root.length),
    path: relPath.slice(place.root.length),
    draft: place.draft,
  };
  const outputExt = outputExtOf(ext, config);
  const drop: Record<string, string> = {
    ...datePlaceholders(dateParts),
    collection: place.collection,
    path: relPath.slice(0, relPath.length - ext.length).slice(place.directory.length).replace(/\.+$/, ''),
    name: slugify(basename),
    title: slugify(slug, 'pretty', true),
    slug: slugify(slug),
    categories: [...new Set(categories.map((category) => category.toLowerCase()))].join('/'),
    slugified_categories: [...new Set(categories.map((category) => slugify(category)))].join('/'),
    output_ext: outputExt,
  };
  const permalink = typeof data.permalink === 'string' && data.permalink !== '' ? data.permalink : undefined;
  const template = permalink ?? collectionUrlTemplate(place.collection, config);
  const url = sanitizeUrl(fillFromDrop(template, (name) => drop[name]) ?? template);
  filled.url = url;
  filled.id = path.posix.join(path.posix.dirname(url), slug);
  const collection = config.collections.find((c) => c.label === place.collection);
  const future = utcTime(dateParts) > now.getTime();
  const output = !place.draft && data.published !== false
    && (place.collection === 'posts' ? config.data.future === true || !future : collection?.output === true);
  return { filled, dateParts, url, output };
}

/** `Collection#url_template`: the collection's `permalink`, else for posts the site's style, else `/:collection/:path` with the style's ending. */
function collectionUrlTemplate(label: string, config: SiteConfig): string {
  const own = config.collections.find((c) => c.label === label)?.permalink;
  if (own) return own;
  const style = config.permalink ?? 'date';
  return label === 'posts' ? styleToPermalink(style) : addPermalinkSuffix('/:collection/:path', style);
}

/** A page's URL (`Page#template`, `#url_placeholders`): its folder, its name without extension, its output extension. */
export function pageUrl(relPath: string, permalink: unknown, config: SiteConfig): string {
  const ext = path.posix.extname(relPath);
  const dir = path.posix.dirname(relPath);
  const basename = path.posix.basename(relPath, ext).replace(/\.+$/, '');
  const outputExt = outputExtOf(ext, config);
  const style = config.permalink ?? 'date';
  const html = ['.html', '.xhtml', '.htm'].includes(outputExt);
  const template = !html ? '/:path/:basename:output_ext' : basename === 'index' ? '/:path/' : addPermalinkSuffix('/:path/:basename', style);
  const chosen = typeof permalink === 'string' && permalink !== '' ? permalink : template;
  return sanitizeUrl(fillFromHash(chosen, [['path', dir === '.' ? '' : dir], ['basename', basename], ['output_ext', outputExt]]));
}

/** The extension Jekyll writes a file with: `.html` for Markdown, `.css` for Sass, `.js` for CoffeeScript, else its own. */
export function outputExtOf(ext: string, config: SiteConfig): string {
  const lower = ext.toLowerCase();
  const markdown = typeof config.data.markdown_ext === 'string' ? config.data.markdown_ext : DEFAULT_MARKDOWN_EXT;
  if (markdown.split(',').some((entry) => `.${entry.trim().toLowerCase()}` === lower)) return '.html';
  if (lower === '.scss' || lower === '.sass') return '.css';
  if (lower === '.coffee') return '.js';
  return ext;
}

/** A document's categories: the folders above `_posts` (or `_drafts`), then `category` or `categories` (`Document#populate_categories`). */
function documentCategories(place: DocumentPlace, data: Record<string, unknown>): string[] {
  const written = Array.isArray(data.categories) ? data.categories : typeof data.categories === 'string' ? data.categories.split(/\s+/) : data.categories === undefined || data.categories === null ? [] : [data.categories];
  const merged = [...place.above, ...written.map(String)].filter((c) => c !== '');
  return [...new Set([...merged, ...pluralized(data, 'category', 'categories')])];
}

/** `Utils.pluralized_array_from_hash`: the singular key's value, else the plural's (text split on blanks). */
function pluralized(data: Record<string, unknown>, singular: string, plural: string): string[] {
  let value: unknown;
  if (singular in data) value = data[singular];
  else if (plural in data) {
    const many = data[plural];
    value = typeof many === 'string' ? many.split(/\s+/).filter(Boolean) : Array.isArray(many) ? many.filter((item) => item !== null && item !== undefined) : undefined;
  }
  return [value].flat(Infinity).filter((item) => item !== null && item !== undefined).map(String);
}

function isoDate(parts: DateParts): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
}
