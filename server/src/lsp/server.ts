import * as path from 'node:path';
import {
  Connection, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  FileChangeType, FileEvent, InitializeResult, ProposedFeatures, TextDocuments, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerContext, SiteDocument } from './context';
import { pathToUri, readSettings, ServerSettings, uriToPath } from './convert';
import { DiagnosticsScheduler } from './diagnostics';
import { FEATURES } from './features';
import { describeError, WorkQueue } from './queue';
import { OpenSite, SiteRegistry } from './sites';
import { stdioTransport } from './transport';
import type { StartOptions } from './workbench-protocol';

/** Runs the language server over stdio: what `jekyll-author lsp --stdio` calls. */
export function runLanguageServer(): void {
  // Node has started and the bundle is loaded: the client's start-up trace shows this moment.
  const loaded = performance.timeOrigin + performance.now();
  const { reader, writer } = stdioTransport((message) => {
    process.stderr.write(`jekyll-author: ${message}\n`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  const report = (what: string) => (error: unknown) => {
    try {
      connection.console.error(`${what}: ${describeError(error)}`);
    } catch {
      process.stderr.write(`${what}: ${describeError(error)}\n`);
    }
  };
  process.on('uncaughtException', report('Uncaught exception'));
  process.on('unhandledRejection', report('Unhandled rejection'));
  startServer(connection, { processStart: performance.timeOrigin, loaded });
}

/** Wires the language service to an LSP connection and starts listening: the handlers of the client's notifications. */
export function startServer(connection: Connection, startup?: { processStart: number; loaded: number }): void {
  const documents = new TextDocuments(TextDocument);
  const log = {
    info: (message: string) => connection.console.info(message),
    warn: (message: string) => connection.console.warn(message),
    error: (message: string) => connection.console.error(message),
  };
  const queue = new WorkQueue(log.error);
  const registry = new SiteRegistry(connection, documents, log);
  const diagnostics = new DiagnosticsScheduler(connection, documents, registry, queue, log);
  let initialFolders: WorkspaceFolder[] = [];
  let start: StartOptions = {};
  /** Answers to settings requests older than the latest are dropped (see onDidChangeConfiguration). */
  let settingsGeneration = 0;

  registry.onSiteOpened = (site) => diagnostics.markWholeSite(site);

  function closeSite(site: OpenSite): void {
    registry.sites.delete(site.root);
    diagnostics.siteClosed(site);
    log.info(`Closed the site at ${site.root}.`);
  }

  function applyFileEvent(event: FileEvent): void {
    const abs = uriToPath(event.uri);
    if (abs === undefined) return;
    // A schema file may lie outside its site.
    for (const site of registry.sites.values()) {
      if (site.workspace.isSchemaFile(abs) && site.workspace.relativePath(abs) === undefined) {
        diagnostics.markPending(site, site.workspace.schemaChanged(), true);
      }
    }
    const site = registry.siteOf(abs);
    const rel = site?.workspace.relativePath(abs);
    if (!site || rel === undefined) return;
    const document = registry.openDocumentFor(abs);
    let changed: Set<string>;
    if (event.type === FileChangeType.Deleted) {
      changed = site.workspace.deleteFile(rel);
    } else if (document && !registry.isDiskOnly(site, rel)) {
      // The buffer is what the author sees: a save changes nothing, a creation takes the buffer.
      if (event.type !== FileChangeType.Created) return;
      changed = site.workspace.updateFile(rel, document.getText());
    } else {
      changed = site.workspace.updateFile(rel);
    }
    diagnostics.markPending(site, changed, true);
  }

  connection.onInitialize((params): InitializeResult => {
    registry.capabilities = params.capabilities ?? {};
    if (params.initializationOptions && typeof params.initializationOptions === 'object') start = params.initializationOptions as StartOptions;
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
      // Epoch milliseconds of the process's start and of the bundle loaded, for the client's start-up trace.
      ...(startup ? { startup } : {}),
    };
  });

  /** Applies an open document's pending edits now, so that a request sees the text the author sees. */
  async function siteDocument(uri: string): Promise<SiteDocument | undefined> {
    let result: SiteDocument | undefined;
    await queue.enqueue('Reading a document', async () => {
      const abs = uriToPath(uri);
      if (abs === undefined) return;
      const site = registry.siteOf(abs) ?? await registry.openSiteForFile(abs);
      const relPath = site?.workspace.relativePath(abs);
      if (!site || relPath === undefined) return;
      const document = documents.get(uri);
      diagnostics.applyIfDirty(site, relPath, document);
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
      const site = registry.sites.get(workspace.root);
      return site ? registry.uriFor(site, relPath) : pathToUri(workspace.absolutePath(relPath));
    },
    clientCapabilities: () => registry.capabilities,
    onSiteChecked: (listener) => registry.progress.onChecked.push(listener),
  };
  for (const feature of FEATURES) feature.register(context);

  /** Asks the client to send file changes and settings changes; a refusal is logged, not fatal. */
  function registerForChanges(): Promise<unknown>[] {
    const capabilities = registry.capabilities;
    const registrations: Promise<unknown>[] = [];
    if (start.synchronizes === true) return registrations;
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      registrations.push(connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((error) => log.warn(`Could not register the file watcher: ${describeError(error)}`)));
    } else {
      log.info('The client cannot watch files for the server: changes made outside the editor are not seen.');
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      registrations.push(connection.client.register(DidChangeConfigurationNotification.type, { section: 'jekyllAuthor' })
        .catch((error) => log.warn(`Could not register for settings changes: ${describeError(error)}`)));
    }
    return registrations;
  }

  connection.onInitialized(() => {
    void queue.enqueue('Indexing the workspace', async () => {
      // The registrations and each folder's settings are asked for together: one round trip to the
      // client instead of one per request, none when the client sent them with the handshake. The
      // site is read once the watcher is in place.
      const sent = start.settings && typeof start.settings === 'object' ? start.settings : {};
      const settings = initialFolders.map((folder) =>
        (Object.hasOwn(sent, folder.uri) ? Promise.resolve(readSettings(sent[folder.uri], log.warn)) : registry.fetchSettings(folder.uri)));
      await Promise.all([...registerForChanges(), ...settings]);
      if (registry.capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          void queue.enqueue('Changing workspace folders', async () => {
            for (const removed of event.removed) {
              for (const site of [...registry.sites.values()]) {
                site.folders.delete(removed.uri);
                if (site.folders.size === 0) closeSite(site);
              }
            }
            for (const added of event.added) await registry.openFolder(added);
            diagnostics.scheduleFlush();
          });
        });
      }
      for (const [i, folder] of initialFolders.entries()) await registry.openFolder(folder, await settings[i]);
      diagnostics.start();
    });
  });

  documents.onDidOpen((event) => registry.documentOpened(event.document.uri));
  documents.onDidChangeContent((event) => diagnostics.documentChanged(event.document.uri));
  documents.onDidClose((event) => {
    registry.documentClosed(event.document.uri);
    diagnostics.documentClosed(event.document.uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    void queue.enqueue('Applying file changes', () => {
      for (const event of params.changes ?? []) {
        try {
          applyFileEvent(event);
        } catch (error) {
          log.error(`Could not apply the change of ${event.uri}: ${describeError(error)}`);
        }
      }
      diagnostics.scheduleFlush();
    });
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params?.settings as { jekyllAuthor?: unknown } | undefined;
    if (settings && typeof settings === 'object' && 'jekyllAuthor' in settings) registry.pushedSettings = settings.jekyllAuthor;
    // The settings are asked for outside the queue: checks queued meanwhile (the first whole-site
    // pass: VS Code's client notifies once at start) need not wait for a busy editor's answer.
    const generation = ++settingsGeneration;
    void queue.enqueue('Reading settings', () => {
      const sites = [...registry.sites.values()];
      void Promise.all(sites.map((site) => registry.fetchSettings(site.folders.values().next().value ?? pathToUri(site.root))))
        .then((fetched) => queue.enqueue('Applying settings', () => {
          if (generation !== settingsGeneration) return;
          sites.forEach((site, i) => {
            if (registry.sites.get(site.root) === site) applySettings(site, fetched[i]);
          });
          diagnostics.scheduleFlush();
        }));
    });
  });

  /** Marks what a change of settings changes (nothing when they are the same, as at start). */
  function applySettings(site: OpenSite, next: ServerSettings): void {
    if (JSON.stringify(next.rules) !== JSON.stringify(site.settings.rules)) diagnostics.markPending(site, site.workspace.setSettings(next.rules));
    if (next.schemaPath !== site.settings.schemaPath) {
      diagnostics.markPending(site, site.workspace.setSchemaPath(next.schemaPath));
      log.info(`Schema for ${site.root}: ${site.workspace.schema.source === 'file' ? site.workspace.schemaFile : 'inferred'}.`);
    }
    if (next.checkTemplates !== site.settings.checkTemplates) diagnostics.markPending(site, site.workspace.checkedFiles());
    site.settings = next;
  }

  documents.listen(connection);
  connection.listen();
}
