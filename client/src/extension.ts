import type { ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, ErrorHandler, LanguageClient, LanguageClientOptions, Location, Message, Middleware, Position, ServerOptions,
} from 'vscode-languageclient/node';
import { SITE_STATE_METHOD, SiteStateParams, StartOptions } from '../../server/src/lsp/workbench-protocol';
import { createPage } from './outline/newPage';
import { OutlineNode, SiteOutlineProvider } from './outline/siteOutline';
import { registerPreview } from './preview/register';
import { SitePathDropProvider } from './dropPath';
import { registerRuleDocs } from './ruleDocs';
import { isLostInput, SERVER_MODULE, ServerProcesses } from './serverProcess';
import { SiteStatus } from './status';
import { ServerStartup, Timings } from './timings';

let client: LanguageClient | undefined;
let servers: ServerProcesses | undefined;

/** What client/src/entry.ts did before it loaded this bundle: when activation began, and the server it started. */
export interface EarlyStart {
  activatedAt: number;
  server: ChildProcess;
}

/** Connects the language server (the bundled CLI in `lsp --stdio` mode, started by entry.ts) to the editor. */
export function activate(context: vscode.ExtensionContext, early?: EarlyStart): void {
  const loaded = performance.now();
  const outputChannel = vscode.window.createOutputChannel('Jekyll Author', { log: true });
  context.subscriptions.push(outputChannel);
  const timings = new Timings(outputChannel);
  timings.mark('activate', early?.activatedAt ?? loaded);
  timings.mark('clientLoaded', loaded);
  servers = new ServerProcesses(context.asAbsolutePath(SERVER_MODULE), early?.server);
  const processes = servers;
  const serverOptions: ServerOptions = async () => processes.next();
  // The default handler restarts a crashed server (up to 4 times in 3 minutes): keep it, and say so. But
  // not its answer to failed writes: after three it shuts the client down, and a server that dies while
  // the editor is sending it messages fails several writes before its closed output is noticed.
  let defaultHandler: ErrorHandler | undefined;
  const fallback = (): ErrorHandler => (defaultHandler ??= client!.createDefaultErrorHandler());
  const errorHandler: ErrorHandler = {
    error: (error: Error, message: Message | undefined, count: number | undefined) => {
      outputChannel.error(`Connection error (${count ?? 0}): ${error.message}`);
      if (!isLostInput(error, message)) return fallback().error(error, message, count);
      // `closed` decides whether a server that can no longer be written to is restarted.
      processes.inputLost();
      return { action: ErrorAction.Continue };
    },
    closed: async () => {
      const result = await fallback().closed();
      if (result.action === CloseAction.Restart) outputChannel.warn('The language server stopped; restarting it.');
      else outputChannel.error('The language server stopped too often; not restarting it. Reload the window to try again.');
      return result;
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'html' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/_config.yml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    // Each folder's settings come with the handshake, and the file watcher is the client's own (in
    // place before the server reads the site): the server asks this extension host nothing before
    // its first check, where each answer would wait behind the other extensions' start.
    initializationOptions: startOptions,
    synchronize: { configurationSection: 'jekyllAuthor', fileEvents: watchEveryFile(context) },
    outputChannel,
    errorHandler,
    middleware: timeDiagnostics(registerRuleDocs(context).middleware, timings),
  };
  // The client id makes `jekyllAuthor.trace.server` the trace setting.
  client = new LanguageClient('jekyllAuthor', 'Jekyll Author', serverOptions, clientOptions);
  // Internal, for the extension-host tests: the server's process id (sent in its initialize result),
  // so that they can kill the server and watch the client restart it.
  context.subscriptions.push(
    vscode.commands.registerCommand('jekyllAuthor._serverPid', () => client?.initializeResult?.processId),
    vscode.commands.registerCommand('jekyllAuthor._timings', () => timings),
    vscode.commands.registerCommand('jekyllAuthor.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('jekyllAuthor.showOutput', () => outputChannel.show()),
  );
  // The "used by N pages" lens of a layout file sends the pages as LSP locations: show them in VS Code's references view.
  context.subscriptions.push(vscode.commands.registerCommand('jekyllAuthor.showReferences', (uri: string, position: Position, locations: Location[]) => {
    const converter = client!.protocol2CodeConverter;
    return vscode.commands.executeCommand('editor.action.showReferences', converter.asUri(uri),
      converter.asPosition(position), locations.map((location) => converter.asLocation(location)));
  }));
  // Before starting: a preview restored with the window needs its serializer during activation.
  registerPreview(context, () => client, timings);
  registerWorkbench(context, client, timings);
  // Not awaited: activation ends now, and VS Code's start-up (other extensions' activation) does not
  // wait for the server's. The client queues what is asked of the server meanwhile.
  const starting = client;
  void starting.start().then(() => {
    timings.mark('serverReady');
    timings.server(starting.initializeResult?.startup as ServerStartup | undefined);
  }, (error: unknown) => outputChannel.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`));
}

/** What the server is sent with the handshake, at each (re)start. */
function startOptions(): StartOptions {
  const settings: Record<string, unknown> = {};
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    settings[folder.uri.toString()] = vscode.workspace.getConfiguration(undefined, folder.uri).get('jekyllAuthor') ?? null;
  }
  return { settings, synchronizes: true };
}

function watchEveryFile(context: vscode.ExtensionContext): vscode.FileSystemWatcher {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  context.subscriptions.push(watcher);
  return watcher;
}

/** Notes when diagnostics reach the editor, after the rule-docs links are in place. */
function timeDiagnostics(middleware: Middleware, timings: Timings): Middleware {
  return {
    ...middleware,
    handleDiagnostics(uri, diagnostics, next) {
      const done: typeof next = (...args) => {
        next(...args);
        timings.diagnosticsSet();
      };
      if (middleware.handleDiagnostics) middleware.handleDiagnostics(uri, diagnostics, done);
      else done(uri, diagnostics);
    },
  };
}

/** The site outline (Explorer and its own view), new pages and posts, and the status bar item. */
function registerWorkbench(context: vscode.ExtensionContext, languageClient: LanguageClient, timings: Timings): void {
  void vscode.commands.executeCommand('setContext', 'jekyllAuthor.active', true);
  const outline = new SiteOutlineProvider(() => client);
  const dropProvider = new SitePathDropProvider();
  const status = new SiteStatus(() => timings.mark('statusShown'));
  const views = ['jekyllAuthor.siteOutline', 'jekyllAuthor.siteOutlineView'].map((id) =>
    vscode.window.createTreeView(id, { treeDataProvider: outline, dragAndDropController: outline, showCollapseAll: true }));
  context.subscriptions.push(outline, status, ...views,
    vscode.languages.registerDocumentDropEditProvider([{ scheme: 'file', language: 'markdown' }, { scheme: 'file', language: 'html' }], dropProvider),
    languageClient.onNotification(SITE_STATE_METHOD, (params: SiteStateParams) => {
      timings.siteState(params.state, params.pages, params.sentAt);
      status.siteState(params);
      outline.refreshSoon();
    }),
    vscode.commands.registerCommand('jekyllAuthor.refreshOutline', () => outline.refresh()),
    vscode.commands.registerCommand('jekyllAuthor.newPage', (argument?: OutlineNode) => createPage(client, 'page', argument)),
    vscode.commands.registerCommand('jekyllAuthor.newPageHere', (argument?: OutlineNode) => createPage(client, 'page', argument)),
    vscode.commands.registerCommand('jekyllAuthor.newPost', (argument?: OutlineNode) => createPage(client, 'post', argument)),
    vscode.commands.registerCommand('jekyllAuthor.openOutlinePreview', (node?: OutlineNode) =>
      node?.kind === 'page' && vscode.commands.executeCommand('jekyllAuthor.showPreviewToSide', vscode.Uri.parse(node.item.uri))),
    // Internal, for the extension-host tests: the status bar's text, the outline as titles, and a drop.
    vscode.commands.registerCommand('jekyllAuthor._statusHistory', () => status.history),
    vscode.commands.registerCommand('jekyllAuthor._outline', async () => describeOutline(outline, await outline.roots())),
    vscode.commands.registerCommand('jekyllAuthor._dropFiles', async (page: string, files: string[]) => {
      const transfer = new vscode.DataTransfer();
      transfer.set('text/uri-list', new vscode.DataTransferItem(files.join('\r\n')));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(page));
      const edit = await dropProvider.provideDocumentDropEdits(document, new vscode.Position(0, 0), transfer);
      return typeof edit?.insertText === 'string' ? edit.insertText : edit?.insertText.value;
    }),
    vscode.commands.registerCommand('jekyllAuthor._dropInOutline', async (source: string, target: string) => {
      const nodes = await allNodes(outline, await outline.roots());
      const find = (uri: string) => nodes.find((node) => node.kind === 'page' && vscode.Uri.parse(node.item.uri).fsPath === vscode.Uri.parse(uri).fsPath);
      const [from, to] = [find(source), find(target)];
      return from && to ? outline.move(from, to) : 'not in the outline';
    }),
  );
}

interface OutlineDescription { label: string; children: OutlineDescription[] }

async function describeOutline(outline: SiteOutlineProvider, nodes: OutlineNode[]): Promise<OutlineDescription[]> {
  return Promise.all(nodes.map(async (node) => ({
    label: String(outline.getTreeItem(node).label), children: await describeOutline(outline, await outline.getChildren(node)),
  })));
}

async function allNodes(outline: SiteOutlineProvider, nodes: OutlineNode[]): Promise<OutlineNode[]> {
  const out: OutlineNode[] = [];
  for (const node of nodes) out.push(node, ...await allNodes(outline, await outline.getChildren(node)));
  return out;
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  servers?.retire();
  client = undefined;
}
