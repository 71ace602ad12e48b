// The preview webview in a real browser (headless Chromium through playwright-core): documents built
// by the extension's own code, served the way a webview serves them (one origin for the page's files
// and the extension's script), with VS Code's `acquireVsCodeApi` stood in for.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { previewContent, previewDocument } from '../../client/src/preview/document';
import type { PreviewContent, ToWebview } from '../../client/src/preview/messages';
import { createNonce } from '../../client/src/preview/security';
import type { PreviewPage } from '../../server/src/lsp/preview-protocol';
import { EXAMPLE_SITE } from './site';

// The callbacks given to page.evaluate run in the browser; the test project has no DOM types.
declare const window: any;

export const REPO = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const SCRIPT = path.join(REPO, 'dist', 'preview', 'index.js');

/** Why the browser tests cannot run here, or false when they can. */
export const browserMissing: string | false = !fs.existsSync(CHROMIUM) ? `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  : !fs.existsSync(SCRIPT) ? `${path.relative(REPO, SCRIPT)} is missing: run "npm run build"` : false;

/** An HTTP server on 127.0.0.1 at a port of its own, so a separate origin. */
export class LocalServer {
  private readonly server: http.Server;

  constructor(handle: (pathname: string, response: http.ServerResponse) => void) {
    this.server = http.createServer((request, response) => handle(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname), response));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.svg': 'image/svg+xml', '.css': 'text/css', '.html': 'text/html' };

/** Serves documents at `/<name>.html`, the site's files under `/site/`, the preview script at `/ext/index.js`. */
class WebviewOrigin extends LocalServer {
  readonly documents = new Map<string, string>();

  constructor(siteRoot: string) {
    super((pathname, response) => {
      let body: string | Buffer | undefined;
      let file = pathname;
      // A browser tab asks for a favicon; a webview does not.
      if (pathname === '/favicon.ico') return void response.writeHead(204).end();
      if (this.documents.has(pathname)) body = this.documents.get(pathname);
      else if (pathname === '/ext/index.js') body = fs.readFileSync((file = SCRIPT));
      else if (pathname.startsWith('/site/')) {
        file = path.join(siteRoot, pathname.slice('/site/'.length));
        if (file.startsWith(siteRoot) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
      }
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body ?? 'not found');
    });
  }
}

export interface OpenedPreview {
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  content: PreviewContent;
  nonce: string;
}

/** Chromium with a webview origin: opens rendered pages as the preview shows them. */
export class PreviewBrowser {
  private constructor(readonly origin: WebviewOrigin, private readonly context: BrowserContext, private readonly profile: string) {}

  /** Starts the origin (serving the files of `siteRoot`) and the browser. */
  static async launch(siteRoot = EXAMPLE_SITE): Promise<PreviewBrowser> {
    const origin = new WebviewOrigin(siteRoot);
    await origin.start();
    const { chromium } = await import('playwright-core');
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-preview-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 800 },
    });
    return new PreviewBrowser(origin, context, profile);
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.origin.stop();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  /**
   * Builds the webview document for `preview` (optionally changing its sanitized content) and opens it
   * as a webview would: with remote resources allowed or not, `beforeLoad` run on the page before it loads.
   */
  async open(
    name: string, preview: PreviewPage, change?: (content: PreviewContent, nonce: string) => PreviewContent,
    { allowRemote = false, beforeLoad }: { allowRemote?: boolean; beforeLoad?: (page: Page) => Promise<void> } = {},
  ): Promise<OpenedPreview> {
    const nonce = createNonce();
    const options = { nonce, allowRemote, resourceUri: (sitePath: string) => `${this.origin.origin}/site${sitePath}` };
    const sanitized = previewContent(preview, options);
    const content = change ? change(sanitized, nonce) : sanitized;
    this.origin.documents.set(`/${name}.html`, previewDocument(content, {
      ...options, cspSource: this.origin.origin, scriptUri: `${this.origin.origin}/ext/index.js`,
      settings: { resource: `file:///site/${name}.md`, locked: false, version: 1 },
    }));
    const page = await this.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    // What VS Code gives a webview: acquireVsCodeApi, here recording what the preview posts and keeps.
    await page.addInitScript(() => {
      const win = window as { posted: unknown[]; kept: unknown; acquireVsCodeApi: () => unknown };
      win.posted = [];
      win.acquireVsCodeApi = () => ({
        postMessage: (message: unknown) => win.posted.push(message),
        getState: () => win.kept,
        setState: (state: unknown) => { win.kept = state; },
      });
    });
    await beforeLoad?.(page);
    await page.goto(`${this.origin.origin}/${name}.html`);
    await page.waitForFunction(() => (window as { posted: { type: string }[] }).posted.some((m) => m.type === 'loaded'));
    return { page, errors, content, nonce };
  }
}

/** Posts a message to the preview, as the extension does. */
export const sendToPreview = (page: Page, message: ToWebview) => page.evaluate((m) => window.postMessage(m, '*'), message);
