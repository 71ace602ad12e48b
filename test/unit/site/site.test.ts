import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { findSiteRoot, Site } from '../../../server/src/site/site';
import { EXAMPLE_SITE, writeTempSite } from '../../helpers/site';

test('pages get Jekyll\'s URLs', () => {
  const site = Site.load(writeTempSite({
    '_config.yml': 'title: T\n',
    'index.md': '---\ntitle: Home\n---\n',
    'hub/ppi.md': '---\ntitle: PPI\n---\n',
    'hub/index.html': '---\n---\n',
    'about.md': '---\npermalink: /about-us/\n---\n',
    'notes.md': 'No front matter: a static file.\n',
  }));
  assert.equal(site.pages.get('index.md')?.url, '/');
  assert.equal(site.pages.get('hub/ppi.md')?.url, '/hub/ppi.html');
  assert.equal(site.pages.get('hub/index.html')?.url, '/hub/');
  assert.equal(site.pages.get('about.md')?.url, '/about-us/');
  assert.equal(site.pages.has('notes.md'), false);
  assert.equal(site.files.has('notes.md'), true);
});

test('defaults apply by path and type, more specific scopes winning, under the page\'s own values', () => {
  const site = Site.load(writeTempSite({
    '_config.yml': [
      'defaults:',
      '  - scope: {path: ""}',
      '    values: {lang: en, layout: default}',
      '  - scope: {path: "research", type: pages}',
      '    values: {lang: en_GB}',
      '  - scope: {path: "research/deep"}',
      '    values: {lang: cy}',
      '',
    ].join('\n'),
    '_layouts/default.html': '{{ content }}',
    'research/a.md': '---\ntitle: A\n---\n',
    'research/deep/b.md': '---\ntitle: B\n---\n',
    'research/c.md': '---\nlang: fr\n---\n',
  }));
  assert.equal(site.pages.get('research/a.md')?.data.lang, 'en_GB');
  assert.equal(site.pages.get('research/deep/b.md')?.data.lang, 'cy');
  assert.equal(site.pages.get('research/c.md')?.data.lang, 'fr');
  assert.equal(site.pages.get('research/a.md')?.layout, 'default');
  assert.equal(site.pages.get('research/a.md')?.layoutSource, 'defaults');
});

test('GitHub Pages gives layout-less Markdown pages the default layout, and the front page home', () => {
  const files = {
    '_config.yml': 'title: T\n',
    '_layouts/default.html': '{{ content }}',
    '_layouts/home.html': '{{ content }}',
    'index.md': '---\ntitle: Home\n---\n',
    'a.md': '---\ntitle: A\n---\n',
    'b.html': '---\ntitle: B\n---\n',
    'c.md': '---\nlayout: null\n---\n',
  };
  const withGem = Site.load(writeTempSite({ ...files, Gemfile: 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n' }));
  assert.equal(withGem.pages.get('a.md')?.layout, 'default');
  assert.equal(withGem.pages.get('a.md')?.layoutSource, 'default-layout-plugin');
  assert.equal(withGem.pages.get('index.md')?.layout, 'home');
  assert.equal(withGem.pages.get('b.html')?.layout, null, 'the plugin only handles Markdown');
  assert.equal(withGem.pages.get('c.md')?.layout, null, 'an explicit null layout stays');
  const plain = Site.load(writeTempSite(files));
  assert.equal(plain.pages.get('a.md')?.layout, null);
});

test('excluded, underscore, dot and _site files are not pages; collections are', () => {
  const site = Site.load(writeTempSite({
    '_config.yml': 'exclude: [drafts-folder]\ncollections:\n  page_sections:\n',
    'drafts-folder/x.md': '---\n---\n',
    '_site/y.md': '---\n---\n',
    '.github/z.md': '---\n---\n',
    '_private/w.md': '---\n---\n',
    'node_modules/pkg/readme.md': '---\n---\n',
    '_page_sections/intro.md': '---\n---\n',
    'ok.md': '---\n---\n',
  }));
  assert.deepEqual([...site.pages.keys()].sort(), ['_page_sections/intro.md', 'ok.md']);
  assert.equal(site.pages.get('_page_sections/intro.md')?.type, 'page_sections');
});

test('layout chains follow each layout\'s own layout, stopping at cycles', () => {
  const site = Site.load(writeTempSite({
    '_config.yml': 'title: T\n',
    '_layouts/core.html': '<html>{{ content }}</html>',
    '_layouts/section-home.html': '---\nlayout: core\n---\n{{ content }}',
    '_layouts/a.html': '---\nlayout: b\n---\n',
    '_layouts/b.html': '---\nlayout: a\n---\n',
  }));
  assert.deepEqual(site.layoutChain('section-home').map((layout) => layout.name), ['section-home', 'core']);
  assert.deepEqual(site.layoutChain('a').map((layout) => layout.name), ['a', 'b']);
});

test('edits, creations and deletions update the index incrementally', () => {
  const root = writeTempSite({ '_config.yml': 'title: T\n', 'a.md': '---\ntitle: A\n---\n' });
  const site = Site.load(root);
  const before = site.pages.get('a.md');
  site.setFile('b.md', '---\ntitle: B\n---\n');
  assert.equal(site.pages.get('b.md')?.data.title, 'B');
  assert.equal(site.pages.get('a.md'), before, 'an edit re-parses only the file that changed');
  site.setFile('a.md', '---\ntitle: A2\n---\n');
  assert.equal(site.pages.get('a.md')?.data.title, 'A2');
  site.deleteFile('b.md');
  assert.equal(site.pages.has('b.md'), false);
  site.setFile('_layouts/default.html', '{{ content }}');
  assert.equal(site.layouts.has('default'), true);
});

test('the site root is the folder holding _config.yml, above or below the start', () => {
  assert.equal(findSiteRoot(path.join(EXAMPLE_SITE, 'research')), EXAMPLE_SITE);
  const parent = path.dirname(EXAMPLE_SITE);
  assert.equal(findSiteRoot(parent), EXAMPLE_SITE);
  assert.ok(fs.existsSync(path.join(EXAMPLE_SITE, '_config.yml')));
});

test('symbolic links are not followed', () => {
  const outside = writeTempSite({ 'secret.md': '---\ntitle: Secret\n---\n' });
  const root = writeTempSite({ '_config.yml': 'title: T\n' });
  fs.symlinkSync(outside, path.join(root, 'linked'));
  const site = Site.load(root);
  assert.equal(site.pages.size, 0);
});

test('unsaved text of _config.yml is used, and a later disk event goes back to the disk', () => {
  const root = writeTempSite({ '_config.yml': 'title: T\n', 'a.md': '---\ntitle: A\n---\n' });
  const site = Site.load(root);
  site.setFile('_config.yml', 'title: T\nexclude: [a.md]\n');
  assert.equal(site.pages.has('a.md'), false);
  assert.deepEqual(site.config.data.exclude, ['a.md']);
  site.setFile('_config.yml');
  assert.equal(site.pages.has('a.md'), true);
});
