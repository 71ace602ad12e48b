import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFrontMatter, unchangedFrontMatter } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import { applicableDefaults, readConfig, scopeMatches, SiteConfig } from './config';
import { documentFacts, documentPlace, pageUrl } from './documents';
import { isAssetPath, isMarkdownPath, isPagePath, layoutName, layoutValue } from './file-names';
import { changedFields, deepMerge, ownValueText } from './page-data';
import { ALWAYS_SKIPPED } from './root';
export { findSiteRoot } from './root';
export { isPagePath } from './file-names';
import { headingTitle, isReadmePath, plainMarkdownPage, readmePermalink, readmesBeside } from './page-plugins';
import { sitePlugins } from './plugins';
import { runInSlices } from './slices';
import { isPermissionError, readGuarded, readWalkedFile, startsWithFrontMatter } from './guard';
import { findTheme, Theme, themeFiles } from './theme';
import type { FileChange, FileKind, Layout, Page } from './model';
export type { FileChange, FileKind, Layout, LayoutSource, Page } from './model';

/** How to read a site beyond its own folder. */
export interface SiteOptions {
  /** A local copy of the site's theme, used instead of looking for the installed gem (`jekyllAuthor.themePath`, `--theme-path`). */
  themePath?: string;
  /**
   * Above this many files, keep of each page what checks of other pages read (text, values, URL,
   * layout), not its YAML tree: the tree is parsed again when asked for and dropped by `forgetTree`.
   * For `check`, which looks at each page once; a server, which answers about open pages again and
   * again, keeps the trees (leave it undefined).
   */
  leanAbove?: number;
}

/** Page edits remembered for `fieldEditsSince`; a cache older than these is rebuilt. */
const MAX_REMEMBERED_EDITS = 256;

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
  /** `site.time`: when the site was read, for documents without a date and posts in the future. */
  time = new Date();
  /** Goes up on every change to the model, so caches built from it (see `indexes.ts`) know when to rebuild. */
  version = 0;
  /** The changes since `editsFrom - 1` that only edited fields of one page: the fields each changed. */
  private readonly fieldEdits: { version: number; fields: ReadonlySet<string> }[] = [];
  private lastClassified: { relPath: string; version: number; kind: FileKind } | undefined;
  private editsFrom = 1;

  /** The theme gem of `theme:` when it is installed (or at `themePath`); see `missingTheme`. */
  theme: Theme | undefined;
  /** Whether pages keep only their values, not their YAML trees (see `SiteOptions.leanAbove`). */
  private lean = false;
  /** Told of each file change fed to the model, so that a copy of the site elsewhere (the preview's render worker) can follow. */
  onFileChange: ((change: FileChange) => void) | undefined;

  private constructor(readonly root: string, readonly options: SiteOptions = {}) {
    this.config = readConfig(undefined);
  }

  /** Reads a site from disk. */
  static load(root: string, options?: SiteOptions): Site {
    const site = new Site(path.resolve(root), options);
    site.reload();
    return site;
  }

  /**
   * Reads a site from disk as `load` does, handing the event loop back whenever `sliceMs` have
   * passed, so that a server stays responsive while it reads thousands of files.
   */
  static async loadInSlices(root: string, sliceMs: number, options?: SiteOptions): Promise<Site> {
    const site = new Site(path.resolve(root), options);
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
    this.time = new Date();
    this.layouts.clear();
    this.includes.clear();
    this.pages.clear();
    this.files.clear();
    this.unreadable.clear();
    this.pluginFiles.clear();
    this.config = readConfig(this.unsavedSettings.get('_config.yml') ?? this.readSetting('_config.yml'));
    this.gemfile = this.unsavedSettings.get('Gemfile') ?? this.readSetting('Gemfile') ?? '';
    this.readTheme();
    for (const relPath of this.walk('')) {
      this.files.add(relPath);
      yield;
    }
    this.lean = this.options.leanAbove !== undefined && this.files.size > this.options.leanAbove;
    // Layouts and plugins before pages: a page is resolved as it is read (the default-layout plugin picks a layout that exists).
    const pageCandidates: { relPath: string; kind: FileKind }[] = [];
    // READMEs last: whether one is its folder's index (jekyll-readme-index) depends on the other pages.
    const readmes: { relPath: string; kind: FileKind }[] = [];
    for (const relPath of this.files) {
      const kind = this.classify(relPath);
      if (kind === 'page' || kind === 'static') (isReadmePath(relPath) ? readmes : pageCandidates).push({ relPath, kind });
      else this.readIntoModel(relPath, undefined, true, kind);
      yield;
    }
    this.changed(undefined);
    for (const { relPath, kind } of [...pageCandidates, ...readmes]) {
      this.readIntoModel(relPath, undefined, true, kind);
      yield;
    }
    // Caches built while reading saw only part of the site.
    this.changed(undefined);
  }

  /**
   * On a lean site: drops what a page's check built of it (its YAML tree, its line index), which the
   * page parses again when asked for. Otherwise keeps everything.
   */
  forgetTree(relPath: string): void {
    const page = this.lean ? this.pages.get(relPath) : undefined;
    if (!page) return;
    page.frontMatter.releaseTree();
    page.lines = new LineIndex(page.text);
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

  /** The file's absolute path; a theme file's path (the `relPath` of its layouts and includes) is already absolute. */
  absolutePath(relPath: string): string {
    if (this.isThemeFile(relPath)) return relPath;
    return path.join(this.root, ...relPath.split('/'));
  }

  /** Whether a layout's `relPath` or an include's path is a file of the theme gem (read-only, not the site's). */
  isThemeFile(file: string): boolean {
    return this.theme !== undefined && path.isAbsolute(file) && file.startsWith(`${this.theme.root}${path.sep}`);
  }

  /**
   * The theme `_config.yml` names (`theme`, or `remote_theme` which is never installed as a gem)
   * when it cannot be found here, so its layouts and includes are unknown.
   */
  get missingTheme(): string | undefined {
    if (this.theme) return undefined;
    const remote = this.config.data.remote_theme;
    if (this.config.theme) return this.config.theme;
    return typeof remote === 'string' && remote.trim() !== '' ? remote.trim() : undefined;
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
    this.onFileChange?.({ relPath, text });
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
    if (kind === 'page' && (!beforeValues || !after || after.url !== beforeValues.url)) this.rereadReadmesBeside(relPath);
    return kind;
  }

  /**
   * The top-level fields that edits of pages changed since `version` (one set per edit), or
   * undefined when anything else changed since then: a page came or went, or its URL, layout or
   * readability changed, or another kind of file changed.
   */
  fieldEditsSince(version: number): ReadonlySet<string>[] | undefined {
    if (version + 1 < this.editsFrom) return undefined;
    // One edit a version from `editsFrom` on: those since `version` are the last ones (a lookup of an index asks on every keystroke).
    return this.fieldEdits.slice(Math.max(0, version + 1 - this.editsFrom)).map((edit) => edit.fields);
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
    this.onFileChange?.({ relPath, deleted: true });
    const kind = this.classify(relPath);
    if (kind === 'config' || kind === 'gemfile') {
      this.unsavedSettings.delete(relPath);
      this.reload();
      return kind;
    }
    this.changed(undefined);
    this.files.delete(relPath);
    this.pages.delete(relPath);
    if (kind === 'page') this.rereadReadmesBeside(relPath);
    if (kind === 'layout') {
      this.layouts.delete(layoutName(relPath));
      this.readThemeFile(relPath);
      this.refreshAllPages();
    }
    if (kind === 'include') {
      this.includes.delete(relPath.slice('_includes/'.length));
      this.readThemeFile(relPath);
    }
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

  /**
   * What kind of file a path is. Kept for the last path asked while the site stays as it is (every
   * change bumps `version`): the server asks about the edited file several times per keystroke.
   */
  classify(relPath: string): FileKind {
    const last = this.lastClassified;
    if (last?.relPath === relPath && last.version === this.version) return last.kind;
    const kind = this.classifyAnew(relPath);
    this.lastClassified = { relPath, version: this.version, kind };
    return kind;
  }

  private classifyAnew(relPath: string): FileKind {
    if (relPath === '_config.yml') return 'config';
    if (relPath === 'Gemfile') return 'gemfile';
    const [first] = relPath.split('/');
    if (first === '_layouts') return 'layout';
    if (first === '_includes') return 'include';
    if (first === '_data' || first === '_sass') return 'data';
    if (relPath.startsWith(`${this.pluginsDir}/`)) return relPath.endsWith('.rb') ? 'plugin' : 'ignored';
    if (this.isExcluded(relPath)) return 'ignored';
    const place = documentPlace(relPath, this.config);
    if (place === 'skipped') return 'ignored';
    if (place) return 'page';
    if (first.startsWith('_')) return 'ignored';
    return isPagePath(relPath) || this.pages.has(relPath) ? 'page' : 'static';
  }

  /** Where the site's own Ruby plugins are (`plugins_dir`, `_plugins` by default). */
  private get pluginsDir(): string {
    const configured = this.config.data.plugins_dir;
    return typeof configured === 'string' && configured.trim() !== '' ? configured.replace(/^\.?\/+|\/+$/g, '') : '_plugins';
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
      relative = path.relative(fs.realpathSync.native(this.root), fs.realpathSync.native(this.absolutePath(relPath)));
    } catch {
      return false; // nothing there to read
    }
    return relative.startsWith('..') || path.isAbsolute(relative);
  }

  /** The file's text; `walked` when the walk just found it, so its path needs no resolving again. */
  private readDisk(relPath: string, walked = false): string | undefined {
    try {
      const text = (walked ? readWalkedFile(this.root, relPath) : readGuarded(this.root, relPath)).toString('utf8');
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

  /** Reads one file into the model. `walked` during a whole reading: the file's path is known to be real. */
  private readIntoModel(relPath: string, text: string | undefined, walked = false, kind = this.classify(relPath)): void {
    const read = () => text ?? this.readDisk(relPath, walked);
    if (kind === 'plugin') {
      const source = read();
      if (source !== undefined) this.pluginFiles.set(relPath, source);
    } else if (kind === 'include') {
      this.includes.set(relPath.slice('_includes/'.length), relPath);
    } else if (kind === 'layout') {
      const source = read();
      if (source !== undefined) this.addLayout(layoutName(relPath), relPath, source);
    } else if (kind === 'page' || (kind === 'static' && text === undefined && !isAssetPath(relPath) && startsWithFrontMatter(this.absolutePath(relPath)))) {
      const source = read();
      if (source === undefined) return;
      const frontMatter = unchangedFrontMatter(this.pages.get(relPath), source) ?? parseFrontMatter(source);
      const found = documentPlace(relPath, this.config);
      const place = found === 'skipped' ? undefined : found;
      // Without front matter Jekyll copies the file as it is; only posts and drafts need none, unless a plugin makes it a page.
      const madeBy = frontMatter.block.present || place ? undefined : plainMarkdownPage(this, relPath);
      if (!frontMatter.block.present && place?.collection !== 'posts' && !madeBy) {
        this.pages.delete(relPath);
        return;
      }
      const page: Page = {
        relPath, text: source, frontMatter, lines: new LineIndex(source),
        type: place?.collection ?? 'pages', collection: place?.collection, draft: place?.draft || undefined,
        url: '', filled: {}, output: true, defaults: [], data: {}, layout: null, layoutSource: 'none', madeBy,
      };
      this.resolvePage(page);
      if (this.lean) frontMatter.releaseTree();
      this.pages.set(relPath, page);
    }
  }

  /** A page came, went or moved: a README beside it may become, or stop being, the folder's index. */
  private rereadReadmesBeside(relPath: string): void {
    for (const readme of readmesBeside(this, relPath)) {
      if (!this.pages.get(readme)?.frontMatter.block.present) this.readIntoModel(readme, undefined);
    }
  }

  private addLayout(name: string, relPath: string, source: string, theme?: string): void {
    const frontMatter = parseFrontMatter(source);
    const parent = frontMatter.data.layout;
    this.layouts.set(name, { name, relPath, text: source, frontMatter, parent: typeof parent === 'string' ? parent : undefined, theme });
  }

  /** Finds the theme of `theme:` and reads its layouts and includes; the site's own, read after, win. */
  private readTheme(): void {
    const name = this.config.theme;
    this.theme = name ? findTheme(name, this.root, this.options.themePath) : undefined;
    this.themeDependencies = this.theme?.dependencies ?? [];
    for (const relPath of this.theme ? themeFiles(this.theme).keys() : []) this.readThemeFile(relPath);
  }

  /** The theme's layout or include at a site-relative path (`_layouts/default.html`), unless the site has its own. */
  private readThemeFile(relPath: string): void {
    if (!this.theme) return;
    const absPath = path.join(this.theme.root, ...relPath.split('/'));
    if (relPath.startsWith('_includes/')) {
      const name = relPath.slice('_includes/'.length);
      if (!this.includes.has(name) && fs.existsSync(absPath)) this.includes.set(name, absPath);
    } else if (relPath.startsWith('_layouts/')) {
      const name = layoutName(relPath);
      if (this.layouts.has(name)) return;
      let source: string;
      try {
        source = fs.readFileSync(absPath, 'utf8');
      } catch {
        return;
      }
      this.addLayout(name, absPath, source, this.theme.name);
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
    if (page.madeBy === 'readme-index') data.permalink = readmePermalink(page.relPath);
    page.data = data;
    this.fillIn(page);
    page.headingTitle = headingTitle(this, page);
    if (page.headingTitle !== undefined) {
      data.title = page.headingTitle;
      if (page.collection) page.filled.title = page.headingTitle;
    }
    if ('layout' in page.frontMatter.data) {
      page.layout = layoutValue(page.frontMatter.data.layout);
      page.layoutSource = 'page';
    } else if ('layout' in data) {
      page.layout = layoutValue(data.layout);
      page.layoutSource = 'defaults';
    } else if (this.usesDefaultLayoutPlugin && isMarkdownPath(page.relPath) && (!page.collection || page.collection === 'posts')) {
      page.layout = this.pluginLayoutFor(page);
      page.layoutSource = page.layout ? 'default-layout-plugin' : 'none';
    } else {
      page.layout = null;
      page.layoutSource = 'none';
    }
  }

  /** jekyll-default-layout's choice: `home` for the front page, then `page` for pages or `post` for posts, then `default`, if they exist. */
  private pluginLayoutFor(page: Page): string | null {
    if (page.url === '/' && this.layouts.has('home')) return 'home';
    const own = page.collection ? 'post' : 'page';
    if (this.layouts.has(own)) return own;
    return this.layouts.has('default') ? 'default' : null;
  }

  /** The URL and the fields Jekyll computes, from the file's place, its front matter and `_config.yml`. */
  private fillIn(page: Page): void {
    const place = documentPlace(page.relPath, this.config);
    if (place && place !== 'skipped') {
      const facts = documentFacts(page.relPath, place, page.data, ownValueText(page, 'date'), this.config, this.time);
      page.url = facts.url;
      page.output = facts.output;
      page.filled = facts.filled;
      return;
    }
    page.url = pageUrl(page.relPath, page.data.permalink, this.config);
    page.output = page.data.published !== false;
    page.filled = {
      url: page.url, path: page.data.path ?? page.relPath, name: path.posix.basename(page.relPath),
      dir: page.url.endsWith('/') ? page.url : path.posix.dirname(page.url).replace(/\/?$/, '/'),
    };
  }
}
