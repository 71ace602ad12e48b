// The preview document in a real browser (headless Chromium through playwright-core): the example
// site's research page as the renderer writes it, with its compiled CSS, served the way a webview
// serves it (one origin for the page's files and the extension's script), and pages carrying
// hostile content, sanitized and not. Screenshots go to test-artifacts/preview/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { previewContent, previewDocument } from '../../client/src/preview/document';
import type { PreviewContent, ToWebview } from '../../client/src/preview/messages';
import { createNonce } from '../../client/src/preview/security';
import { renderPage } from '../../server/src/render/page';
import type { PreviewPage } from '../../server/src/lsp/preview-protocol';
import { Site } from '../../server/src/site/site';
import { EXAMPLE_SITE } from '../helpers/site';

// The callbacks given to page.evaluate run in the browser; the test project has no DOM types.
declare const window: any, document: any, getComputedStyle: any;

const REPO = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const SCRIPT = path.join(REPO, 'dist', 'preview', 'index.js');
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'preview');
const skip = !fs.existsSync(CHROMIUM) ? `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  : !fs.existsSync(SCRIPT) ? `${path.relative(REPO, SCRIPT)} is missing: run "npm run build"` : false;
if (skip) console.log(`# skipping the browser tests: ${skip}`);

const HOSTILE = '<p id="hostile" data-line="1">Hostile</p><script>window.injected = "script"</script>'
  + '<img id="bad-image" src="/no-such-image.png" onerror="window.injected = \'onerror\'">'
  + '<a id="js-link" href="javascript:window.injected = \'link\'">link</a>'
  + '<svg><a id="svg-link" href="javascript:window.injected = \'svg\'"><text y="20">svg</text></a></svg>'
  + '<iframe srcdoc="<script>parent.injected = \'iframe\'</script>"></iframe>';

/** Serves documents at `/<name>.html`, the site's files under `/site/`, the preview script at `/ext/index.js`. */
class WebviewOrigin {
  readonly documents = new Map<string, string>();
  private server = http.createServer((request, response) => this.serve(request.url ?? '/', response));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(url: string, response: http.ServerResponse): void {
    const pathname = decodeURIComponent(new URL(url, this.origin).pathname);
    const type = (file: string) => ({ '.js': 'text/javascript', '.svg': 'image/svg+xml', '.css': 'text/css', '.html': 'text/html' })[path.extname(file)] ?? 'application/octet-stream';
    let body: string | Buffer | undefined;
    let file = pathname;
    // A browser tab asks for a favicon; a webview does not.
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    if (this.documents.has(pathname)) body = this.documents.get(pathname);
    else if (pathname === '/ext/index.js') body = fs.readFileSync((file = SCRIPT));
    else if (pathname.startsWith('/site/')) {
      file = path.join(EXAMPLE_SITE, pathname.slice('/site/'.length));
      if (file.startsWith(EXAMPLE_SITE) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    }
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': type(file) }).end(body ?? 'not found');
  }
}

let origin: WebviewOrigin;
let browser: BrowserContext;
let profile: string;
let research: PreviewPage;

before(async () => {
  if (skip) return;
  origin = new WebviewOrigin();
  await origin.start();
  const site = Site.load(EXAMPLE_SITE);
  const started = performance.now();
  const rendered = await renderPage(site, 'research.md', { sourceLines: true });
  console.log(`# [timing] renderPage(research.md) in-process: ${(performance.now() - started).toFixed(0)} ms (cold)`);
  research = { ...rendered, siteRoot: '', baseurl: site.config.baseurl, url: site.pages.get('research.md')!.url };
  const { chromium } = await import('playwright-core');
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-preview-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 800 },
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await origin?.stop();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  content: PreviewContent;
  nonce: string;
}

/** Builds the webview document for `preview` (optionally changing its sanitized content) and opens it as a webview would. */
async function open(name: string, preview: PreviewPage, change?: (content: PreviewContent) => PreviewContent): Promise<Opened> {
  const nonce = createNonce();
  const options = { nonce, allowRemote: false, resourceUri: (sitePath: string) => `${origin.origin}/site${sitePath}` };
  const sanitized = previewContent(preview, options);
  const content = change ? change(sanitized) : sanitized;
  origin.documents.set(`/${name}.html`, previewDocument(content, {
    ...options, cspSource: origin.origin, scriptUri: `${origin.origin}/ext/index.js`,
    settings: { resource: `file:///site/${name}.md`, locked: false, version: 1 },
  }));
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  // What VS Code gives a webview: acquireVsCodeApi, here recording what the preview posts and keeps.
  await page.addInitScript(() => {
    const win = window as unknown as { posted: unknown[]; kept: unknown; acquireVsCodeApi: () => unknown };
    win.posted = [];
    win.acquireVsCodeApi = () => ({
      postMessage: (message: unknown) => win.posted.push(message),
      getState: () => win.kept,
      setState: (state: unknown) => { win.kept = state; },
    });
  });
  await page.goto(`${origin.origin}/${name}.html`);
  await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'loaded'));
  return { page, errors, content, nonce };
}

const send = (page: Page, message: ToWebview) => page.evaluate((m) => window.postMessage(m, '*'), message);

test('the research page shows its intro box, styled, and its section menu, with no console errors', { skip }, async () => {
  const { page, errors } = await open('research', research);
  const intro = page.locator('#intro-wrapper');
  assert.equal(await intro.isVisible(), true);
  assert.equal(await intro.evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(0, 162, 173)');
  const items = await page.locator('ul.section-menu li').allTextContents();
  assert.ok(items.length >= 3, `the menu lists the section's pages: ${JSON.stringify(items)}`);
  assert.equal(await page.locator('img.sidebar__image').evaluate((image) => image.complete && image.naturalWidth > 0), true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'research.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a new render is applied in place: changed text, same elements, same scroll position', { skip }, async () => {
  const { page, errors, content, nonce } = await open('research-update', research);
  await page.setViewportSize({ width: 1200, height: 400 });
  await page.evaluate(() => {
    (document.querySelector('#intro-wrapper') as unknown as { kept: boolean }).kept = true;
    window.scrollTo(0, 300);
  });
  const paragraph = /<p data-line="(\d+)">Projects were chosen/.exec(content.body);
  assert.ok(paragraph, 'the first paragraph carries its source line');
  const started = performance.now();
  await send(page, { type: 'update', version: 2, content: { ...content, body: content.body.replace('Projects were chosen', 'Projects were picked') } });
  await page.waitForFunction(() => document.body.textContent!.includes('Projects were picked'));
  const morphMs = performance.now() - started;
  assert.equal(await page.evaluate(() => (document.querySelector('#intro-wrapper') as unknown as { kept?: boolean }).kept), true, 'the intro box is the same element');
  assert.equal(await page.evaluate(() => window.scrollY), 300);
  assert.equal(await page.locator('#intro-wrapper').evaluate((element) => getComputedStyle(element).backgroundColor), 'rgb(0, 162, 173)');
  console.log(`# [timing] update message to DOM in place: ${morphMs.toFixed(0)} ms (includes the test's own round trips)`);
  assert.match(nonce, /^[0-9a-f]{32}$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('scroll sync: the editor\'s line scrolls the preview; a double click posts the clicked line', { skip }, async () => {
  const { page } = await open('research-scroll', research);
  await page.setViewportSize({ width: 1200, height: 300 });
  const target = page.locator('[data-line]').last();
  const line = Number(await target.getAttribute('data-line'));
  await send(page, { type: 'scrollToLine', line });
  await page.waitForFunction(() => window.scrollY > 0);
  const top = await target.evaluate((element) => element.getBoundingClientRect().top);
  assert.ok(Math.abs(top) <= 16, `the element of line ${line} is at the top (${top}px)`);
  await target.dblclick();
  const posted = await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
  assert.deepEqual(posted.at(-1), { type: 'revealLine', line });
  assert.equal(await page.evaluate(() => (window as unknown as { kept: { line?: number } }).kept.line), line);
  await page.close();
});

test('a page\'s <script>, onerror and javascript: links never run: removed by the sanitizer', { skip }, async () => {
  const { page, content } = await open('hostile', { ...research, html: HOSTILE });
  assert.doesNotMatch(content.body, /<script|onerror|javascript:|<iframe/);
  await page.locator('#js-link').click();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (window as unknown as { injected?: string }).injected), undefined);
  assert.equal(await page.locator('#hostile').isVisible(), true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'hostile.png') });
  await page.close();
});

test('…and by the policy alone, when the sanitizer is bypassed', { skip }, async () => {
  const { page, errors } = await open('hostile-raw', { ...research, html: HOSTILE }, (content) => ({ ...content, body: HOSTILE }));
  await page.locator('#js-link').click();
  await page.locator('#svg-link').click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => (window as unknown as { injected?: string }).injected), undefined);
  assert.ok(errors.some((error) => /Content Security Policy/.test(error)), `the policy refused the inline code: ${JSON.stringify(errors)}`);
  await page.close();
});
