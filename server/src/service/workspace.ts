import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../frontmatter/text';
import type { Diagnostic, RuleSettings } from '../rules/rule';
import { loadingSiteSchema, readSchemaText } from '../schema/load';
import { SCHEMA_FILE_NAME, SiteSchema } from '../schema/schema';
import { readSiteText } from '../site/guard';
import { siteIndexesChangedSince } from '../site/indexes';
import { FileKind, Page, Site } from '../site/site';
import { runInSlices, runToEnd } from '../site/slices';
import { checkConfig, checkPage, checkTemplate, primeChecks } from './check';
import { addTo, relationsOf, removeFrom, siteFileKey, valueKeys, valuesAt } from './page-relations';
import type { PageKeys, Relations, ValueIndex } from './page-relations';
import { isDirectory, normalizeRel, samePath, walkFiles } from './site-files';

/** How far up a `parent` chain an edit looks for pages whose checks read the chain. */
const MAX_CHAIN = 64;

/** The rule id of problems found in the schema file itself. */
export const SCHEMA_PROBLEM_CODE = 'schema-file';

export interface WorkspaceOptions {
  settings?: RuleSettings;
  /** The schema file: absolute, or relative to the site root. Default: `SCHEMA_FILE_NAME` at the root. */
  schemaPath?: string;
  /** How the schema is read (tests inject their own). Default: `loadSiteSchema` (a step at a time). */
  loadSchema?: (site: Site, schemaPath?: string) => SiteSchema;
  /** A local copy of the site's theme (`jekyllAuthor.themePath`), for a theme not installed as a gem. */
  themePath?: string;
}

const NO_PAGES: ReadonlySet<string> = new Set();
const NO_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map();

/**
 * One site as an editor or the CLI sees it: the site model, its schema, the rule settings, and
 * indexes of the fields that relate pages to each other, so that an edit tells which other
 * files must be checked again. No LSP here: the server and the CLI both drive this class.
 */
export class SiteWorkspace {
  private settings: RuleSettings;
  private schemaPathSetting?: string;
  private schemaPlace?: { file: string; relPath: string | undefined };
  private readonly loadSchema?: (site: Site, schemaPath?: string) => SiteSchema;
  private schemaValue!: SiteSchema;
  private relations!: Relations;
  private readonly keysByPage = new Map<string, PageKeys>();
  private readonly fieldIndex: ValueIndex = new Map();
  private readonly groupIndex: ValueIndex = new Map();
  private readonly fileRefIndex = new Map<string, Set<string>>();
  /** Goes up when a value of a field that relates pages first appears or last goes (see `valuesOf`). */
  private valueSetVersion = 0;
  /**
   * The four indexes above say which files a change touches: built when first needed (a change, a
   * query), so that `check`, which changes nothing, never holds them (16 MB at 10 000 pages).
   */
  private changeIndexesBuilt = false;
  /** Texts given by an editor (unsaved buffers): they win over the disk, also after a full reload. */
  private readonly overlays = new Map<string, string>();

  private constructor(readonly site: Site, options: WorkspaceOptions) {
    this.settings = { ...(options.settings ?? {}) };
    this.schemaPathSetting = options.schemaPath || undefined;
    this.loadSchema = options.loadSchema;
  }

  /** Reads the site at `root` (the folder holding `_config.yml`) and its schema. */
  static open(root: string, options: WorkspaceOptions = {}): SiteWorkspace {
    return SiteWorkspace.fromSite(Site.load(root, { themePath: options.themePath }), options);
  }

  /**
   * Opens the site as `open` does, in slices of `sliceMs` between which the event loop runs: reading
   * its files, indexing them, and building what the first checks would otherwise build all at once.
   */
  static async openInSlices(root: string, options: WorkspaceOptions, sliceMs: number): Promise<SiteWorkspace> {
    const workspace = new SiteWorkspace(await Site.loadInSlices(root, sliceMs, { themePath: options.themePath }), options);
    await runInSlices(workspace.reloadingSchema(), sliceMs);
    await runInSlices(workspace.rebuildingIndexes(), sliceMs);
    await runInSlices(primeChecks(workspace.site, workspace.schemaValue, workspace.settings), sliceMs);
    return workspace;
  }

  /** A workspace over a site already read (the CLI reads it first to resolve paths against it). */
  static fromSite(site: Site, options: WorkspaceOptions = {}): SiteWorkspace {
    const workspace = new SiteWorkspace(site, options);
    workspace.reloadSchema();
    return workspace;
  }

  get root(): string {
    return this.site.root;
  }

  get schema(): SiteSchema {
    return this.schemaValue;
  }

  get ruleSettings(): RuleSettings {
    return this.settings;
  }

  /** Absolute path of the schema file (whether or not it exists). */
  get schemaFile(): string {
    return this.schemaLocation().file;
  }

  /** Site-relative path of the schema file, or undefined when it lies outside the site. */
  get schemaRelPath(): string | undefined {
    return this.schemaLocation().relPath;
  }

  /** Where the schema file is, resolved once per setting: every edit asks whether it is the schema file. */
  private schemaLocation(): { file: string; relPath: string | undefined } {
    if (!this.schemaPlace) {
      const file = path.resolve(this.site.root, this.schemaPathSetting ?? SCHEMA_FILE_NAME);
      this.schemaPlace = { file, relPath: this.site.relativePath(file) };
    }
    return this.schemaPlace;
  }

  /** Whether an absolute path is the schema file. */
  isSchemaFile(absPath: string): boolean {
    return samePath(path.resolve(absPath), this.schemaFile);
  }

  relativePath(absPath: string): string | undefined {
    return this.site.relativePath(path.resolve(absPath));
  }

  /**
   * Files the server reads from the disk only (on save), whatever an editor's buffer holds:
   * `_config.yml`, the Gemfile and the schema file. Reloading the whole site on every keystroke
   * would be slow and would not see the buffer anyway.
   */
  isDiskOnly(relPath: string): boolean {
    const kind = this.site.classify(relPath);
    return kind === 'config' || kind === 'gemfile' || this.isSchemaRel(relPath);
  }

  absolutePath(relPath: string): string {
    return this.site.absolutePath(relPath);
  }

  /** Every file that can have diagnostics now: pages, `_config.yml`, layouts and includes, and the schema file. */
  checkedFiles(): string[] {
    const files = [...this.site.pages.keys()];
    if (this.site.hasConfig) files.push('_config.yml');
    files.push(...this.templateFiles());
    const schemaRel = this.schemaRelPath;
    if (schemaRel && (this.schemaValue.problems.length > 0 || fs.existsSync(this.schemaFile))) files.push(schemaRel);
    return files;
  }

  /**
   * A file was created or changed: `text` is an editor's buffer, undefined means "read the disk"
   * (and drops a buffer given earlier). A folder is read with everything below it.
   * Returns the site-relative files whose diagnostics may have changed.
   */
  updateFile(relPath: string, text?: string): Set<string> {
    relPath = normalizeRel(relPath);
    this.buildChangeIndexes();
    if (text === undefined) this.overlays.delete(relPath);
    if (this.isSchemaRel(relPath)) return this.changeEverything(() => this.reloadSchema());
    if (text === undefined && isDirectory(this.site.absolutePath(relPath))) {
      const changed = new Set<string>();
      for (const file of walkFiles(this.site.absolutePath(relPath), relPath)) {
        for (const each of this.updateFile(file)) changed.add(each);
      }
      return changed;
    }
    const kind = this.site.classify(relPath);
    if (kind === 'ignored') return new Set([relPath]);
    if (text !== undefined) this.overlays.set(relPath, text);
    if (kind === 'page') return this.changePage(relPath, () => this.site.setFile(relPath, text));
    if (isGlobalKind(kind)) {
      return this.changeEverything(() => {
        // `_config.yml` and the Gemfile reload the site from the disk: their buffers are not used.
        this.site.setFile(relPath, kind === 'config' || kind === 'gemfile' ? undefined : text);
        this.reapplyOverlaysAfter(kind);
        this.reloadSchema();
      });
    }
    // A static or data file: only its creation matters, to pages and config naming it.
    const existed = this.site.files.has(relPath);
    this.site.setFile(relPath, text);
    return existed ? new Set([relPath]) : this.fileReferrers(relPath);
  }

  /** A file (or a folder, with everything below it) was deleted. Returns the files to check again. */
  deleteFile(relPath: string): Set<string> {
    relPath = normalizeRel(relPath);
    this.buildChangeIndexes();
    this.overlays.delete(relPath);
    if (this.isSchemaRel(relPath)) return this.changeEverything(() => this.reloadSchema());
    const kind = this.site.classify(relPath);
    if (!this.site.files.has(relPath) && !this.site.pages.has(relPath) && kind !== 'config' && kind !== 'gemfile') {
      const below = [...this.site.files].filter((file) => file.startsWith(`${relPath}/`));
      const changed = new Set<string>([relPath]);
      for (const file of below) for (const each of this.deleteFile(file)) changed.add(each);
      return changed;
    }
    if (kind === 'page') return this.changePage(relPath, () => this.site.deleteFile(relPath));
    if (isGlobalKind(kind)) {
      return this.changeEverything(() => {
        this.site.deleteFile(relPath);
        this.reapplyOverlaysAfter(kind);
        this.reloadSchema();
      });
    }
    this.site.deleteFile(relPath);
    return this.fileReferrers(relPath);
  }

  /** Goes up on every change to the site (see `siteWideChangedSince`). */
  get version(): number {
    return this.site.version;
  }

  /**
   * Whether the changes since `version` may have changed the diagnostics of files beyond those
   * `updateFile` and `deleteFile` returned: a site-wide index that checks read (conventions, pages
   * by value, what reaches a page) was rebuilt since, or must be. `_config.yml`, whose checks read
   * every page, is not covered: check it again after any change.
   */
  siteWideChangedSince(version: number): boolean {
    return siteIndexesChangedSince(this.site, version);
  }

  /** New rule settings: every file's diagnostics may change. */
  setSettings(settings: RuleSettings): Set<string> {
    this.settings = { ...settings };
    return new Set(this.checkedFiles());
  }

  /** A new schema path setting (undefined: the default file). Returns every file. */
  setSchemaPath(schemaPath: string | undefined): Set<string> {
    const before = this.schemaRelPath;
    this.schemaPathSetting = schemaPath || undefined;
    this.schemaPlace = undefined;
    const changed = this.changeEverything(() => this.reloadSchema());
    if (before) changed.add(before);
    return changed;
  }

  /** Reads the schema again (for a schema file outside the site). Returns every file. */
  schemaChanged(): Set<string> {
    return this.changeEverything(() => this.reloadSchema());
  }

  /** The diagnostics of one site-relative file (empty for files that are not checked). */
  diagnosticsFor(relPath: string): Diagnostic[] {
    relPath = normalizeRel(relPath);
    const page = this.site.pages.get(relPath);
    if (page) return checkPage(this.site, page, this.schemaValue, this.settings);
    if (relPath === '_config.yml') return checkConfig(this.site, this.schemaValue, this.settings);
    if (this.isSchemaRel(relPath)) return this.schemaDiagnostics(relPath);
    if (this.templateFiles().includes(relPath)) return this.templateDiagnostics(relPath);
    return [];
  }

  /**
   * The pages whose `field` has `value`, for the fields that relate pages (`section`, `parent`, unique
   * ones): kept up to date on every edit, so requests need not scan the site.
   */
  pagesWithValue(field: string, value: string): ReadonlySet<string> {
    this.buildChangeIndexes();
    return this.fieldIndex.get(field)?.get(value) ?? NO_PAGES;
  }

  /** Every value of such a field, with the pages that have it. */
  valuesOf(field: string): ReadonlyMap<string, ReadonlySet<string>> {
    this.buildChangeIndexes();
    return this.fieldIndex.get(field) ?? NO_VALUES;
  }

  /**
   * Goes up whenever a value of those fields first appears or last goes: while it stays, the keys of
   * each `valuesOf` map are the same, so what a request derived from them (sorted sections) holds.
   */
  get valuesVersion(): number {
    // Building the indexes moves the version: build them first, as `valuesOf` would.
    this.buildChangeIndexes();
    return this.valueSetVersion;
  }

  /** Every diagnostic of the site: pages, `_config.yml`, then the schema file's problems. */
  allDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const page of this.site.pages.values()) out.push(...checkPage(this.site, page, this.schemaValue, this.settings));
    out.push(...checkConfig(this.site, this.schemaValue, this.settings));
    for (const template of this.templateFiles()) out.push(...this.templateDiagnostics(template));
    out.push(...this.schemaDiagnostics(this.schemaRelPath ?? this.schemaFile));
    return out;
  }

  // ---- internals ----

  /** The site's own layouts and includes (site-relative; the theme's are read-only). A change to one re-checks every file (see `isGlobalKind`). */
  private templateFiles(): string[] {
    return [...[...this.site.layouts.values()].map((layout) => layout.relPath), ...this.site.includes.values()]
      .filter((file) => !this.site.isThemeFile(file));
  }

  private templateDiagnostics(relPath: string): Diagnostic[] {
    // The site model does not keep includes' texts: an editor's buffer, else the disk.
    const text = this.overlays.get(relPath) ?? readSiteText(this.site.root, relPath);
    return text === undefined ? [] : checkTemplate(this.site, relPath, text, this.settings);
  }

  private isSchemaRel(relPath: string): boolean {
    const schemaRel = this.schemaRelPath;
    return schemaRel !== undefined && samePath(schemaRel, relPath);
  }

  private schemaDiagnostics(file: string): Diagnostic[] {
    const configured = this.settings[SCHEMA_PROBLEM_CODE];
    if (configured === 'off') return [];
    const severity = configured ?? 'error';
    let text: string | undefined;
    const positioned = this.schemaValue.problems.some((problem) => problem.start !== undefined);
    if (positioned) {
      try {
        text = readSchemaText(this.site.root, this.schemaFile);
      } catch {
        text = undefined;
      }
    }
    const lines = text === undefined ? undefined : new LineIndex(text);
    return this.schemaValue.problems.map((problem) => ({
      file,
      range: lines && problem.start !== undefined
        ? lines.rangeOf(problem.start, problem.end ?? problem.start)
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity,
      code: SCHEMA_PROBLEM_CODE,
      message: problem.message,
      fixes: [],
      related: [],
    }));
  }

  private reloadSchema(): void {
    for (const _ of this.reloadingSchema()) continue;
  }

  /** `reloadSchema`, one step per page indexed, for the caller to pause between steps. */
  private *reloadingSchema(): Generator<void> {
    try {
      // `loadSiteSchema` takes a site-relative path (as the CLI's --schema); absolute only for a file outside the site.
      const schemaPath = this.schemaPathSetting === undefined ? undefined : this.schemaRelPath ?? this.schemaFile;
      this.schemaValue = this.loadSchema
        ? this.loadSchema(this.site, schemaPath)
        : yield* loadingSiteSchema(this.site, schemaPath);
    } catch (error) {
      this.schemaValue = {
        source: 'inferred', common: { type: 'object', properties: {} }, layouts: {}, origins: {},
        problems: [{ message: `The schema could not be read: ${error instanceof Error ? error.message : String(error)}` }],
      };
    }
    this.relations = relationsOf(this.schemaValue);
    // What a page is indexed under follows the schema.
    this.changeIndexesBuilt = false;
  }

  /** A change after which every file may read differently (config, layouts, includes, schema). */
  private changeEverything(change: () => void): Set<string> {
    const changed = new Set(this.checkedFiles());
    change();
    for (const file of this.checkedFiles()) changed.add(file);
    return changed;
  }

  /** `Site.reload` re-reads the disk: put the editors' buffers back. */
  private reapplyOverlaysAfter(kind: FileKind): void {
    if (kind !== 'config' && kind !== 'gemfile') return;
    for (const [relPath, text] of this.overlays) {
      const overlayKind = this.site.classify(relPath);
      if (overlayKind === 'page' || overlayKind === 'layout' || overlayKind === 'include') this.site.setFile(relPath, text);
    }
  }

  /** Applies a change to one page and returns it with the pages its old and new values touch. */
  private changePage(relPath: string, change: () => void): Set<string> {
    const existed = this.site.files.has(relPath);
    const before = this.keysByPage.get(relPath);
    const beforeUrl = this.site.pages.get(relPath)?.url;
    change();
    const page = this.site.pages.get(relPath);
    const after = page ? this.keysOf(page) : undefined;
    if (before) this.unindex(relPath, before);
    if (after) this.index(relPath, after);
    if (!sameValues(before?.fields, after?.fields)) this.valueSetVersion++;

    const changed = new Set<string>([relPath]);
    for (const keys of [before, after]) if (keys) this.addDependants(keys, changed);
    if (this.referredValuesDiffer(before, after)) {
      // A referred value came or went: the suggestions offered for references to no page change.
      this.addDanglingReferrers(changed);
    }
    if (existed !== this.site.files.has(relPath) || !before !== !after || beforeUrl !== page?.url) {
      // A page came or went (or moved): config entries and file references naming it, by path or URL, may change.
      for (const file of this.fileReferrers(relPath)) changed.add(file);
      for (const url of [beforeUrl, page?.url]) {
        if (!url) continue;
        const file = url.replace(/^\/+/, '');
        addAll(changed, this.fileRefIndex.get(file));
        addAll(changed, this.fileRefIndex.get(file.endsWith('/') || file === '' ? `${file}index.html` : file));
      }
    }
    return changed;
  }

  private addDependants(keys: PageKeys, out: Set<string>): void {
    const { refersTo, referredBy, unique } = this.relations;
    for (const [field, values] of keys.fields) {
      for (const value of values) {
        // Pages naming this page's value: its children when `field` is `section`.
        for (const referring of referredBy.get(field) ?? []) addAll(out, this.fieldIndex.get(referring)?.get(value));
        // Pages this page names: its parent when `field` is `parent`, and their parents up the chain
        // (what reaches a page, and parent loops, are read along the chain).
        if (refersTo.has(field)) this.addAncestors(field, value, out);
        // Pages sharing a unique value: the duplicate `section`.
        if (unique.has(field)) addAll(out, this.fieldIndex.get(field)?.get(value));
      }
    }
    for (const [group, values] of keys.groups) {
      for (const value of values) addAll(out, this.groupIndex.get(group)?.get(value));
    }
  }

  private referredValuesDiffer(before: PageKeys | undefined, after: PageKeys | undefined): boolean {
    for (const field of this.relations.referredBy.keys()) {
      if (!sameList(before?.fields.get(field), after?.fields.get(field))) return true;
    }
    return false;
  }

  /** Pages whose referring field names a value no page has: O(distinct referring values). */
  private addDanglingReferrers(out: Set<string>): void {
    for (const [referring, targets] of this.relations.refersTo) {
      for (const [value, pages] of this.fieldIndex.get(referring) ?? []) {
        const resolved = [...targets].some((target) => (this.fieldIndex.get(target)?.get(value)?.size ?? 0) > 0);
        if (!resolved) addAll(out, pages);
      }
    }
  }

  /** The pages a referring field's value leads to, then theirs, and so on: cycle-safe, and O(depth). */
  private addAncestors(field: string, value: string, out: Set<string>): void {
    const seen = new Set<string>();
    let frontier: { field: string; value: string }[] = [{ field, value }];
    for (let depth = 0; frontier.length > 0 && depth < MAX_CHAIN; depth++) {
      const next: { field: string; value: string }[] = [];
      for (const step of frontier) {
        for (const target of this.relations.refersTo.get(step.field) ?? []) {
          for (const parent of this.fieldIndex.get(target)?.get(step.value) ?? []) {
            out.add(parent);
            if (seen.has(parent)) continue;
            seen.add(parent);
            const keys = this.keysByPage.get(parent);
            for (const referring of this.relations.refersTo.keys()) {
              for (const parentValue of keys?.fields.get(referring) ?? []) next.push({ field: referring, value: parentValue });
            }
          }
        }
      }
      frontier = next;
    }
  }

  /** The files whose checks look at whether `relPath` exists: pages naming it in a site-file field, and the config. */
  private fileReferrers(relPath: string): Set<string> {
    const changed = new Set<string>([relPath]);
    addAll(changed, this.fileRefIndex.get(relPath));
    if (this.site.hasConfig) changed.add('_config.yml');
    return changed;
  }

  private buildChangeIndexes(): void {
    if (!this.changeIndexesBuilt) runToEnd(this.rebuildingIndexes());
  }

  private *rebuildingIndexes(): Generator<void> {
    this.valueSetVersion++;
    this.keysByPage.clear();
    this.fieldIndex.clear();
    this.groupIndex.clear();
    this.fileRefIndex.clear();
    // Built for the site as it is now: a change between steps is indexed when it comes, after this.
    this.changeIndexesBuilt = true;
    for (const page of this.site.pages.values()) {
      this.index(page.relPath, this.keysOf(page));
      yield;
    }
  }

  private keysOf(page: Page): PageKeys {
    const { uniqueWithin, siteFiles, indexed } = this.relations;
    const data = page.data ?? {};
    const fields = new Map<string, string[]>();
    for (const field of indexed) {
      const values = valueKeys(data[field]);
      if (values.length > 0) fields.set(field, values);
    }
    const groups = new Map<string, string[]>();
    for (const [field, groupFields] of uniqueWithin) {
      const own = valueKeys(data[field]);
      if (own.length === 0) continue;
      for (const groupField of groupFields) {
        const groupValues = valueKeys(data[groupField]);
        const groupKeys = groupValues.length > 0 ? groupValues : ['\u0001none'];
        const keys: string[] = [];
        for (const g of groupKeys) for (const v of own) keys.push(`${g}\u0000${v}`);
        groups.set(`${field}\u0000${groupField}`, keys);
      }
    }
    const files: string[] = [];
    for (const fieldPath of siteFiles) {
      for (const value of valuesAt(data, fieldPath)) {
        const file = siteFileKey(value);
        if (file) files.push(file);
      }
    }
    return { fields, groups, files };
  }

  private index(relPath: string, keys: PageKeys): void {
    this.keysByPage.set(relPath, keys);
    for (const [field, values] of keys.fields) for (const value of values) addTo(this.fieldIndex, field, value, relPath);
    for (const [group, values] of keys.groups) for (const value of values) addTo(this.groupIndex, group, value, relPath);
    for (const file of keys.files) {
      let set = this.fileRefIndex.get(file);
      if (!set) this.fileRefIndex.set(file, (set = new Set()));
      set.add(relPath);
    }
  }

  private unindex(relPath: string, keys: PageKeys): void {
    this.keysByPage.delete(relPath);
    for (const [field, values] of keys.fields) for (const value of values) removeFrom(this.fieldIndex, field, value, relPath);
    for (const [group, values] of keys.groups) for (const value of values) removeFrom(this.groupIndex, group, value, relPath);
    for (const file of keys.files) {
      const set = this.fileRefIndex.get(file);
      set?.delete(relPath);
      if (set && set.size === 0) this.fileRefIndex.delete(file);
    }
  }
}

/** Whether two pages' indexed values are the same, field by field. */
function sameValues(a: PageKeys['fields'] | undefined, b: PageKeys['fields'] | undefined): boolean {
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const [field, values] of a ?? []) if (!sameList(values, b?.get(field))) return false;
  return true;
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function addAll(out: Set<string>, values: Iterable<string> | undefined): void {
  if (values) for (const value of values) out.add(value);
}

function isGlobalKind(kind: FileKind): boolean {
  return kind === 'config' || kind === 'gemfile' || kind === 'layout' || kind === 'include' || kind === 'plugin';
}
