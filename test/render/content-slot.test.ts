// The content slot of a render (RenderedPage.slot): where layouts that only place the content put it.
// What the preview's body-only renders rest on: the page with its slot is the page without, and the
// body rendered alone is what the slot holds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPage, renderPageContent } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { SITE_NAMES, SITES_ROOT, sitesMissing } from '../helpers/corpus';
import { EXAMPLE_SITE, writeTempSite } from '../helpers/site';

/** Renders every page with and without its slot; returns how many pages had one. */
async function slotsHold(site: Site): Promise<{ pages: number; slots: number }> {
  let slots = 0;
  for (const relPath of site.pages.keys()) {
    const slotted = await renderPage(site, relPath, { sourceLines: true, stylesheets: false, contentSlot: true });
    // Without a slot the render is the plain one: nothing to compare.
    if (!slotted.slot) continue;
    slots++;
    const plain = await renderPage(site, relPath, { sourceLines: true, stylesheets: false });
    assert.equal(slotted.html, plain.html, `${relPath}: the same page with its slot`);
    assert.deepEqual(slotted.problems, plain.problems, `${relPath}: the same problems`);
    const alone = renderPageContent(site, relPath, { sourceLines: true });
    assert.equal(alone.content, slotted.html.slice(slotted.slot.start, slotted.slot.end), `${relPath}: the body alone is the slot's`);
    assert.deepEqual(alone.problems, slotted.problems.slice(0, slotted.slot.contentProblems), `${relPath}: the body's problems come first`);
  }
  return { pages: site.pages.size, slots };
}

test('on the example site, pages with and without a slot are the same, and most pages have one', async () => {
  const { pages, slots } = await slotsHold(Site.load(EXAMPLE_SITE));
  console.log(`# example site: ${slots} of ${pages} pages have a content slot`);
  assert.ok(slots > pages / 2, `${slots} of ${pages}`);
});

for (const name of SITE_NAMES) {
  test(`on the real site ${name}, pages with and without a slot are the same`, { skip: sitesMissing }, async () => {
    const { pages, slots } = await slotsHold(Site.load(path.join(SITES_ROOT, name)));
    console.log(`# ${name}: ${slots} of ${pages} pages have a content slot`);
  });
}

const layoutSite = (layout: string, include = '') => writeTempSite({
  '_config.yml': 'title: Test\n',
  '_layouts/default.html': `<html><body><main>${layout}</main></body></html>\n`,
  '_includes/extra.html': include,
  'page.md': '---\nlayout: default\ntitle: Page\n---\nSome *text*.\n',
});

test('a layout that does more with the content than place it has no slot', async () => {
  const cases = [
    '{{ content | strip }}', '{{ page.content }}{{ content }}', '{% capture c %}{{ content }}{% endcapture %}{{ c }}',
    '{{ content }}{{ page.excerpt }}', '{{ content }}{{ page | jsonify }}', '{{ content }}{{ content }}',
    '{% if content %}{{ content }}{% endif %}', '{{ content }}{% include {{ page.extra }} %}',
  ];
  for (const layout of cases) {
    const page = await renderPage(Site.load(layoutSite(layout)), 'page.md', { contentSlot: true });
    assert.equal(page.slot, undefined, layout);
  }
  const viaInclude = await renderPage(Site.load(layoutSite('{{ content }}{% include extra.html %}', '{{ page.content | size }}')), 'page.md', { contentSlot: true });
  assert.equal(viaInclude.slot, undefined, 'an include that reads the content');
  const bare = await renderPage(Site.load(layoutSite('<h1>{{ page.title }}</h1>{{- content -}}{% include extra.html %}', '<p>{{ site.title }}</p>')), 'page.md', { contentSlot: true });
  assert.ok(bare.slot, 'bare content and an include that does not read it');
  assert.equal(bare.html.slice(bare.slot.start, bare.slot.end), '<p>Some <em>text</em>.</p>\n');
});

test('a page without a layout has no slot', async () => {
  const root = layoutSite('{{ content }}');
  fs.writeFileSync(path.join(root, 'page.md'), '---\ntitle: Page\n---\nText.\n');
  assert.equal((await renderPage(Site.load(root), 'page.md', { contentSlot: true })).slot, undefined);
});

test('with jemoji and jekyll-mentions, the body alone gets their rewriting as it does in the page', async () => {
  const root = writeTempSite({
    '_config.yml': 'title: Test\nplugins: [jemoji, jekyll-mentions]\n',
    '_layouts/default.html': '<html><body><main>\n{{ content }}\n</main><p>:smile: @alice</p></body></html>\n',
    'page.md': '---\nlayout: default\n---\nHello :tada: @bob.\n',
  });
  const site = Site.load(root);
  const page = await renderPage(site, 'page.md', { contentSlot: true });
  assert.ok(page.slot);
  const alone = renderPageContent(site, 'page.md');
  assert.equal(alone.content, page.html.slice(page.slot.start, page.slot.end));
  assert.match(alone.content, /<img class="emoji" title=":tada:"[^>]*> <a href="https:\/\/github.com\/bob" class="user-mention">@bob<\/a>/);
  fs.writeFileSync(path.join(root, '_layouts/default.html'), '<html><body><main>Said:{{ content }}</main></body></html>\n');
  assert.equal((await renderPage(Site.load(root), 'page.md', { contentSlot: true })).slot, undefined, 'text of the layout right against the content');
});
