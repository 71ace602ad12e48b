/**
 * A gem theme in the preview: its `_includes`, `_sass` and `assets` are read (the site's own files
 * winning), through the guard that lets the theme folder in and nothing else.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { tempSites } from '../helpers/temp-sites';

const sites = tempSites();

const THEME: Record<string, string> = {
  '_layouts/default.html': '<html><head><link rel="stylesheet" href="{{ "/assets/main.css" | relative_url }}"></head><body>{% include header.html %}{{ content }}{% include footer.html %}</body></html>',
  '_includes/header.html': '<header>theme header</header>',
  '_includes/footer.html': '<footer>theme footer</footer>',
  '_sass/theme.scss': '$accent: #123456 !default;\n@import "theme/base";\n',
  '_sass/theme/_base.scss': 'a { color: $accent; }\n',
  'assets/main.scss': '---\n---\n@import "theme";\n',
};

function themedSite(own: Record<string, string>): Site {
  const theme = sites.root(THEME);
  const root = sites.root({ '_config.yml': 'theme: my-theme\n', 'index.md': '---\nlayout: default\n---\nHello\n', ...own });
  return Site.load(root, { themePath: theme });
}

test('the theme\'s includes render in the preview, the site\'s own include of the same name wins', async () => {
  const site = themedSite({ '_includes/footer.html': '<footer>own footer</footer>' });
  const page = await renderPage(site, 'index.md');
  assert.match(page.html, /<header>theme header<\/header>/);
  assert.match(page.html, /<footer>own footer<\/footer>/);
  assert.doesNotMatch(page.html, /theme footer/);
  assert.deepEqual(page.problems, []);
});

test('the theme\'s assets/main.scss compiles, its @import found in the theme\'s _sass', async () => {
  const page = await renderPage(themedSite({}), 'index.md');
  assert.deepEqual(page.stylesheets.map((sheet) => sheet.href), ['/assets/main.css']);
  assert.match(page.stylesheets[0].css, /color: #123456/);
});

test('the site\'s own _sass file and assets file win over the theme\'s', async () => {
  const own = await renderPage(themedSite({ '_sass/theme.scss': 'a { color: red; }\n' }), 'index.md');
  assert.match(own.stylesheets[0].css, /color: red/);
  const ownMain = await renderPage(themedSite({ 'assets/main.scss': '---\n---\n$accent: #abcdef;\n@import "theme";\n' }), 'index.md');
  assert.match(ownMain.stylesheets[0].css, /color: #abcdef/);
});

test('a theme include linking outside the theme and the site is refused with a message, not read', async (t) => {
  const site = themedSite({});
  const secret = sites.root({ 'secret.html': 'SECRET' });
  const header = path.join(site.theme!.root, '_includes', 'header.html');
  fs.rmSync(header);
  try {
    fs.symlinkSync(path.join(secret, 'secret.html'), header);
  } catch (error) {
    t.skip(`symbolic links cannot be made here: ${(error as Error).message}`);
    return;
  }
  const page = await renderPage(site, 'index.md');
  assert.doesNotMatch(page.html, /SECRET/);
  assert.ok(page.problems.some((problem) => /header\.html/.test(problem.message) && /outside/.test(problem.message)), JSON.stringify(page.problems));
});
