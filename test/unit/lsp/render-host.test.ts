// The preview's render worker, driven directly: its limits, its recovery, and how it follows the model.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { DEFAULT_RENDER_LIMITS, RenderFailure, RenderHost, type RenderLimits } from '../../../server/src/lsp/render-host';
import { Site } from '../../../server/src/site/site';
import { copyExampleSite, tempDir } from '../../helpers/site';
import { BIG_PARAGRAPH, slowPagesSite } from '../../helpers/slow-pages';

describe('the render worker', () => {
  const hosts: RenderHost[] = [];
  after(() => hosts.forEach((host) => host.dispose()));
  const host = (limits: RenderLimits = DEFAULT_RENDER_LIMITS): RenderHost => {
    const made = new RenderHost(limits);
    hosts.push(made);
    return made;
  };
  const tooLarge = (message: RegExp) => (error: unknown) => error instanceof RenderFailure && error.reason === 'too-large' && message.test(error.message);

  it('renders a 5 MB page whole, or says it is too large, never cut', async () => {
    const { root, paragraphs } = slowPagesSite(5);
    try {
      const page = await host().render(Site.load(root), 'big.md', {}, () => []);
      assert.equal(page.html.match(BIG_PARAGRAPH)?.length, paragraphs);
      assert.deepEqual(page.problems, []);
    } catch (error) {
      // A machine too slow to render it within the time limit gets the clear error.
      assert.ok(tooLarge(/^This page is too large to preview: rendering stopped after \d+ s\.$/)(error), String(error));
    }
  });

  it('stops a page over the memory limit with a clear error, and renders the next page', async () => {
    // Rendered in pieces, a 5 MB page takes little more memory than its texts: more than 20 MB all the same.
    const { root } = slowPagesSite(5);
    const site = Site.load(root);
    const renderer = host({ timeMs: 600_000, memoryMb: 20 });
    await assert.rejects(renderer.render(site, 'big.md', {}, () => []),
      tooLarge(/^This page is too large to preview: rendering needed more than 20 MB of memory and was stopped\.$/));
    assert.match((await renderer.render(site, 'small.md', {}, () => [])).html, /Small Small\./);
  });

  // Should the limit not stop the endless page, the test fails at its own timeout instead of hanging.
  it('stops a page over the time limit with a clear error, and renders the next page', { timeout: 120_000 }, async () => {
    const site = Site.load(slowPagesSite().root);
    // A limit long enough for a fresh worker's first render of the small page on a loaded machine.
    const renderer = host({ timeMs: 2000, memoryMb: 512 });
    await assert.rejects(renderer.render(site, 'endless.md', {}, () => []), tooLarge(/^This page is too large to preview: rendering stopped after 2 s\.$/));
    assert.match((await renderer.render(site, 'small.md', {}, () => [])).html, /Small Small\./);
  });

  it('answers an older render of the same page as cancelled', async () => {
    const site = Site.load(slowPagesSite().root);
    const renderer = host();
    const older = renderer.render(site, 'loop.md', {}, () => []);
    const newer = renderer.render(site, 'loop.md', {}, () => []);
    await assert.rejects(older, (error: unknown) => error instanceof RenderFailure && error.reason === 'cancelled');
    assert.match((await newer).html, /Looped 1000 times\./);
  });

  it('follows the changes of the model, and a fresh worker takes the editor\'s texts', async () => {
    const site = Site.load(copyExampleSite());
    const renderer = host();
    assert.match((await renderer.render(site, 'research.md', {}, () => [])).html, /<title>Research/);
    const edited = site.pages.get('research.md')!.text.replace('title: Research', 'title: Edited');
    site.setFile('research.md', edited);
    assert.match((await renderer.render(site, 'research.md', {}, () => [])).html, /<title>Edited/);
    // A cancelled render stops the worker: the next one reads the site from the disk, then the editor's texts over it.
    const cancellation = new CancellationTokenSource();
    const cancelled = renderer.render(site, 'index.md', {}, () => [], cancellation.token);
    cancellation.cancel();
    await assert.rejects(cancelled, (error: unknown) => error instanceof RenderFailure && error.reason === 'cancelled');
    const page = await renderer.render(site, 'research.md', {}, () => [{ relPath: 'research.md', text: edited }]);
    assert.match(page.html, /<title>Edited/);
    site.deleteFile('research.md');
    await assert.rejects(renderer.render(site, 'research.md', {}, () => []),
      (error: unknown) => error instanceof RenderFailure && error.reason === 'not-a-page' && /research\.md is not a page of the site/.test(error.message));
  });

  it('loads the engine through the code cache: written after its first render, then used by the next worker', async () => {
    const cacheHome = tempDir('jekyll-author-cache-');
    const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, JEKYLL_AUTHOR_NO_CODE_CACHE: process.env.JEKYLL_AUTHOR_NO_CODE_CACHE };
    // A worker's environment is a copy of the process's when it starts.
    Object.assign(process.env, { XDG_CACHE_HOME: cacheHome, JEKYLL_AUTHOR_NO_CODE_CACHE: '' });
    try {
      const folder = path.join(cacheHome, 'jekyll-author', 'code-cache');
      const caches = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => /^render-worker-.*\.bin$/.test(name)) : []);
      const site = Site.load(slowPagesSite().root);
      const first = host();
      assert.equal(typeof await first.warm(), 'number', 'the worker loads the engine before any render');
      assert.deepEqual(caches(), [], 'nothing is written before a render');
      assert.match((await first.render(site, 'small.md', {}, () => [])).html, /Small Small\./);
      for (let tries = 0; caches().length === 0 && tries < 100; tries++) await delay(50);
      assert.equal(caches().length, 1, 'the first render writes the cache');
      const written = fs.statSync(path.join(folder, caches()[0])).mtimeMs;
      first.dispose();
      const second = host();
      assert.match((await second.render(site, 'small.md', {}, () => [])).html, /Small Small\./);
      await delay(500);
      assert.equal(fs.statSync(path.join(folder, caches()[0])).mtimeMs, written, 'a cache V8 accepted is not written again');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
