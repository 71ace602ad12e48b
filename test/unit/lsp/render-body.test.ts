// Body-only renders of the preview's worker (render-worker.ts): given the shell of the last render, a
// change of the page's body alone gets its content alone, the same as the full render's; a change of
// the front matter, of a layout or of any other file gets the full page.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { RenderHost } from '../../../server/src/lsp/render-host';
import type { RenderAnswer, RenderedShell } from '../../../server/src/lsp/render-worker';
import { Site } from '../../../server/src/site/site';
import { copyExampleSite, writeTempSite } from '../../helpers/site';

const PAGE = 'research.md';
const OPTIONS = { sourceLines: true, contentSlot: true };

function full(answer: RenderAnswer): RenderedShell {
  assert.ok(!('body' in answer), 'a full render');
  return answer;
}

describe('body-only renders', () => {
  const renderer = new RenderHost();
  after(() => renderer.dispose());
  const root = copyExampleSite();
  const site = Site.load(root);
  const text = fs.readFileSync(path.join(root, PAGE), 'utf8');
  const render = (shell?: string) => renderer.render(site, PAGE, OPTIONS, () => [], undefined, shell);
  const edit = (relPath: string, next: string) => site.setFile(relPath, next);

  it('a change of the body alone gets the body, the same as the full render has it', async () => {
    const first = full(await render());
    assert.ok(first.shell && first.slot, 'research.md\'s layouts only place its content');
    edit(PAGE, text.replace('Projects were chosen', 'Projects were picked'));
    const body = await render(first.shell);
    assert.ok('body' in body, 'the body alone');
    const whole = full(await render());
    assert.equal(body.content, whole.html.slice(whole.slot!.start, whole.slot!.end));
    assert.match(body.content, /Projects were picked/);
    assert.deepEqual(body.problems, whole.problems);
    assert.equal(whole.html.slice(0, whole.slot!.start), first.html.slice(0, first.slot!.start), 'the page before the content is the same');
  });

  it('a change of the front matter, of a layout or of another page gets the full page', async () => {
    const changes: [string, () => void][] = [
      ['the front matter', () => edit(PAGE, text.replace(/^title: .*$/m, 'title: Research, renamed'))],
      ['a layout', () => edit('_layouts/default.html', `${fs.readFileSync(path.join(root, '_layouts/default.html'), 'utf8')}\n<!-- changed -->\n`)],
      ['another page', () => edit('people.md', `${fs.readFileSync(path.join(root, 'people.md'), 'utf8')}\nMore.\n`)],
    ];
    for (const [what, change] of changes) {
      const before = full(await render());
      change();
      const after = await render(before.shell);
      assert.ok(!('body' in after), `after a change of ${what}: the full page`);
    }
  });

  it('with jekyll-titles-from-headings, a change of the first heading (the page\'s title) gets the full page', async () => {
    const titled = Site.load(writeTempSite({
      '_config.yml': 'title: T\nplugins: [jekyll-titles-from-headings]\n',
      '_layouts/default.html': '<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n',
      'page.md': '---\nlayout: default\n---\n# First title\n\nSome text.\n',
    }));
    const renderTitled = (shell?: string) => renderer.render(titled, 'page.md', OPTIONS, () => [], undefined, shell);
    const first = full(await renderTitled());
    assert.match(first.html, /<title>First title<\/title>/);
    titled.setFile('page.md', '---\nlayout: default\n---\n# First title\n\nSome other text.\n');
    const body = await renderTitled(first.shell);
    assert.ok('body' in body, 'a change below the heading: the body alone');
    titled.setFile('page.md', '---\nlayout: default\n---\n# Second title\n\nSome other text.\n');
    const renamed = full(await renderTitled(body.shell));
    assert.match(renamed.html, /<title>Second title<\/title>/);
  });

  it('a shell the worker does not know gets the full page', async () => {
    assert.ok(!('body' in await render('no-such-shell')));
  });
});
