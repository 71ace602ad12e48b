import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities, Connection, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { primingCompletions } from '../features/completion';
import { SiteWorkspace } from '../service/workspace';
import { findSiteRoot } from '../site/site';
import { runInSlices, yieldToRequests } from '../site/slices';
import type { Logger } from './context';
import { pathToUri, readSettings, ServerSettings, uriToPath } from './convert';
import { SiteProgress } from './progress';
import { describeError } from './queue';

/** How long reading a site may hold the event loop before it lets requests in. */
const SLICE_MS = 10;
/** URIs whose site `locate` remembers; past this it starts afresh. */
const MAX_LOCATED = 1000;

export interface OpenSite {
  root: string;
  /** The workspace folders (URIs) this site was opened for; empty for a site found from an opened file. */
  folders: Set<string>;
  workspace: SiteWorkspace;
  settings: ServerSettings;
  /** When the site was opened, until its first whole-site check has been published. */
  indexingSince?: number;
  /** The workspace's version when every file of the site was last marked to check (see `SiteWorkspace.siteWideChangedSince`). */
  checkedWholeAt?: number;
}

/** What feeding an editor buffer to its site changed. */
export interface BufferChange {
  /** The files to check again. */
  files: Set<string>;
  /** The site's model changed (not merely the same text as on the disk, nor a file read from the disk on save). */
  changedSite: boolean;
}

/**
 * The sites the server has open, and the open documents by path: which site a file belongs to,
 * the URI to publish it under, and feeding editor buffers to the sites.
 */
export class SiteRegistry {
  readonly sites = new Map<string, OpenSite>();
  /** Open documents' URIs by file system path, to publish under the URI the client used. */
  private readonly openByPath = new Map<string, string>();
  /** What `locate` found, with the count of sites opened then (a site opened since may hold the file). */
  private readonly located = new Map<string, { site: OpenSite; rel: string; sitesOpened: number }>();
  private sitesOpened = 0;
  /** Settings the client pushed with `workspace/didChangeConfiguration`, for clients without `workspace/configuration`. */
  pushedSettings: unknown;
  capabilities: ClientCapabilities = {};
  /** Called once for each site newly opened (to check all its files). */
  onSiteOpened: (site: OpenSite) => void = () => undefined;
  /** Where the checking of each site stands, told to the client. */
  readonly progress: SiteProgress;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly log: Logger,
  ) {
    this.progress = new SiteProgress(connection, () => this.capabilities);
  }

  /**
   * The site and site-relative path of a document's URI, remembered (every keystroke asks) until a site
   * opens or closes; undefined outside every open site.
   */
  locate(uri: string): { site: OpenSite; rel: string } | undefined {
    const known = this.located.get(uri);
    if (known && known.sitesOpened === this.sitesOpened && this.sites.get(known.site.root) === known.site) return known;
    const abs = uriToPath(uri);
    const site = abs === undefined ? undefined : this.siteOf(abs);
    const rel = abs === undefined ? undefined : site?.workspace.relativePath(abs);
    if (!site || rel === undefined) return undefined;
    if (this.located.size >= MAX_LOCATED) this.located.clear();
    const located = { site, rel, sitesOpened: this.sitesOpened };
    this.located.set(uri, located);
    return located;
  }

  /** The site whose root holds `absPath` (the innermost one when sites nest). */
  siteOf(absPath: string): OpenSite | undefined {
    let best: OpenSite | undefined;
    for (const site of this.sites.values()) {
      if (site.workspace.relativePath(absPath) !== undefined && (!best || site.root.length > best.root.length)) best = site;
    }
    return best;
  }

  uriFor(site: OpenSite, relPath: string): string {
    const abs = site.workspace.absolutePath(relPath);
    const open = this.openDocumentFor(abs);
    return open ? open.uri : pathToUri(abs);
  }

  openDocumentFor(absPath: string): TextDocument | undefined {
    const uri = this.openByPath.get(absPath);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  documentOpened(uri: string): void {
    const abs = uriToPath(uri);
    if (abs !== undefined) this.openByPath.set(abs, uri);
  }

  documentClosed(uri: string): void {
    const abs = uriToPath(uri);
    if (abs !== undefined && this.openByPath.get(abs) === uri) this.openByPath.delete(abs);
  }

  async fetchSettings(scopeUri: string | undefined): Promise<ServerSettings> {
    let section: unknown = this.pushedSettings;
    if (this.capabilities.workspace?.configuration) {
      try {
        section = await this.connection.workspace.getConfiguration({ scopeUri, section: 'jekyllAuthor' });
      } catch (error) {
        this.log.warn(`Could not read the jekyllAuthor settings: ${describeError(error)}`);
      }
    }
    return readSettings(section, this.log.warn);
  }

  /** Opens (or finds) the site at `root` (with its `settings` when already fetched); undefined when it cannot be read. */
  async openSite(root: string, folderUri: string | undefined, fetched?: ServerSettings): Promise<OpenSite | undefined> {
    const existing = this.sites.get(root);
    if (existing) {
      if (folderUri) existing.folders.add(folderUri);
      return existing;
    }
    const settings = fetched ?? await this.fetchSettings(folderUri ?? pathToUri(root));
    const started = Date.now();
    this.progress.reading(root);
    let workspace: SiteWorkspace;
    try {
      workspace = await SiteWorkspace.openInSlices(root, { settings: settings.rules, schemaPath: settings.schemaPath, themePath: settings.themePath }, SLICE_MS);
      await yieldToRequests();
      await runInSlices(primingCompletions(workspace), SLICE_MS);
    } catch (error) {
      this.log.error(`Could not read the site at ${root}: ${describeError(error)}`);
      return undefined;
    }
    const site: OpenSite = { root, folders: new Set(folderUri ? [folderUri] : []), workspace, settings, indexingSince: started };
    this.sites.set(root, site);
    this.sitesOpened++;
    // Editors' buffers win over the disk.
    for (const document of this.documents.all()) {
      const abs = uriToPath(document.uri);
      const rel = abs === undefined ? undefined : workspace.relativePath(abs);
      if (rel !== undefined && this.siteOf(abs!) === site) this.applyBuffer(site, rel, document);
    }
    const elapsed = Date.now() - started;
    if (!workspace.site.hasConfig) this.log.warn(`No _config.yml found for ${root}: checking it as a Jekyll site anyway.`);
    this.log.info(`Indexed ${root}: ${workspace.site.pages.size} pages, ${workspace.site.layouts.size} layouts, `
      + `schema ${workspace.schema.source === 'file' ? `from ${workspace.schema.file ?? workspace.schemaFile}` : 'inferred'}, in ${elapsed} ms.`);
    for (const problem of workspace.schema.problems) this.log.warn(`Schema: ${problem.message}`);
    this.progress.checking(root, workspace.site.pages.size);
    this.onSiteOpened(site);
    return site;
  }

  /** A file opened outside every workspace folder: open its site when a `_config.yml` lies above it. */
  async openSiteForFile(absPath: string): Promise<OpenSite | undefined> {
    for (let dir = path.dirname(absPath); ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, '_config.yml'))) return this.openSite(dir, undefined);
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  async openFolder(folder: WorkspaceFolder, settings?: ServerSettings): Promise<OpenSite | undefined> {
    const folderPath = uriToPath(folder.uri);
    if (folderPath === undefined) {
      this.log.warn(`Skipping workspace folder ${folder.uri}: not a file: URI.`);
      return undefined;
    }
    try {
      return await this.openSite(findSiteRoot(folderPath), folder.uri, settings);
    } catch (error) {
      this.log.error(`Could not open the workspace folder ${folderPath}: ${describeError(error)}`);
      return undefined;
    }
  }

  /** Feeds an editor buffer to the site. */
  applyBuffer(site: OpenSite, relPath: string, document: TextDocument): BufferChange {
    if (this.isDiskOnly(site, relPath)) return { files: new Set([relPath]), changedSite: false };
    const text = document.getText();
    // Opening a file as it is on the disk changes nothing.
    if (site.workspace.site.pages.get(relPath)?.text === text) return { files: new Set([relPath]), changedSite: false };
    return { files: site.workspace.updateFile(relPath, text), changedSite: true };
  }

  /** The site-relative paths of the site's files open in the editor. */
  openFiles(site: OpenSite): Set<string> {
    const open = new Set<string>();
    for (const abs of this.openByPath.keys()) {
      const rel = site.workspace.relativePath(abs);
      if (rel !== undefined && this.siteOf(abs) === site) open.add(rel);
    }
    return open;
  }

  /** Files the server reads from the disk only, whatever the editor's buffer holds. */
  isDiskOnly(site: OpenSite, rel: string): boolean {
    return site.workspace.isDiskOnly(rel);
  }
}
