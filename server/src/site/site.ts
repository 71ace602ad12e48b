import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFrontMatter, ParsedFrontMatter } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import { applicableDefaults, DefaultsEntry, readConfig, scopeMatches, SiteConfig } from './config';

/** Where a page's layout came from, so messages and hovers can say so. */
export type LayoutSource = 'page' | 'defaults' | 'default-layout-plugin' | 'none';

export interface Page {
  /** Path relative to the site root, with forward slashes. */
  relPath: string;
  text: string;
  frontMatter: ParsedFrontMatter;
  lines: LineIndex;
  /** `pages`, or the collection label for a collection document (the `type` of `defaults` scopes). */
  type: string;
  /** Set for collection documents. */
  collection?: string;
  url: string;
  /** The `defaults` entries of `_config.yml` that apply, least specific first. */
  defaults: DefaultsEntry[];
  /** Front matter as Jekyll sees it: defaults merged under the page's own values. */
  data: Record<string, unknown>;
  /** The layout Jekyll renders the page with (null: none), and why. */
  layout: string | null;
  layoutSource: LayoutSource;
}

export interface Layout {
  name: string;
  relPath: string;
  text: string;
  frontMatter: ParsedFrontMatter;
  /** The layout's own `layout:` (its parent in the chain). */
  parent?: string;
}

const PAGE_EXTENSIONS = new Set(['.md', '.markdown', '.html', '.htm']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
/** Folders no site has content in, skipped before `exclude` is even read. */
const ALWAYS_SKIPPED = new Set(['_site', 'node_modules', '.git', '.jekyll-cache', '.sass-cache']);

export function isPagePath(relPath: string): boolean {
  return PAGE_EXTENSIONS.has(path.posix.extname(relPath).toLowerCase());
}

/**
 * The folder holding `_config.yml`: the start folder or one above it; else the first one below it
 * (a few levels deep); else the start folder itself.
 */
export function findSiteRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '_config.yml'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return findConfigBelow(path.resolve(start), 3) ?? path.resolve(start);
}

function findConfigBelow(dir: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  if (entries.some((entry) => entry.isFile() && entry.name === '_config.yml')) return dir;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || ALWAYS_SKIPPED.has(entry.name)) continue;
    const found = findConfigBelow(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Everything the server knows of one Jekyll site: config, layouts, includes, pages and other files.
 * Reads the disk once; after that the owner feeds changes (`setFile`, `deleteFile`) so that an
 * edit re-parses only the file that changed.
 */
export class Site {
  config: SiteConfig;
  readonly layouts = new Map<string, Layout>();
  /** Include names (paths under `_includes/`) to site-relative paths. */
  readonly includes = new Map<string, string>();
  readonly pages = new Map<string, Page>();
  /** Every file of the site that Jekyll would read or copy (site-relative), for "does it exist" checks. */
  readonly files = new Set<string>();
  /** Gemfile contents, for the GitHub Pages default-layout rule. */
  private gemfile = '';
  /** Editor text of `_config.yml` and `Gemfile` not saved yet: a reload reads it instead of the disk. */
  private readonly unsavedSettings = new Map<string, string>();
  /** Goes up on every change to the model, so caches built from it (see `indexes.ts`) know when to rebuild. */
  version = 0;

  private constructor(readonly root: string) {
    this.config = readConfig(undefined);
  }

  /** Reads a site from disk. */
  static load(root: string): Site {
    const site = new Site(path.resolve(root));
    site.reload();
    return site;
  }

  /** Re-reads everything from disk (after `_config.yml` changes, which can change what is a page). */
  reload(): void {
    this.version++;
    this.layouts.clear();
    this.includes.clear();
    this.pages.clear();
    this.files.clear();
    this.config = readConfig(this.unsavedSettings.get('_config.yml') ?? this.readDisk('_config.yml'));
    this.gemfile = this.unsavedSettings.get('Gemfile') ?? this.readDisk('Gemfile') ?? '';
    for (const relPath of this.walk('')) this.files.add(relPath);
    for (const relPath of this.files) this.readIntoModel(relPath, undefined);
    this.refreshAllPages();
  }

  get hasConfig(): boolean {
    return this.config.text !== undefined;
  }

  /** The Gemfile's text ('' without one): which plugin gems Bundler loads. */
  get gemfileText(): string {
    return this.gemfile;
  }

  /** GitHub Pages (the `github-pages` gem) and `jekyll-default-layout` give layout-less Markdown pages a layout. */
  get usesDefaultLayoutPlugin(): boolean {
    return /^\s*gem\s+["']github-pages["']/m.test(this.gemfile) || this.config.plugins.includes('jekyll-default-layout');
  }

  absolutePath(relPath: string): string {
    return path.join(this.root, ...relPath.split('/'));
  }

  /** The site-relative path of an absolute one, or undefined when it is outside the site. */
  relativePath(absPath: string): string | undefined {
    const rel = path.relative(this.root, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /**
   * A file was created or changed (on disk or in an editor buffer). Returns what kind of file it was,
   * so the caller knows how much to re-check.
   */
  setFile(relPath: string, text?: string): FileKind {
    const kind = this.classify(relPath);
    if (kind === 'ignored') return kind;
    if (kind === 'config' || kind === 'gemfile') {
      // What is a page, its URL and its defaults all hang on these: read the site again.
      if (text === undefined) this.unsavedSettings.delete(relPath);
      else this.unsavedSettings.set(relPath, text);
      this.reload();
      return kind;
    }
    this.version++;
    this.files.add(relPath);
    this.readIntoModel(relPath, text);
    if (kind === 'layout') this.refreshAllPages();
    return kind;
  }

  deleteFile(relPath: string): FileKind {
    const kind = this.classify(relPath);
    if (kind === 'config' || kind === 'gemfile') {
      this.unsavedSettings.delete(relPath);
      this.reload();
      return kind;
    }
    this.version++;
    this.files.delete(relPath);
    this.pages.delete(relPath);
    if (kind === 'layout') {
      this.layouts.delete(layoutName(relPath));
      this.refreshAllPages();
    }
    if (kind === 'include') this.includes.delete(relPath.slice('_includes/'.length));
    return kind;
  }

  /** The layout chain from a layout up to the outermost one, cycle-safe. */
  layoutChain(name: string | null): Layout[] {
    const chain: Layout[] = [];
    for (let current = name ? this.layouts.get(name) : undefined; current; current = current.parent ? this.layouts.get(current.parent) : undefined) {
      if (chain.includes(current)) break;
      chain.push(current);
    }
    return chain;
  }

  classify(relPath: string): FileKind {
    if (relPath === '_config.yml') return 'config';
    if (relPath === 'Gemfile') return 'gemfile';
    const [first] = relPath.split('/');
    if (first === '_layouts') return 'layout';
    if (first === '_includes') return 'include';
    if (first === '_data' || first === '_sass') return 'data';
    if (this.isExcluded(relPath)) return 'ignored';
    if (first.startsWith('_') && !this.collectionOf(relPath)) return 'ignored';
    return isPagePath(relPath) ? 'page' : 'static';
  }

  private collectionOf(relPath: string): string | undefined {
    const [first] = relPath.split('/');
    if (!first.startsWith('_') || !relPath.includes('/')) return undefined;
    const label = first.slice(1);
    return this.config.collections.some((c) => c.label === label) || label === 'posts' || label === 'drafts' ? label : undefined;
  }

  private isExcluded(relPath: string): boolean {
    const segments = relPath.split('/');
    const included = this.config.include.some((entry) => scopeMatches(entry, relPath));
    if (!included && segments.some((segment) => /^[.#]/.test(segment) || segment.endsWith('~'))) return true;
    if (segments.some((segment) => ALWAYS_SKIPPED.has(segment))) return true;
    return !included && this.config.exclude.some((entry) => scopeMatches(entry, relPath));
  }

  private readDisk(relPath: string): string | undefined {
    try {
      return fs.readFileSync(this.absolutePath(relPath), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Site files below `dir`, not following symbolic links (Jekyll's safe mode does not either). */
  private *walk(dir: string): Generator<string> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir === '' ? this.root : this.absolutePath(dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relPath = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || this.isExcluded(relPath)) continue;
        yield* this.walk(relPath);
      } else if (entry.isFile() && this.classify(relPath) !== 'ignored') {
        yield relPath;
      }
    }
  }

  private readIntoModel(relPath: string, text: string | undefined): void {
    const kind = this.classify(relPath);
    if (kind === 'include') {
      this.includes.set(relPath.slice('_includes/'.length), relPath);
    } else if (kind === 'layout') {
      const source = text ?? this.readDisk(relPath);
      if (source === undefined || relPath.split('/').length !== 2) return;
      const frontMatter = parseFrontMatter(source);
      const parent = frontMatter.data.layout;
      this.layouts.set(layoutName(relPath), {
        name: layoutName(relPath), relPath, text: source, frontMatter,
        parent: typeof parent === 'string' ? parent : undefined,
      });
    } else if (kind === 'page') {
      const source = text ?? this.readDisk(relPath);
      if (source === undefined) return;
      const frontMatter = parseFrontMatter(source);
      if (!frontMatter.block.present) {
        // Without front matter Jekyll copies the file as it is: not a page.
        this.pages.delete(relPath);
        return;
      }
      const collection = this.collectionOf(relPath);
      const page: Page = {
        relPath, text: source, frontMatter, lines: new LineIndex(source),
        type: collection ?? 'pages', collection, url: '', defaults: [], data: {}, layout: null, layoutSource: 'none',
      };
      this.resolvePage(page);
      this.pages.set(relPath, page);
    }
  }

  private refreshAllPages(): void {
    for (const page of this.pages.values()) this.resolvePage(page);
  }

  /** Computes what depends on config and layouts: defaults, merged data, URL and layout. */
  private resolvePage(page: Page): void {
    page.defaults = applicableDefaults(this.config, page.relPath, page.type);
    let data: Record<string, unknown> = {};
    for (const entry of page.defaults) data = deepMerge(data, entry.values);
    data = deepMerge(data, page.frontMatter.data);
    page.data = data;
    page.url = this.urlOf(page);
    if ('layout' in page.frontMatter.data) {
      page.layout = layoutValue(page.frontMatter.data.layout);
      page.layoutSource = 'page';
    } else if ('layout' in data) {
      page.layout = layoutValue(data.layout);
      page.layoutSource = 'defaults';
    } else if (this.usesDefaultLayoutPlugin && MARKDOWN_EXTENSIONS.has(path.posix.extname(page.relPath)) && !page.collection) {
      page.layout = this.pluginLayoutFor(page);
      page.layoutSource = page.layout ? 'default-layout-plugin' : 'none';
    } else {
      page.layout = null;
      page.layoutSource = 'none';
    }
  }

  /** jekyll-default-layout's choice: `home` for the front page, then `page`, then `default`, if they exist. */
  private pluginLayoutFor(page: Page): string | null {
    if (page.url === '/' && this.layouts.has('home')) return 'home';
    if (this.layouts.has('page')) return 'page';
    return this.layouts.has('default') ? 'default' : null;
  }

  /** Jekyll's permalink rules for pages and for documents of collections that are written out. */
  private urlOf(page: Page): string {
    const ext = path.posix.extname(page.relPath);
    const withoutExt = page.relPath.slice(0, page.relPath.length - ext.length);
    const permalink = typeof page.data.permalink === 'string' ? page.data.permalink : undefined;
    if (permalink) return permalink.startsWith('/') ? permalink : `/${permalink}`;
    if (page.collection) {
      return `/${page.collection}/${withoutExt.split('/').slice(1).join('/')}.html`;
    }
    const dir = path.posix.dirname(withoutExt);
    const base = path.posix.basename(withoutExt);
    const prefix = dir === '.' ? '/' : `/${dir}/`;
    if (base === 'index') return prefix;
    return this.config.permalink === 'pretty' ? `${prefix}${base}/` : `${prefix}${base}.html`;
  }
}

export type FileKind = 'config' | 'gemfile' | 'layout' | 'include' | 'data' | 'page' | 'static' | 'ignored';

function layoutName(relPath: string): string {
  const base = relPath.split('/').pop() ?? relPath;
  return base.replace(/\.[^.]+$/, '');
}

/** `layout: none` and `layout: null` both mean "no layout". */
function layoutValue(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  const name = String(value);
  return name === 'none' || name === '' ? null : name;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
