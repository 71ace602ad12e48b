// The preview shows whatever a page carries, so a page must not run code in it or make it fetch
// anything from elsewhere (which would tell a server that the author opened it). Hostile pages,
// rendered by the real renderer, are opened in headless Chromium as the webview shows them: sanitized,
// with the sanitizer bypassed (the Content Security Policy alone), and as an update of an open preview.
// A local HTTP server stands for every remote origin and counts what reaches it; what would run sets
// a flag on the window.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PreviewContent } from '../../client/src/preview/messages';
import type { PreviewPage } from '../../server/src/lsp/preview-protocol';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { browserMissing, LocalServer, PreviewBrowser, sendToPreview } from '../helpers/webview';

declare const window: any, document: any;

const skip = browserMissing;
if (skip) console.log(`# skipping the preview security tests: ${skip}`);

/** Script that records that it ran, on the top window. */
const ran = (name: string) => `(top.ran = top.ran || []).push('${name}')`;

/** Every request that reaches the "remote" server, by path. */
const reached: string[] = [];
const remote = new LocalServer((pathname, response) => {
  reached.push(pathname);
  // Real payloads: were they loaded, they would run or show.
  const body = pathname.endsWith('.js') ? ran(`remote ${pathname}`) : pathname.endsWith('.css') ? 'body { background: red }' : '<p>remote</p>';
  response.writeHead(200, { 'content-type': pathname.endsWith('.js') ? 'text/javascript' : pathname.endsWith('.css') ? 'text/css' : 'text/html' }).end(body);
});

/** A site whose layout and page carry everything a page may try; `R` stands for the remote origin. */
function hostileSite(R: string): string {
  return writeTempSite({
    '_config.yml': 'title: Hostile\n',
    '_layouts/hostile.html': `<!DOCTYPE html>
<html>
<head>
<base href="${R}/base/">
<meta http-equiv="refresh" content="0;url=${R}/head-refresh">
<link rel="stylesheet" href="${R}/remote.css">
<link rel="stylesheet" href="//${R.replace(/^http:\/\//, '')}/protocol-relative.css">
<link rel="stylesheet" href="/assets/site.css">
<link rel="preload" as="image" href="${R}/preload.png">
<link rel="icon" href="${R}/icon.png">
<script src="${R}/head-script.js"></script>
<script>${ran('head script')}</script>
<style>@import "${R}/style-import.css"; p { background-image: url(${R}/style-background.png) }</style>
</head>
<body onload="${ran('body onload')}">
{{ content }}
</body>
</html>
`,
    'assets/site.scss': `---\n---\n@import url("${R}/sass-import.css");\n@font-face { font-family: x; src: url(${R}/font.woff); }\nbody { background: url("${R}/sass-background.png"); }\n`,
    'hostile.html': `---
layout: hostile
title: Hostile
---
<p id="shown">Hostile page</p>
<script>${ran('script')}</script>
<script src="${R}/body-script.js"></script>
<img src="${R}/image.png">
<img src="/no-such-image.png" onerror="${ran('img onerror')}">
<img srcset="${R}/srcset.png 2x">
<input type="image" src="${R}/input.png">
<video src="${R}/video.mp4" poster="${R}/poster.png"></video>
<audio src="${R}/audio.mp3" autoplay></audio>
<a id="js-link" href="javascript:${ran('javascript link')}">link</a>
<a id="js-link-hidden" href=" jav&#x09;ascript:${ran('obfuscated javascript link')}">hidden scheme</a>
<svg width="100" height="40"><a id="svg-link" href="javascript:${ran('svg link')}"><text y="20">svg link</text></a>
<script>${ran('svg script')}</script><image href="${R}/svg-image.png" width="10" height="10"/></svg>
<svg onload="${ran('svg onload')}"></svg>
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' onload='${ran('svg image')}'/%3E">
<iframe src="${R}/frame.html"></iframe>
<iframe srcdoc="<script>${ran('srcdoc')}</script>"></iframe>
<meta http-equiv="refresh" content="0;url=${R}/body-refresh">
<object data="${R}/object.svg"></object>
<embed src="${R}/embed.svg">
<form action="${R}/form"><button id="form-submit">send</button></form>
<form action="javascript:${ran('form action')}"><button id="js-form-submit">send</button></form>
<button id="formaction" form="none" formaction="${R}/formaction">send</button>
<div style="background: url(${R}/inline-style.png); width: 10px; height: 10px"></div>
<img src="relative.png">
`,
  });
}

let browser: PreviewBrowser;
let hostile: PreviewPage;

before(async () => {
  if (skip) return;
  await remote.start();
  const site = Site.load(hostileSite(remote.origin));
  hostile = { ...(await renderPage(site, 'hostile.html')), siteRoot: '', baseurl: '', url: '/hostile.html' };
  browser = await PreviewBrowser.launch(site.root);
});

after(async () => {
  await browser?.close();
  await remote.stop();
});

/** What the page would do if it could: click every link and submit button, then give loads time to start. */
async function interact(page: Page): Promise<void> {
  // Clicks dispatched in the page, all at once: playwright's own would wait for the navigation each starts, which the policy blocks.
  await page.evaluate((ids) => {
    for (const id of ids) document.getElementById(id)?.dispatchEvent(new window.MouseEvent('click', { bubbles: true, cancelable: true }));
  }, ['js-link', 'js-link-hidden', 'svg-link', 'form-submit', 'js-form-submit', 'formaction']);
  // Waiting, not timing: a refresh, a load or a navigation this starts has long reached the server by then.
  await page.waitForTimeout(500);
}

/** Nothing ran, nothing reached the remote server, and the preview is still the page it opened. */
async function assertContained(page: Page, url: string): Promise<void> {
  assert.equal(page.url(), url, 'the preview did not navigate');
  assert.deepEqual(await page.evaluate(() => window.ran), undefined, 'no script of the page ran');
  assert.deepEqual(reached, [], 'no request reached the remote origin');
  assert.equal(await page.locator('#shown').isVisible(), true, 'the page itself shows');
}

/** The page's own head and body, as the renderer wrote them, without the refresh the policy cannot stop (only the sanitizer does). */
function unsanitized(html: string): Pick<PreviewContent, 'head' | 'body'> {
  const part = (tag: string) => (new RegExp(`<${tag}[^>]*>([\\s\\S]*)</${tag}>`).exec(html)?.[1] ?? '').replace(/<meta http-equiv="refresh"[^>]*>/g, '');
  return { head: part('head'), body: part('body') };
}

test('a hostile page runs nothing and loads nothing remote in the preview', { skip }, async () => {
  reached.length = 0;
  const { page, content } = await browser.open('hostile', hostile);
  assert.doesNotMatch(content.head + content.body, /<script|<iframe|<object|<embed|<base|http-equiv|onerror|javascript:/i);
  assert.ok(content.remoteBlocked > 0, 'the remote resources left out are counted, for the once-per-workspace question');
  await interact(page);
  await assertContained(page, `${browser.origin.origin}/hostile.html`);
  await page.close();
});

test('…and nothing either when both sanitizers are bypassed: the policy alone stops it', { skip }, async () => {
  reached.length = 0;
  const { page, errors } = await browser.open('hostile-raw', { ...hostile, html: '<p>empty</p>', stylesheets: [] });
  // Past the extension's sanitizer and the webview's (DOMPurify), straight into the live document.
  await page.evaluate(({ head, body }) => {
    document.head.insertAdjacentHTML('beforeend', head);
    document.body.innerHTML = body;
  }, unsanitized(hostile.html));
  await interact(page);
  await assertContained(page, `${browser.origin.origin}/hostile-raw.html`);
  assert.ok(errors.some((error) => /Content Security Policy/.test(error)), `the policy refused things: ${JSON.stringify(errors)}`);
  await page.close();
});

test('…and nothing when it arrives as an update of an open preview, through one sanitizer or both', { skip }, async () => {
  const benign: PreviewPage = { ...hostile, html: '<p id="benign">Benign</p>', stylesheets: [] };
  for (const sanitized of [true, false]) {
    reached.length = 0;
    const name = sanitized ? 'update' : 'update-raw';
    const { page, content } = await browser.open(name, benign);
    const update = await browser.open(`${name}-content`, hostile);
    await update.page.close();
    reached.length = 0;
    const next = sanitized ? update.content : { ...content, ...unsanitized(hostile.html) };
    await sendToPreview(page, { type: 'update', version: 2, content: next });
    await page.waitForFunction(() => document.querySelector('#shown') !== null);
    await interact(page);
    await assertContained(page, `${browser.origin.origin}/${name}.html`);
    await page.close();
  }
});

test('the checks above would see a breach: a refresh left in reaches the remote server, a script with the nonce sets its flag', { skip }, async () => {
  reached.length = 0;
  const { page, nonce } = await browser.open('control', hostile);
  // Put in past both sanitizers, as a breach would be.
  await page.evaluate(({ nonce, script, refresh }) => {
    const element = document.createElement('script');
    element.nonce = nonce;
    element.textContent = script;
    document.body.append(element);
    const meta = document.createElement('meta');
    meta.httpEquiv = 'refresh';
    meta.content = refresh;
    document.head.append(meta);
  }, { nonce, script: ran('control'), refresh: `1;url=${remote.origin}/control-refresh` });
  assert.deepEqual(await page.evaluate(() => window.ran), ['control']);
  await page.waitForURL(`${remote.origin}/control-refresh`);
  assert.ok(reached.includes('/control-refresh'), JSON.stringify(reached));
  await page.close();
});
