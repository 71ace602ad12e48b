import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../frontmatter/text';
import type { Diagnostic, RuleSettings } from '../rules/rule';
import { loadingSiteSchema, readSchemaText } from '../schema/load';
import { SCHEMA_FILE_NAME, SiteSchema } from '../schema/schema';
import { readSiteText } from '../site/guard';
import { siteIndexesChangedSince } from '../site/indexes';
import { FileKind, Site } from '../site/site';
import { runInSlices } from '../site/slices';
import { checkConfig, checkPage, checkTemplate, primeChecks } from './check';
import { PageDependants } from './page-dependants';
import { relationsOf } from './page-relations';
import { isDirectory, normalizeRel, samePath, walkFiles } from './site-files';

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
  /** Which files a change touches, by the values of the fields that relate pages. */
  private readonly dependants: PageDependants;
  /** Texts given by an editor (unsaved buffers): they win over the disk, also after a full reload. */
  private readonly overlays = new Map<string, string>();

  private constructor(readonly site: Site, options: WorkspaceOptions) {
    this.settings = { ...(options.settings ?? {}) };
    this.schemaPathSetting = options.schemaPath || undefined;
    this.loadSchema = options.loadSchema;
    this.dependants = new PageDependants(site);
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
    await runInSlices(workspace.dependants.building(), sliceMs);
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
    if (kind === 'page') return this.dependants.pageChanged(relPath, () => this.site.setFile(relPath, text));
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
    return existed ? new Set([relPath]) : this.dependants.fileReferrers(relPath);
  }

  /** A file (or a folder, with everything below it) was deleted. Returns the files to check again. */
  deleteFile(relPath: string): Set<string> {
    relPath = normalizeRel(relPath);
    this.overlays.delete(relPath);
    if (this.isSchemaRel(relPath)) return this.changeEverything(() => this.reloadSchema());
    const kind = this.site.classify(relPath);
    if (!this.site.files.has(relPath) && !this.site.pages.has(relPath) && kind !== 'config' && kind !== 'gemfile') {
      const below = [...this.site.files].filter((file) => file.startsWith(`${relPath}/`));
      const changed = new Set<string>([relPath]);
      for (const file of below) for (const each of this.deleteFile(file)) changed.add(each);
      return changed;
    }
    if (kind === 'page') return this.dependants.pageChanged(relPath, () => this.site.deleteFile(relPath));
    if (isGlobalKind(kind)) {
      return this.changeEverything(() => {
        this.site.deleteFile(relPath);
        this.reapplyOverlaysAfter(kind);
        this.reloadSchema();
      });
    }
    this.site.deleteFile(relPath);
    return this.dependants.fileReferrers(relPath);
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
    return this.dependants.pagesWithValue(field, value);
  }

  /** Every value of such a field, with the pages that have it. */
  valuesOf(field: string): ReadonlyMap<string, ReadonlySet<string>> {
    return this.dependants.valuesOf(field);
  }

  /**
   * Goes up whenever a value of those fields first appears or last goes: while it stays, the keys of
   * each `valuesOf` map are the same, so what a request derived from them (sorted sections) holds.
   */
  get valuesVersion(): number {
    return this.dependants.valuesVersion;
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
    this.dependants.setRelations(relationsOf(this.schemaValue));
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
}

function isGlobalKind(kind: FileKind): boolean {
  return kind === 'config' || kind === 'gemfile' || kind === 'layout' || kind === 'include' || kind === 'plugin';
}
