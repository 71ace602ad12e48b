import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseFrontMatter, ParsedFrontMatter, topLevelPairs } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import { applicableDefaults, DefaultsEntry, readConfig, scopeMatches, SiteConfig } from './config';
import { sitePlugins } from './plugins';
import { runInSlices } from './slices';
import { isPermissionError, readGuarded } from './guard';

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
/** Page edits remembered for `fieldEditsSince`; a cache older than these is rebuilt. */
const MAX_REMEMBERED_EDITS = 256;

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
  /** Files and folders of the site the server may not read (Jekyll stops the build on them), by site-relative path. */
  readonly unreadable = new Map<string, 'file' | 'folder'>();
  /** Gemfile contents, for the GitHub Pages default-layout rule. */
  private gemfile = '';
  /** The site's own Ruby plugins (the `.rb` files of `_plugins/`) by site-relative path, with their text. */
  readonly pluginFiles = new Map<string, string>();
  /** Gems the theme depends on at run time, which Jekyll loads as plugins (`require_theme_deps`). */
  themeDependencies: readonly string[] = [];
  /** Editor text of `_config.yml` and `Gemfile` not saved yet: a reload reads it instead of the disk. */
  private readonly unsavedSettings = new Map<string, string>();
  /** Goes up on every change to the model, so caches built from it (see `indexes.ts`) know when to rebuild. */
  version = 0;
  /** The changes since `editsFrom - 1` that only edited fields of one page: the fields each changed. */
  private readonly fieldEdits: { version: number; fields: ReadonlySet<string> }[] = [];
  private editsFrom = 1;

  private constructor(readonly root: string) {
    this.config = readConfig(undefined);
  }

  /** Reads a site from disk. */
  static load(root: string): Site {
    const site = new Site(path.resolve(root));
    site.reload();
    return site;
  }

  /**
   * Reads a site from disk as `load` does, handing the event loop back whenever `sliceMs` have
   * passed, so that a server stays responsive while it reads thousands of files.
   */
  static async loadInSlices(root: string, sliceMs: number): Promise<Site> {
    const site = new Site(path.resolve(root));
    await runInSlices(site.reading(), sliceMs);
    return site;
  }

  /** Re-reads everything from disk (after `_config.yml` changes, which can change what is a page). */
  reload(): void {
    for (const _ of this.reading()) continue;
  }

  /** Re-reads everything from disk, one step per file, for the caller to pause between steps. */
  private *reading(): Generator<void> {
    this.changed(undefined);
    this.layouts.clear();
    this.includes.clear();
    this.pages.clear();
    this.files.clear();
    this.unreadable.clear();
    this.pluginFiles.clear();
    this.config = readConfig(this.unsavedSettings.get('_config.yml') ?? this.readSetting('_config.yml'));
    this.gemfile = this.unsavedSettings.get('Gemfile') ?? this.readSetting('Gemfile') ?? '';
    for (const relPath of this.walk('')) {
      this.files.add(relPath);
      yield;
    }
    for (const relPath of this.files) {
      this.readIntoModel(relPath, undefined);
      yield;
    }
    // Caches built while reading saw only part of the site.
    this.changed(undefined);
    // Again once every layout is known: the default-layout plugin picks one that exists.
    for (const page of this.pages.values()) {
      this.resolvePage(page);
      yield;
    }
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
    return this.loadsPlugin('jekyll-default-layout');
  }

  /** Whether Jekyll loads the plugin gem `name` for this site (see `sitePlugins`). */
  loadsPlugin(name: string): boolean {
    return sitePlugins(this).gems.has(name);
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
    // Not the site's file, as for the first walk, which follows no link.
    if (text === undefined && this.leadsOutside(relPath)) return 'ignored';
    if (kind === 'config' || kind === 'gemfile') {
      // What is a page, its URL and its defaults all hang on these: read the site again.
      if (text === undefined) this.unsavedSettings.delete(relPath);
      else this.unsavedSettings.set(relPath, text);
      this.reload();
      return kind;
    }
    const before = kind === 'page' ? this.pages.get(relPath) : undefined;
    const beforeValues = before && { ...before };
    this.files.add(relPath);
    this.readIntoModel(relPath, text);
    const after = this.pages.get(relPath);
    if (before && after) {
      // The same object, updated: caches that hold the page (indexes of other fields) stay right.
      Object.assign(before, after);
      this.pages.set(relPath, before);
    }
    this.changed(beforeValues && after ? changedFields(beforeValues, after) : undefined);
    if (kind === 'layout') this.refreshAllPages();
    return kind;
  }

  /**
   * The top-level fields that edits of pages changed since `version` (one set per edit), or
   * undefined when anything else changed since then: a page came or went, or its URL, layout or
   * readability changed, or another kind of file changed.
   */
  fieldEditsSince(version: number): ReadonlySet<string>[] | undefined {
    if (version + 1 < this.editsFrom) return undefined;
    return this.fieldEdits.filter((edit) => edit.version > version).map((edit) => edit.fields);
  }

  /** Bumps the version, remembering which fields a page edit changed (`fields`), or that more changed. */
  private changed(fields: ReadonlySet<string> | undefined): void {
    this.version++;
    if (!fields) {
      this.fieldEdits.length = 0;
      this.editsFrom = this.version + 1;
      return;
    }
    this.fieldEdits.push({ version: this.version, fields });
    if (this.fieldEdits.length > MAX_REMEMBERED_EDITS) this.editsFrom = this.fieldEdits.shift()!.version + 1;
  }

  deleteFile(relPath: string): FileKind {
    const kind = this.classify(relPath);
    if (kind === 'config' || kind === 'gemfile') {
      this.unsavedSettings.delete(relPath);
      this.reload();
      return kind;
    }
    this.changed(undefined);
    this.files.delete(relPath);
    this.pages.delete(relPath);
    if (kind === 'layout') {
      this.layouts.delete(layoutName(relPath));
      this.refreshAllPages();
    }
    if (kind === 'include') this.includes.delete(relPath.slice('_includes/'.length));
    if (kind === 'plugin') this.pluginFiles.delete(relPath);
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
    if (relPath.startsWith(`${this.pluginsDir}/`)) return relPath.endsWith('.rb') ? 'plugin' : 'ignored';
    if (this.isExcluded(relPath)) return 'ignored';
    if (first.startsWith('_') && !this.collectionOf(relPath)) return 'ignored';
    return isPagePath(relPath) ? 'page' : 'static';
  }

  /** Where the site's own Ruby plugins are (`plugins_dir`, `_plugins` by default). */
  private get pluginsDir(): string {
    const configured = this.config.data.plugins_dir;
    return typeof configured === 'string' && configured.trim() !== '' ? configured.replace(/^\.?\/+|\/+$/g, '') : '_plugins';
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

  /** `_config.yml` or the Gemfile, unless a symbolic link leads it outside the site. */
  private readSetting(relPath: string): string | undefined {
    return this.leadsOutside(relPath) ? undefined : this.readDisk(relPath);
  }

  /** Whether the file is, or is below, a symbolic link that leads outside the site. */
  private leadsOutside(relPath: string): boolean {
    let relative: string;
    try {
      relative = path.relative(fs.realpathSync(this.root), fs.realpathSync(this.absolutePath(relPath)));
    } catch {
      return false; // nothing there to read
    }
    return relative.startsWith('..') || path.isAbsolute(relative);
  }

  private readDisk(relPath: string): string | undefined {
    try {
      const text = readGuarded(this.root, relPath).toString('utf8');
      this.unreadable.delete(relPath);
      return text;
    } catch (error) {
      if (isPermissionError(error)) this.unreadable.set(relPath, 'file');
      return undefined;
    }
  }

  /** Site files below `dir`, not following symbolic links (Jekyll's safe mode does not either). */
  private *walk(dir: string): Generator<string> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir === '' ? this.root : this.absolutePath(dir), { withFileTypes: true });
    } catch (error) {
      if (dir !== '' && isPermissionError(error)) this.unreadable.set(dir, 'folder');
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
    if (kind === 'plugin') {
      const source = text ?? this.readDisk(relPath);
      if (source !== undefined) this.pluginFiles.set(relPath, source);
    } else if (kind === 'include') {
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

export type FileKind = 'config' | 'gemfile' | 'layout' | 'include' | 'plugin' | 'data' | 'page' | 'static' | 'ignored';

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

/**
 * The top-level fields an edit changed, as written in the page's front matter or merged with
 * defaults; undefined when the edit changed more: the page's URL, its layout, or whether Jekyll can read it.
 */
function changedFields(before: Page, after: Page): Set<string> | undefined {
  if (before.url !== after.url || before.layout !== after.layout || before.layoutSource !== after.layoutSource
    || isReadable(before) !== isReadable(after)) return undefined;
  const fields = new Set<string>();
  for (const key of new Set([...Object.keys(before.data), ...Object.keys(after.data)])) {
    if (!isDeepStrictEqual(before.data[key], after.data[key])) fields.add(key);
  }
  // As written too: some indexes read the source (`section: "a"` and `section: a` are the same value).
  const beforeTexts = ownFieldTexts(before);
  const afterTexts = ownFieldTexts(after);
  for (const key of new Set([...beforeTexts.keys(), ...afterTexts.keys()])) {
    if (beforeTexts.get(key) !== afterTexts.get(key)) fields.add(key);
  }
  return fields;
}

function isReadable(page: Page): boolean {
  return page.frontMatter.block.closed && page.frontMatter.problems.length === 0;
}

/** Each top-level field's source text (of all its pairs, when a key is repeated). */
function ownFieldTexts(page: Page): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { key, keyNode, value } of topLevelPairs(page.frontMatter)) {
    const [start, keyEnd] = page.frontMatter.offsetsOf(keyNode);
    const end = value ? page.frontMatter.offsetsOf(value)[1] : keyEnd;
    texts.set(key, `${texts.get(key) ?? ''}${page.text.slice(start, end)}\n`);
  }
  return texts;
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
