// A body-only render applied to the preview (the slot's children replaced, client/src/preview/slot.ts)
// gives the same page as the full render, in Chromium: over every page of the example site and of the
// real sites whose layouts only place the content, for a keystroke at the end or a new block at the start
// (in turn, page by page: each comparison loads the page twice).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { previewPatch, previewRender, type ContentOptions } from '../../client/src/preview/document';
import type { PreviewPatch } from '../../client/src/preview/messages';
import { pageWithBody } from '../../client/src/preview/slot';
import type { PreviewBody, PreviewPage } from '../../server/src/lsp/preview-protocol';
import { shellKey } from '../../server/src/render/content-slot';
import { renderPage, renderPageContent } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { SITES_ROOT, sitesMissing } from '../helpers/corpus';
import { EXAMPLE_SITE } from '../helpers/site';
import { browserMissing, PreviewBrowser, sendToPreview as send } from '../helpers/webview';

declare const window: any, document: any;

const skip = browserMissing;
if (skip) console.log(`# skipping the browser tests: ${skip}`);

/** Body edits: a keystroke at the end of the text, a heading and a paragraph at its start. */
const EDITS: [string, (body: string) => string][] = [
  ['a keystroke at the end', (body) => `${body.replace(/\s*$/, '')}q\n`],
  ['a new block at the start', (body) => `## A new heading\n\nA new *paragraph*.\n\n${body}`],
];

async function previewOf(site: Site, relPath: string): Promise<PreviewPage> {
  const rendered = await renderPage(site, relPath, { sourceLines: true, contentSlot: true });
  const { slot, ...page } = rendered;
  return {
    ...page, siteRoot: '', baseurl: site.config.baseurl, url: site.pages.get(relPath)!.url, relPath,
    ...(slot ? { shell: { id: 'test', start: slot.start, end: slot.end } } : {}),
  };
}

/** The page as shown; nonces differ between the two documents by design. */
const snapshot = async (page: Page) => {
  const shown: { title: string; body: string } = await page.evaluate(() => ({ title: document.title, body: document.body.outerHTML }));
  return { ...shown, body: shown.body.replace(/ nonce="[0-9a-f]*"/g, '') };
};
const painted = (page: Page, version: number) => page.waitForFunction(
  (v: number) => window.posted.some((m: { type: string; version: number }) => (m.type === 'painted' && m.version >= v) || m.type === 'stale'), version);

let browser: PreviewBrowser;
before(async () => {
  if (!skip) browser = await PreviewBrowser.launch();
});
after(async () => {
  await browser?.close();
});

/** Patches every slotted page of the site with each edit and compares with the full render; returns counts. */
async function patchesEqualFullRenders(root: string): Promise<{ pages: number; slotted: number; patched: number }> {
  const site = Site.load(root);
  let slotted = 0;
  let patched = 0;
  const resourceUri = (sitePath: string) => `${browser.origin.origin}/site${sitePath}`;
  for (const relPath of [...site.pages.keys()]) {
    const original = site.pages.get(relPath)!.text;
    const first = await previewOf(site, relPath);
    // The server's shell; the preview takes it where the content parses alone as in the page.
    if (!first.shell || !previewRender(first, { nonce: '', allowRemote: false, resourceUri }).slot) continue;
    slotted++;
    const bodyStart = site.pages.get(relPath)!.frontMatter.block.bodyStart;
    {
      const [what, edit] = EDITS[slotted % EDITS.length];
      const shellBefore = shellKey(site.pages.get(relPath)!);
      site.setFile(relPath, original.slice(0, bodyStart) + edit(original.slice(bodyStart)));
      // The server renders the whole page when the edit changed what the page around the body hangs on (a title from a heading).
      if (shellKey(site.pages.get(relPath)!) !== shellBefore) {
        site.setFile(relPath, original);
        continue;
      }
      const { content, problems } = renderPageContent(site, relPath, { sourceLines: true });
      const body: PreviewBody = { kind: 'body', shell: 'test', content, problems };
      const full = await previewOf(site, relPath);
      let patch: PreviewPatch | undefined;
      const opened = await browser.open('patched', first, (shown, nonce) => {
        const options: ContentOptions = { nonce, allowRemote: false, resourceUri };
        const { slot } = previewRender(first, options);
        const whole = pageWithBody(first, slot!, body);
        assert.equal(whole.html, full.html, `${relPath}, ${what}: the body in the last page is the full render`);
        patch = previewPatch(whole, slot!, body, options);
        return shown;
      });
      if (patch) {
        patched++;
        await send(opened.page, { type: 'patch', version: 2, base: 1, patch });
        await painted(opened.page, 2);
        assert.ok(!(await opened.page.evaluate(() => window.posted.some((m: { type: string }) => m.type === 'stale'))), `${relPath}: the patch applied`);
        const reference = await browser.open('full', full);
        assert.deepEqual(await snapshot(opened.page), await snapshot(reference.page), `${relPath}, ${what}: the patched page is the full render`);
        // A real site may link files it lacks (404s): no other error, and no script error from the patch.
        assert.deepEqual([...opened.errors, ...reference.errors].filter((error) => !error.startsWith('Failed to load resource')), []);
        await reference.page.close();
      }
      await opened.page.close();
    }
    site.setFile(relPath, original);
  }
  return { pages: site.pages.size, slotted, patched };
}

test('a body-only render patched into the preview is the full render (example site)', { skip }, async () => {
  const counts = await patchesEqualFullRenders(EXAMPLE_SITE);
  console.log(`# example site: ${counts.slotted} of ${counts.pages} pages have a slot the preview takes; ${counts.patched} of ${counts.slotted} edits patched`);
  assert.ok(counts.patched > counts.slotted / 2, 'most edits of slotted pages are patches');
});

for (const name of ['hyde', 'minima-blog']) {
  test(`a body-only render patched into the preview is the full render (${name})`, { skip: skip || sitesMissing }, async () => {
    const counts = await patchesEqualFullRenders(path.join(SITES_ROOT, name));
    console.log(`# ${name}: ${counts.slotted} of ${counts.pages} pages have a slot the preview takes; ${counts.patched} of ${counts.slotted} edits patched`);
  });
}
