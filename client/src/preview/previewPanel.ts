import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewBody, PreviewPage } from '../../../server/src/lsp/preview-protocol';
import { previewDocument, previewPatch, previewRender, problemsOnlyPage, type ContentOptions } from './document';
import { pageWithBody, type ContentSlot } from './slot';
import type { Repaint } from '../timings';
import type { FromWebview, PreviewContent, ToWebview } from './messages';
import { createNonce, sitePathOf } from './security';

/**
 * Asks the language server to render a page (the `jekyllAuthor/renderPreview` request); given the shell
 * of the last render the panel holds, the answer may be the body alone.
 */
export type RenderPage = (resource: vscode.Uri, shell: string | undefined, token: vscode.CancellationToken) => Promise<PreviewPage | PreviewBody>;

/** What the last render of a panel gave, for the extension-host tests. */
export interface RenderRecord {
  resource: string;
  title: string;
  body: string;
  /** From sending the request to having the answer. */
  roundTripMs: number;
  /** The panel's number for it (a repaint of this render or a later one has at least this `version`). */
  version: number;
}

/** What a panel needs from the manager. */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  render: RenderPage;
  didRender(record: RenderRecord): void;
  /** The webview painted a render, `changeToPaintMs` after the change that asked for it. */
  didRepaint(repaint: Repaint): void;
  /** The webview's script ran (it reports each load of the HTML). */
  didLoadWebview(): void;
  revealLine(resource: vscode.Uri, line: number): void;
  /** Whether the preview may load remote resources (web fonts, images) for this page. */
  allowsRemote(resource: vscode.Uri): boolean;
  /** The page left out remote resources: ask, once per workspace, whether to allow them. */
  remoteBlocked(count: number): void;
}

/**
 * One preview panel, showing one page. A new render is applied in place by the webview script
 * (no reload: no flicker, the scroll position holds); the HTML is set only for a new page or a new policy.
 */
export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private isDisposed = false;
  private nonce = createNonce();
  /** The number of the last render shown; the webview ignores anything older. */
  private version = 0;
  /** The page shown (a body-only render put in the last full one). */
  private page: PreviewPage | undefined;
  /** The page made ready for the webview; undefined after a patch, until a full update needs it. */
  private content: PreviewContent | undefined;
  /** Where the page's content sits, when a body-only render can replace it alone. */
  private slot: ContentSlot | undefined;
  /** The last full render the webview was given: patches apply to it. */
  private base = 0;
  /** False until the webview holds HTML for this page and policy; then renders are posted, not loaded. */
  private hasHtml = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: vscode.CancellationTokenSource | undefined;
  private renderAgain = false;
  /** When the oldest change not yet shown asked for a render. */
  private changedAt: number | undefined;
  /** The render posted to the webview and not yet reported painted. */
  private awaitingPaint: { version: number; changedAt: number; renderMs: number; contentMs: number; postedAt: number } | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    private locked: boolean,
    private readonly host: PanelHost,
    /** The source line to show at the top when the HTML loads. */
    private line?: number,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
    );
    this.updateTitle();
    this.requestRender(0);
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Whether a change to `uri` may change this page: the page itself, or any file of its site. */
  dependsOn(uri: vscode.Uri): boolean {
    if (uri.toString() === this.resourceUri.toString()) return true;
    if (!this.page?.siteRoot) return false;
    const relative = path.relative(vscode.Uri.parse(this.page.siteRoot).fsPath, uri.fsPath);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  setResource(resource: vscode.Uri, line?: number): void {
    if (resource.toString() === this.resourceUri.toString()) return;
    this.resourceUri = resource;
    this.line = line;
    this.hasHtml = false;
    this.updateTitle();
    this.requestRender(0);
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.updateTitle();
    this.post({ type: 'state', resource: this.resourceUri.toString(), locked: this.locked });
  }

  scrollToLine(line: number): void {
    this.line = line;
    if (this.hasHtml) this.post({ type: 'scrollToLine', line });
  }

  /** Loads the HTML again from the last render (the security policy or the settings changed). */
  reload(): void {
    this.nonce = createNonce();
    this.hasHtml = false;
    if (this.page) this.show(this.page);
  }

  /** Renders `delayMs` after the last call: typing renders once it pauses, not on every key. */
  requestRender(delayMs: number): void {
    this.changedAt ??= performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), delayMs);
  }

  private async render(): Promise<void> {
    // One request at a time; edits made meanwhile get one more render when it returns.
    if (this.inFlight) {
      this.renderAgain = true;
      return;
    }
    const resource = this.resourceUri;
    const cancellation = (this.inFlight = new vscode.CancellationTokenSource());
    const started = performance.now();
    // The change this render shows; one made while it is in flight belongs to the next render.
    const changedAt = this.changedAt;
    this.changedAt = undefined;
    const shell = this.hasHtml ? this.slot?.shell : undefined;
    let page: PreviewPage | PreviewBody;
    try {
      page = await this.host.render(resource, shell, cancellation.token);
    } catch (error) {
      const problem = { message: `The preview could not be rendered: ${error instanceof Error ? error.message : String(error)}` };
      // Keep what was shown, with the reason it is not current.
      page = this.page && this.hasHtml ? { ...this.page, problems: [problem] } : problemsOnlyPage(path.basename(resource.fsPath), [problem]);
    } finally {
      this.inFlight = undefined;
      cancellation.dispose();
    }
    if (this.isDisposed) return;
    const otherPage = resource.toString() !== this.resourceUri.toString();
    // A body for a shell the panel no longer holds: the whole page is rendered again.
    const staleBody = 'kind' in page && (page.shell !== this.slot?.shell || !this.page);
    if (otherPage || staleBody) {
      if (staleBody) this.slot = undefined;
      this.changedAt ??= changedAt;
      this.renderAgain = true;
    } else {
      const rendered = performance.now();
      const renderMs = Math.round(rendered - started);
      const body = 'kind' in page ? this.showBody(page) : this.show(page);
      const postedAt = performance.now();
      if (changedAt !== undefined) this.awaitingPaint = { version: this.version, changedAt, renderMs, contentMs: Math.round(postedAt - rendered), postedAt };
      this.host.didRender({ resource: resource.toString(), title: this.page!.title, body, roundTripMs: renderMs, version: this.version });
    }
    if (this.renderAgain) {
      this.renderAgain = false;
      void this.render();
    }
  }

  private contentOptions(page: PreviewPage): ContentOptions {
    const { webview } = this.panel;
    const siteRoot = page.siteRoot ? vscode.Uri.parse(page.siteRoot) : undefined;
    return {
      nonce: this.nonce,
      allowRemote: this.host.allowsRemote(this.resourceUri),
      resourceUri: (sitePath) => (siteRoot ? webview.asWebviewUri(vscode.Uri.joinPath(siteRoot, sitePath)).toString() : ''),
    };
  }

  /** The page shown, ready for the webview (made again after patches). */
  private fullContent(): PreviewContent {
    if (!this.content) ({ content: this.content, slot: this.slot } = previewRender(this.page!, this.contentOptions(this.page!)));
    return this.content;
  }

  /** Posts the whole page shown (the webview's copy is older or lacks the slot a patch was for). */
  private postFull(): void {
    this.base = this.version;
    this.post({ type: 'update', version: this.version, content: this.fullContent() });
  }

  /** Shows a body-only render: only the slot's children go to the webview when they parse alone as in the page. Returns the body posted. */
  private showBody(body: PreviewBody): string {
    const page = pageWithBody(this.page!, this.slot!, body);
    const patch = this.hasHtml ? previewPatch(page, this.slot!, body, this.contentOptions(page)) : undefined;
    if (!patch) return this.show(page);
    this.page = page;
    this.content = undefined;
    this.version++;
    if (patch.remoteBlocked > 0) this.host.remoteBlocked(patch.remoteBlocked);
    this.post({ type: 'patch', version: this.version, base: this.base, patch });
    return patch.banner + patch.slot;
  }

  /** Shows a full render; returns the body posted. */
  private show(page: PreviewPage): string {
    this.page = page;
    this.version++;
    this.content = undefined;
    const { webview } = this.panel;
    const siteRoot = page.siteRoot ? vscode.Uri.parse(page.siteRoot) : undefined;
    const content = this.fullContent();
    if (content.remoteBlocked > 0) this.host.remoteBlocked(content.remoteBlocked);
    if (this.hasHtml) {
      this.postFull();
      return content.body;
    }
    const allowRemote = this.host.allowsRemote(this.resourceUri);
    webview.options = webviewOptions(this.host.extensionUri, siteRoot);
    webview.html = previewDocument(content, {
      nonce: this.nonce,
      cspSource: webview.cspSource,
      allowRemote,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'preview', 'index.js')).toString(),
      settings: { resource: this.resourceUri.toString(), locked: this.locked, line: this.line, version: this.version },
    });
    this.hasHtml = true;
    this.base = this.version;
    return content.body;
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'loaded':
        this.host.didLoadWebview();
        // A webview hidden and shown again reloads the HTML it was first given: bring it up to date.
        if (message.version < this.version && this.page) this.postFull();
        break;
      case 'stale':
        if (this.page) this.postFull();
        break;
      case 'painted':
        if (this.awaitingPaint && message.version >= this.awaitingPaint.version) {
          const { version, changedAt, renderMs, contentMs, postedAt } = this.awaitingPaint;
          const now = performance.now();
          // The webview's clock is the browser's: trusted when it falls between the post and the report
          // (a browser on another machine may be off), else the report's arrival stands for the paint.
          const reported = message.paintedAt - performance.timeOrigin;
          const paintedAt = reported >= postedAt && reported <= now ? reported : now;
          const received = message.receivedAt - performance.timeOrigin;
          this.host.didRepaint({
            changeToPaintMs: Math.round(paintedAt - changedAt), renderMs, contentMs, webviewMs: Math.round(paintedAt - postedAt),
            deliveryMs: received >= postedAt && received <= paintedAt ? Math.round(received - postedAt) : undefined,
            applyMs: Math.round(message.applyMs), reportMs: Math.round(now - paintedAt), paintedAt, version,
          });
          this.awaitingPaint = undefined;
        }
        break;
      case 'revealLine':
        this.host.revealLine(this.resourceUri, message.line);
        break;
      case 'openLink':
        void this.openLink(message.href, message.source);
        break;
      case 'openExternal':
        if (/^(?:https?|mailto):/i.test(message.href)) void vscode.env.openExternal(vscode.Uri.parse(message.href));
        break;
      case 'openProblem': {
        const root = this.page?.siteRoot ? vscode.Uri.parse(this.page.siteRoot) : undefined;
        const file = message.file && root ? vscode.Uri.joinPath(root, message.file) : this.resourceUri;
        const position = new vscode.Position(message.line ?? 0, 0);
        void vscode.window.showTextDocument(file, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
        break;
      }
    }
  }

  /** A link to the site: that page's preview here (its source with Ctrl/Cmd); another file of the site opens in VS Code. */
  private async openLink(href: string, source: boolean): Promise<void> {
    const page = this.page;
    if (!page?.siteRoot) return;
    const sitePath = sitePathOf(href, { baseurl: page.baseurl, baseUrl: page.url || '/' });
    if (sitePath === undefined) return;
    const root = vscode.Uri.parse(page.siteRoot);
    const relPath = pageAt(page.pages ?? {}, sitePath);
    if (relPath === undefined) {
      const file = vscode.Uri.joinPath(root, sitePath);
      try {
        await vscode.workspace.fs.stat(file);
        await vscode.commands.executeCommand('vscode.open', file, vscode.ViewColumn.One);
      } catch {
        void vscode.window.showInformationMessage(`${sitePath} is not a page or file of this site.`);
      }
      return;
    }
    const target = vscode.Uri.joinPath(root, relPath);
    if (source) await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One });
    else this.setResource(target);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    const name = path.basename(this.resourceUri.fsPath);
    this.panel.title = this.locked ? `[Preview] ${name}` : `Preview ${name}`;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.timer);
    this.inFlight?.cancel();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The page a built-site path names: `/a/` is `/a/index.html`, `/a` may be `/a.html` or `/a/`. */
export function pageAt(pages: Record<string, string>, sitePath: string): string | undefined {
  const candidates = [sitePath, sitePath.replace(/index\.html$/, ''), `${sitePath}.html`, `${sitePath}/`, sitePath.replace(/\.html$/, '/')];
  for (const candidate of candidates) if (pages[candidate] !== undefined) return pages[candidate];
  return undefined;
}

/** Scripts on (only ours pass the policy), no forms or command links; files from the extension's script folder and the site. */
export function webviewOptions(extensionUri: vscode.Uri, siteRoot?: vscode.Uri): vscode.WebviewOptions {
  const folders = vscode.workspace.workspaceFolders?.map((folder) => folder.uri) ?? [];
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'preview'), ...(siteRoot ? [siteRoot] : folders)],
  };
}
