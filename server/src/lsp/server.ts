import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ClientCapabilities, Connection, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  FileChangeType, FileEvent, InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SiteWorkspace } from '../service/workspace';
import { findSiteRoot } from '../site/site';
import { yieldToRequests } from '../site/slices';
import { ServerContext, SiteDocument } from './context';
import { pathToUri, readSettings, ServerSettings, toLspDiagnostic, uriToPath } from './convert';
import { FEATURES } from './features';

/**
 * Quiet time after an edit before the files depending on it are checked (longer while checks are
 * slow). The edited document itself is checked at once, unless its check is slow.
 */
const DEBOUNCE_MS = 50;
/** An open document whose check takes longer than this waits for the debounce instead of being checked on every keystroke. */
const IMMEDIATE_CHECK_MS = 20;
/** Quiet time after the last edit before the whole site is checked again in the background. */
const SWEEP_DELAY_MS = 400;
const EMPTY = '[]';
/** How long reading a site, or checking it, may hold the event loop before it lets requests in. */
const SLICE_MS = 10;

interface OpenSite {
  root: string;
  /** The workspace folders (URIs) this site was opened for; empty for a site found from an opened file. */
  folders: Set<string>;
  workspace: SiteWorkspace;
  settings: ServerSettings;
  /** When the site was opened, until its first whole-site check has been published. */
  indexingSince?: number;
}

/** Runs the language server over stdio: what `jekyll-author lsp --stdio` calls. */
export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const report = (what: string) => (error: unknown) => {
    try {
      connection.console.error(`${what}: ${describe(error)}`);
    } catch {
      process.stderr.write(`${what}: ${describe(error)}\n`);
    }
  };
  process.on('uncaughtException', report('Uncaught exception'));
  process.on('unhandledRejection', report('Unhandled rejection'));
  startServer(connection);
}

/** Wires the language service to an LSP connection and starts listening. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const sites = new Map<string, OpenSite>();
  /** What was last published for each URI (as JSON), so that only changes are sent and stale ones get cleared. */
  const lastSent = new Map<string, string>();
  /** Files whose diagnostics must be published again, by site root. */
  const pending = new Map<string, Set<string>>();
  /** Open documents whose buffers changed since the last flush. */
  const dirtyDocuments = new Set<string>();
  /** Open documents' URIs by file system path, to publish under the URI the client used. */
  const openByPath = new Map<string, string>();
  /** How long the last check of each open document took (ms). */
  const checkCost = new Map<string, number>();
  let capabilities: ClientCapabilities = {};
  let initialFolders: WorkspaceFolder[] = [];
  /** Settings the client pushed with `workspace/didChangeConfiguration`, for clients without `workspace/configuration`. */
  let pushedSettings: unknown;
  let ready = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let lastFlushMs = 0;
  let sweepTimer: NodeJS.Timeout | undefined;
  /** Something changed since the last whole-site pass. */
  let sweepNeeded = false;
  /** Every change of state runs in this queue, one at a time, in the order the client sent them. */
  let queue: Promise<void> = Promise.resolve();

  const log = {
    info: (message: string) => connection.console.info(message),
    warn: (message: string) => connection.console.warn(message),
    error: (message: string) => connection.console.error(message),
  };

  function enqueue(what: string, work: () => void | Promise<void>): Promise<void> {
    queue = queue.then(work).catch((error) => log.error(`${what} failed: ${describe(error)}`));
    return queue;
  }

  function markPending(site: OpenSite, files: Iterable<string>): void {
    let set = pending.get(site.root);
    if (!set) pending.set(site.root, (set = new Set()));
    for (const file of files) set.add(file);
  }

  function scheduleFlush(): void {
    if (!ready || flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      void enqueue('Checking', flush);
    }, Math.max(DEBOUNCE_MS, Math.min(lastFlushMs, 1000)));
  }

  /** The site whose root holds `absPath` (the innermost one when sites nest). */
  function siteOf(absPath: string): OpenSite | undefined {
    let best: OpenSite | undefined;
    for (const site of sites.values()) {
      if (site.workspace.relativePath(absPath) !== undefined && (!best || site.root.length > best.root.length)) best = site;
    }
    return best;
  }

  function uriFor(site: OpenSite, relPath: string): string {
    const abs = site.workspace.absolutePath(relPath);
    const open = openDocumentFor(abs);
    return open ? open.uri : pathToUri(abs);
  }

  function openDocumentFor(absPath: string): TextDocument | undefined {
    const uri = openByPath.get(absPath);
    return uri === undefined ? undefined : documents.get(uri);
  }

  async function fetchSettings(scopeUri: string | undefined): Promise<ServerSettings> {
    let section: unknown = pushedSettings;
    if (capabilities.workspace?.configuration) {
      try {
        section = await connection.workspace.getConfiguration({ scopeUri, section: 'jekyllAuthor' });
      } catch (error) {
        log.warn(`Could not read the jekyllAuthor settings: ${describe(error)}`);
      }
    }
    return readSettings(section, log.warn);
  }

  async function openSite(root: string, folderUri: string | undefined): Promise<OpenSite | undefined> {
    const existing = sites.get(root);
    if (existing) {
      if (folderUri) existing.folders.add(folderUri);
      return existing;
    }
    const settings = await fetchSettings(folderUri ?? pathToUri(root));
    const started = Date.now();
    let workspace: SiteWorkspace;
    try {
      workspace = await SiteWorkspace.openInSlices(root, { settings: settings.rules, schemaPath: settings.schemaPath, themePath: settings.themePath }, SLICE_MS);
    } catch (error) {
      log.error(`Could not read the site at ${root}: ${describe(error)}`);
      return undefined;
    }
    const site: OpenSite = { root, folders: new Set(folderUri ? [folderUri] : []), workspace, settings, indexingSince: started };
    sites.set(root, site);
    // Editors' buffers win over the disk.
    for (const document of documents.all()) {
      const abs = uriToPath(document.uri);
      const rel = abs === undefined ? undefined : workspace.relativePath(abs);
      if (rel !== undefined && siteOf(abs!) === site) applyBuffer(site, rel, document);
    }
    const elapsed = Date.now() - started;
    if (!workspace.site.hasConfig) log.warn(`No _config.yml found for ${root}: checking it as a Jekyll site anyway.`);
    log.info(`Indexed ${root}: ${workspace.site.pages.size} pages, ${workspace.site.layouts.size} layouts, `
      + `schema ${workspace.schema.source === 'file' ? `from ${workspace.schema.file ?? workspace.schemaFile}` : 'inferred'}, in ${elapsed} ms.`);
    for (const problem of workspace.schema.problems) log.warn(`Schema: ${problem.message}`);
    markPending(site, workspace.checkedFiles());
    return site;
  }

  function closeSite(site: OpenSite): void {
    sites.delete(site.root);
    pending.delete(site.root);
    for (const [uri, sent] of [...lastSent]) {
      const abs = uriToPath(uri);
      if (abs !== undefined && site.workspace.relativePath(abs) !== undefined && siteOf(abs) === undefined) {
        lastSent.delete(uri);
        if (sent !== EMPTY) connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    log.info(`Closed the site at ${site.root}.`);
  }

  /** Feeds an editor buffer to the site; returns the files to check again. */
  function applyBuffer(site: OpenSite, relPath: string, document: TextDocument): Set<string> {
    const kind = site.workspace.site.classify(relPath);
    const abs = site.workspace.absolutePath(relPath);
    // `_config.yml`, the Gemfile and the schema file are read from the disk (on save): reloading
    // the whole site on every keystroke would be slow and would not see the buffer anyway.
    if (kind === 'config' || kind === 'gemfile' || site.workspace.isSchemaFile(abs)) return new Set([relPath]);
    const text = document.getText();
    // Opening a file as it is on the disk changes nothing.
    if (site.workspace.site.pages.get(relPath)?.text === text) return new Set([relPath]);
    sweepNeeded = true;
    return site.workspace.updateFile(relPath, text);
  }

  /** Feeds a changed open document to its site and marks what to check again; returns where it is. */
  async function applyDirtyDocument(uri: string): Promise<{ site: OpenSite; rel: string } | undefined> {
    dirtyDocuments.delete(uri);
    const document = documents.get(uri);
    const abs = uriToPath(uri);
    if (!document || abs === undefined) return undefined;
    const site = siteOf(abs) ?? await openSiteForFile(abs);
    const rel = site?.workspace.relativePath(abs);
    if (!site || rel === undefined) return undefined;
    try {
      markPending(site, applyBuffer(site, rel, document));
    } catch (error) {
      log.error(`Could not read ${abs}: ${describe(error)}`);
      markPending(site, [rel]);
    }
    return { site, rel };
  }

  /** Checks an edited document and publishes it now; its dependants wait for the debounced flush. */
  async function checkEdit(uri: string): Promise<void> {
    // Already applied (by a request, or a flush that ran first).
    if (!dirtyDocuments.has(uri)) return;
    const applied = await applyDirtyDocument(uri);
    if (applied) {
      pending.get(applied.site.root)?.delete(applied.rel);
      void publish(applied.site, applied.rel, true);
    }
    scheduleFlush();
  }

  async function flush(): Promise<void> {
    const started = Date.now();
    for (const uri of [...dirtyDocuments]) await applyDirtyDocument(uri);
    // Open documents first, so that the file being edited is answered before a long whole-site pass.
    const work: { site: OpenSite; rel: string; open: boolean }[] = [];
    for (const [root, files] of pending) {
      const site = sites.get(root);
      if (!site) continue;
      for (const rel of files) work.push({ site, rel, open: openDocumentFor(site.workspace.absolutePath(rel)) !== undefined });
    }
    pending.clear();
    work.sort((a, b) => Number(b.open) - Number(a.open));
    let sliceStart = performance.now();
    let sending: Promise<void> | undefined;
    for (let i = 0; i < work.length; i++) {
      const { site, rel, open } = work[i];
      sending = publish(site, rel, open) ?? sending;
      if (performance.now() - sliceStart >= SLICE_MS && i + 1 < work.length) {
        // The writer sends one message per turn of the event loop: with thousands queued, an answer
        // to a request would wait behind them all. Let it send this slice's before checking more.
        await sending;
        await yieldToRequests();
        sliceStart = performance.now();
        // Edits that arrived meanwhile go first.
        if (dirtyDocuments.size > 0) {
          for (const rest of work.slice(i + 1)) markPending(rest.site, [rest.rel]);
          break;
        }
      }
    }
    lastFlushMs = Date.now() - started;
    for (const site of sites.values()) {
      if (site.indexingSince === undefined || pending.has(site.root)) continue;
      log.info(`Checked ${site.root}: ${site.workspace.checkedFiles().length} files in ${Date.now() - site.indexingSince} ms.`);
      site.indexingSince = undefined;
    }
    if (dirtyDocuments.size > 0 || pending.size > 0) scheduleFlush();
    else if (sweepNeeded) scheduleSweep();
  }

  /**
   * An edit re-checks the file and its dependants at once. Some rules also read site-wide
   * conventions (what share of pages follow a pattern) that any edit can tip: once the edits
   * stop, the whole site is checked again in the background and only what differs is sent.
   */
  function scheduleSweep(): void {
    if (sweepTimer) clearTimeout(sweepTimer);
    sweepTimer = setTimeout(() => {
      sweepTimer = undefined;
      if (dirtyDocuments.size > 0 || pending.size > 0) return;
      void enqueue('Re-checking the sites', async () => {
        sweepNeeded = false;
        for (const site of sites.values()) {
          markPending(site, site.workspace.checkedFiles());
          for (const [uri, sent] of lastSent) {
            const abs = uriToPath(uri);
            const rel = sent === EMPTY || abs === undefined ? undefined : site.workspace.relativePath(abs);
            if (rel !== undefined && siteOf(abs!) === site) markPending(site, [rel]);
          }
        }
        await flush();
      });
    }, SWEEP_DELAY_MS);
  }

  /** Checks a file and sends its diagnostics if they changed; returns the sending, which ends once written. */
  function publish(site: OpenSite, rel: string, open: boolean): Promise<void> | undefined {
    const uri = uriFor(site, rel);
    let diagnostics;
    const started = performance.now();
    try {
      diagnostics = site.workspace.diagnosticsFor(rel).map((d) => toLspDiagnostic(d, (file) => uriFor(site, file)));
    } catch (error) {
      log.error(`Checking ${rel} in ${site.root} failed: ${describe(error)}`);
      return undefined;
    }
    if (open) checkCost.set(uri, performance.now() - started);
    const json = JSON.stringify(diagnostics);
    const previous = lastSent.get(uri);
    // Unchanged: nothing to send. Clean and never reported: nothing to say, unless the author is looking at it.
    if (previous === json || (previous === undefined && json === EMPTY && !open)) return undefined;
    lastSent.set(uri, json);
    return connection.sendDiagnostics({ uri, diagnostics });
  }

  /** A file opened outside every workspace folder: open its site when a `_config.yml` lies above it. */
  async function openSiteForFile(absPath: string): Promise<OpenSite | undefined> {
    for (let dir = path.dirname(absPath); ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, '_config.yml'))) return openSite(dir, undefined);
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  function applyFileEvent(event: FileEvent): void {
    const abs = uriToPath(event.uri);
    if (abs === undefined) return;
    // A schema file may lie outside its site.
    for (const site of sites.values()) {
      if (site.workspace.isSchemaFile(abs) && site.workspace.relativePath(abs) === undefined) {
        markPending(site, site.workspace.schemaChanged());
      }
    }
    const site = siteOf(abs);
    const rel = site?.workspace.relativePath(abs);
    if (!site || rel === undefined) return;
    const document = openDocumentFor(abs);
    let changed: Set<string>;
    sweepNeeded = true;
    if (event.type === FileChangeType.Deleted) {
      changed = site.workspace.deleteFile(rel);
    } else if (document && !isDiskOnly(site, rel)) {
      // The buffer is what the author sees: a save changes nothing, a creation takes the buffer.
      if (event.type !== FileChangeType.Created) return;
      changed = site.workspace.updateFile(rel, document.getText());
    } else {
      changed = site.workspace.updateFile(rel);
    }
    markPending(site, changed);
  }

  function isDiskOnly(site: OpenSite, rel: string): boolean {
    const kind = site.workspace.site.classify(rel);
    return kind === 'config' || kind === 'gemfile' || site.workspace.isSchemaFile(site.workspace.absolutePath(rel));
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    if (params.workspaceFolders && params.workspaceFolders.length > 0) {
      initialFolders = params.workspaceFolders;
    } else if (params.rootUri) {
      initialFolders = [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'root') }];
    } else if (params.rootPath) {
      initialFolders = [{ uri: pathToUri(params.rootPath), name: path.basename(params.rootPath) }];
    }
    return {
      capabilities: Object.assign(
        {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        ...FEATURES.map((feature) => feature.capabilities),
      ),
      serverInfo: { name: 'jekyll-author' },
      // Lets the extension-host tests kill this process to check that the client restarts it.
      processId: process.pid,
    };
  });

  /** Applies an open document's pending edits now, so that a request sees the text the author sees. */
  async function siteDocument(uri: string): Promise<SiteDocument | undefined> {
    let result: SiteDocument | undefined;
    await enqueue('Reading a document', async () => {
      const abs = uriToPath(uri);
      if (abs === undefined) return;
      const site = siteOf(abs) ?? await openSiteForFile(abs);
      const relPath = site?.workspace.relativePath(abs);
      if (!site || relPath === undefined) return;
      const document = documents.get(uri);
      if (document && dirtyDocuments.delete(uri)) {
        markPending(site, applyBuffer(site, relPath, document));
        scheduleFlush();
      }
      result = { workspace: site.workspace, relPath, uri, document };
    });
    return result;
  }

  const context: ServerContext = {
    connection,
    documents,
    log,
    siteDocument,
    uriFor: (workspace, relPath) => {
      const site = sites.get(workspace.root);
      return site ? uriFor(site, relPath) : pathToUri(workspace.absolutePath(relPath));
    },
    clientCapabilities: () => capabilities,
  };
  for (const feature of FEATURES) feature.register(context);

  connection.onInitialized(() => {
    void enqueue('Indexing the workspace', async () => {
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        try {
          await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
        } catch (error) {
          log.warn(`Could not register the file watcher: ${describe(error)}`);
        }
      } else {
        log.info('The client cannot watch files for the server: changes made outside the editor are not seen.');
      }
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        try {
          await connection.client.register(DidChangeConfigurationNotification.type, { section: 'jekyllAuthor' });
        } catch (error) {
          log.warn(`Could not register for settings changes: ${describe(error)}`);
        }
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          void enqueue('Changing workspace folders', async () => {
            for (const removed of event.removed) {
              for (const site of [...sites.values()]) {
                site.folders.delete(removed.uri);
                if (site.folders.size === 0) closeSite(site);
              }
            }
            for (const added of event.added) await openFolder(added);
            scheduleFlush();
          });
        });
      }
      for (const folder of initialFolders) await openFolder(folder);
      ready = true;
      for (const document of documents.all()) dirtyDocuments.add(document.uri);
      scheduleFlush();
    });
  });

  async function openFolder(folder: WorkspaceFolder): Promise<void> {
    const folderPath = uriToPath(folder.uri);
    if (folderPath === undefined) {
      log.warn(`Skipping workspace folder ${folder.uri}: not a file: URI.`);
      return;
    }
    try {
      await openSite(findSiteRoot(folderPath), folder.uri);
    } catch (error) {
      log.error(`Could not open the workspace folder ${folderPath}: ${describe(error)}`);
    }
  }

  documents.onDidOpen((event) => {
    const abs = uriToPath(event.document.uri);
    if (abs !== undefined) openByPath.set(abs, event.document.uri);
  });

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    dirtyDocuments.add(uri);
    if (ready && (checkCost.get(uri) ?? 0) <= IMMEDIATE_CHECK_MS) void enqueue('Checking an edit', () => checkEdit(uri));
    else scheduleFlush();
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    dirtyDocuments.delete(uri);
    checkCost.delete(uri);
    const closedPath = uriToPath(uri);
    if (closedPath !== undefined && openByPath.get(closedPath) === uri) openByPath.delete(closedPath);
    void enqueue('Closing a document', () => {
      const abs = uriToPath(uri);
      const site = abs === undefined ? undefined : siteOf(abs);
      const rel = site && abs !== undefined ? site.workspace.relativePath(abs) : undefined;
      if (!site || rel === undefined) {
        const sent = lastSent.get(uri);
        lastSent.delete(uri);
        if (sent !== undefined && sent !== EMPTY) connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      // Back to what is on the disk (the buffer may have been closed without saving).
      sweepNeeded = true;
      markPending(site, isDiskOnly(site, rel) ? [rel] : site.workspace.updateFile(rel));
      scheduleFlush();
    });
  });

  connection.onDidChangeWatchedFiles((params) => {
    void enqueue('Applying file changes', () => {
      for (const event of params.changes ?? []) {
        try {
          applyFileEvent(event);
        } catch (error) {
          log.error(`Could not apply the change of ${event.uri}: ${describe(error)}`);
        }
      }
      scheduleFlush();
    });
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params?.settings as { jekyllAuthor?: unknown } | undefined;
    if (settings && typeof settings === 'object' && 'jekyllAuthor' in settings) pushedSettings = settings.jekyllAuthor;
    void enqueue('Applying settings', async () => {
      for (const site of sites.values()) {
        const folder = site.folders.values().next().value as string | undefined;
        const next = await fetchSettings(folder ?? pathToUri(site.root));
        markPending(site, site.workspace.setSettings(next.rules));
        if (next.schemaPath !== site.settings.schemaPath) {
          markPending(site, site.workspace.setSchemaPath(next.schemaPath));
          log.info(`Schema for ${site.root}: ${site.workspace.schema.source === 'file' ? site.workspace.schemaFile : 'inferred'}.`);
        }
        site.settings = next;
      }
      scheduleFlush();
    });
  });

  documents.listen(connection);
  connection.listen();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
