// The preview's render worker, driven directly: its limits, its recovery, and how it follows the model.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { DEFAULT_RENDER_LIMITS, RenderFailure, RenderHost, type RenderLimits } from '../../../server/src/lsp/render-host';
import { Site } from '../../../server/src/site/site';
import { copyExampleSite } from '../../helpers/site';
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
    const { root } = slowPagesSite(5);
    const site = Site.load(root);
    const renderer = host({ timeMs: 600_000, memoryMb: 48 });
    await assert.rejects(renderer.render(site, 'big.md', {}, () => []),
      tooLarge(/^This page is too large to preview: rendering needed more than 48 MB of memory and was stopped\.$/));
    assert.match((await renderer.render(site, 'small.md', {}, () => [])).html, /Small Small\./);
  });

  it('stops a page over the time limit with a clear error, and renders the next page', async () => {
    const site = Site.load(slowPagesSite().root);
    const renderer = host({ timeMs: 100, memoryMb: 512 });
    await assert.rejects(renderer.render(site, 'loop.md', {}, () => []), tooLarge(/^This page is too large to preview: rendering stopped after 0\.1 s\.$/));
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
});
