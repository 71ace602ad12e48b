/**
 * jekyll-include-cache as Jekyll runs it: an `include_cached` renders once per file and parameters
 * for the whole build, so every later page prints what the first page rendered (just-the-docs's nav
 * relies on it); a change to the site is a new build.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';

const SITE = {
  '_config.yml': 'title: Cache\nplugins: [jekyll-include-cache]\n',
  '_includes/who.html': 'rendered for {{ page.title }}{% if include.n %} with {{ include.n }}{% endif %}',
  'a.html': '---\ntitle: A\n---\n<p>{% include_cached who.html %}</p><p>{% include_cached who.html n=1 %}</p>\n',
  'b.html': '---\ntitle: B\n---\n<p>{% include_cached who.html %}</p><p>{% include_cached who.html n=2 %}</p><p>{% include who.html %}</p>\n',
};

test('include_cached prints the first render of the same file and parameters; a plain include renders anew', async () => {
  const site = Site.load(writeTempSite(SITE));
  assert.match((await renderPage(site, 'a.html')).html, /<p>rendered for A<\/p><p>rendered for A with 1<\/p>/);
  assert.match((await renderPage(site, 'b.html')).html, /<p>rendered for A<\/p><p>rendered for B with 2<\/p><p>rendered for B<\/p>/);
});

test('a change to the site drops the cached outputs, as a new build does', async () => {
  const root = writeTempSite(SITE);
  const site = Site.load(root);
  await renderPage(site, 'a.html');
  fs.writeFileSync(path.join(root, '_includes/who.html'), 'now for {{ page.title }}');
  site.setFile('_includes/who.html');
  assert.match((await renderPage(site, 'b.html')).html, /<p>now for B<\/p>/);
});
