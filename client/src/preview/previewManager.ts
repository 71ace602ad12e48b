import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  RENDER_PREVIEW_METHOD, type PreviewBody, type PreviewPage, type RenderPreviewParams,
} from '../../../server/src/lsp/preview-protocol';
import { PREVIEW_VIEW_TYPE, type PreviewState } from './messages';
import { PanelHost, PreviewPanel, RenderPage, RenderRecord, webviewOptions } from './previewPanel';
import type { Repaint, Timings } from '../timings';
import { RemoteResources } from './remoteResources';
import { EditorScrollSync } from './scrollSync';
import type { SitePages } from './sitePages';

/**
 * No wait after a keystroke (the issue asks for a repaint within 50 ms): a panel renders one page at a
 * time, and the keystrokes typed meanwhile get one render when it returns.
 */
const EDIT_DELAY_MS = 0;
/**
 * Quiet time after a file changes on disk: the language client forwards file events to the server
 * after 250 ms, and the render must come after the server has read the change.
 */
const FILE_DELAY_MS = 350;
/** What Jekyll and git write in a site folder: no reason to render again. */
const BUILD_OUTPUT = /\/(?:_site|\.jekyll-cache|\.git|node_modules)\//;
/** Set while a preview panel is the active editor: "Toggle Preview Lock" applies to it. */
const PREVIEW_FOCUS_CONTEXT_KEY = 'jekyllAuthor.previewFocus';

/**
 * The preview's code, loaded on the first preview (client/src/preview/register.ts): a manager whose
 * renders go through the language server.
 */
export function createPreviewManager(
  context: vscode.ExtensionContext, client: () => LanguageClient | undefined, sitePages: SitePages, timings: Timings,
): PreviewManager {
  const render: RenderPage = async (resource, shell, token) => {
    const current = client();
    if (!current) throw new Error('the language server is not running');
    const params: RenderPreviewParams = { uri: current.code2ProtocolConverter.asUri(resource), shell };
    return current.sendRequest<PreviewPage | PreviewBody>(RENDER_PREVIEW_METHOD, params, token);
  };
  return new PreviewManager(context.extensionUri, render, context.workspaceState, sitePages, timings);
}

/**
 * The preview panels: at most one "dynamic" preview that follows the active editor, and any number of
 * locked ones that stay on their page. Every panel renders again when anything in its site changes:
 * a page's section menu reads the other pages' titles, weights and parents, and its layout, includes,
 * `_config.yml` and styles are files of the site too.
 */
export class PreviewManager implements vscode.Disposable, PanelHost {
  private readonly panels = new Set<PreviewPanel>();
  private lastRender: RenderRecord | undefined;
  private webviewLoads = 0;
  private readonly scrollSync = new EditorScrollSync((resource, line) => {
    for (const panel of this.panels) if (panel.resource.toString() === resource.toString()) panel.scrollToLine(line);
  });
  private readonly disposables: vscode.Disposable[] = [];
  private readonly remote: RemoteResources;

  constructor(
    readonly extensionUri: vscode.Uri, readonly render: RenderPage, workspaceState: vscode.Memento,
    private readonly sitePages: SitePages, private readonly timings: Timings,
  ) {
    this.remote = new RemoteResources(
      workspaceState,
      async (question) => (await vscode.window.showInformationMessage(question, 'Allow', 'Not now')) === 'Allow',
      () => { for (const panel of this.panels) panel.reload(); },
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const fileChanged = (uri: vscode.Uri) => {
      if (!BUILD_OUTPUT.test(uri.path)) this.renderPanelsDependingOn(uri, FILE_DELAY_MS);
    };
    this.disposables.push(
      this.scrollSync,
      watcher, watcher.onDidChange(fileChanged), watcher.onDidCreate(fileChanged), watcher.onDidDelete(fileChanged),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.renderPanelsDependingOn(event.document.uri, EDIT_DELAY_MS);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('jekyllAuthor.preview')) for (const panel of this.panels) panel.reload();
      }),
    );
  }

  /** What the last render showed (for the extension-host tests). */
  lastRenderRecord(): (RenderRecord & { webviewLoads: number }) | undefined {
    return this.lastRender && { ...this.lastRender, webviewLoads: this.webviewLoads };
  }

  /** Brings back a preview VS Code restored with the window. */
  revive(panel: vscode.WebviewPanel, state: PreviewState | undefined): void {
    if (!state?.resource) {
      panel.dispose();
      return;
    }
    this.adopt(new PreviewPanel(panel, vscode.Uri.parse(state.resource), state.locked, this, state.line));
  }

  toggleLock(): void {
    this.activePanel()?.toggleLock();
  }

  didRender(record: RenderRecord): void {
    this.lastRender = record;
  }

  didRepaint(repaint: Repaint): void {
    this.timings.repainted(repaint);
  }

  didLoadWebview(): void {
    this.webviewLoads++;
  }

  revealLine(resource: vscode.Uri, line: number): void {
    void this.scrollSync.revealLine(resource, line);
  }

  allowsRemote(resource: vscode.Uri): boolean {
    return this.remote.allows(vscode.workspace.getConfiguration('jekyllAuthor.preview', resource).get<boolean>('allowRemoteResources', false));
  }

  remoteBlocked(count: number): void {
    this.remote.blocked(count);
  }

  async show(uri: vscode.Uri | undefined, placement: { viewColumn: vscode.ViewColumn; preserveFocus: boolean }): Promise<void> {
    const resource = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!resource) {
      void vscode.window.showInformationMessage('Open a page of the Jekyll site to preview it.');
      return;
    }
    const panels = [...this.panels];
    const locked = panels.find((panel) => panel.isLocked && panel.resource.toString() === resource.toString());
    const dynamic = panels.find((panel) => !panel.isLocked);
    const line = this.scrollSync.topLine(resource);
    if (locked ?? dynamic) {
      const panel = (locked ?? dynamic)!;
      panel.setResource(resource, line);
      panel.panel.reveal(panel.panel.viewColumn, placement.preserveFocus);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', placement, webviewOptions(this.extensionUri));
    this.adopt(new PreviewPanel(webviewPanel, resource, false, this, line));
  }

  private activePanel(): PreviewPanel | undefined {
    return [...this.panels].find((panel) => panel.panel.active);
  }

  private adopt(panel: PreviewPanel): void {
    this.panels.add(panel);
    const updateFocus = () => vscode.commands.executeCommand('setContext', PREVIEW_FOCUS_CONTEXT_KEY, this.activePanel() !== undefined);
    void updateFocus();
    const viewState = panel.panel.onDidChangeViewState(updateFocus);
    panel.onDidDispose(() => {
      viewState.dispose();
      this.panels.delete(panel);
      void updateFocus();
    });
  }

  /** The unlocked preview shows the page of the active editor. */
  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    const dynamic = [...this.panels].find((panel) => !panel.isLocked);
    if (!editor || !dynamic || !(await this.sitePages.isSitePage(editor.document))) return;
    dynamic.setResource(editor.document.uri, editor.visibleRanges[0]?.start.line);
  }

  private renderPanelsDependingOn(uri: vscode.Uri, delayMs: number): void {
    for (const panel of this.panels) if (panel.dependsOn(uri)) panel.requestRender(delayMs);
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
