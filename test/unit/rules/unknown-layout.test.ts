import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConfig } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { applyFirstFix, checkWithRule, EMPTY_SCHEMA, writeTempSite } from '../../helpers/site';

const LAYOUTS = {
  '_layouts/default.html': '{{ content }}\n',
  '_layouts/section-home.html': '{{ content }}\n',
  '_layouts/home.html': '{{ content }}\n',
};

test('a mistyped layout is an error with a ranked suggestion and a fix', () => {
  const text = '---\ntitle: Research\nlayout: section-hom\n---\nBody\n';
  const diagnostics = checkWithRule({ ...LAYOUTS, 'page.md': text }, 'page.md', 'unknown-layout');
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message,
    'There is no layout `section-hom` in `_layouts/`. Did you mean `section-home`? Until it is fixed, Jekyll builds the page with no layout: no header, menu or styles.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 19 } });
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: Research\nlayout: section-home\n---\nBody\n');
});

test('quotes are kept by the fix; with no close name the site\'s layouts are listed', () => {
  const text = '---\nlayout: "defualt"\n---\n';
  const [diagnostic] = checkWithRule({ ...LAYOUTS, 'page.md': text }, 'page.md', 'unknown-layout');
  assert.equal(applyFirstFix(text, diagnostic), '---\nlayout: "default"\n---\n');
  const [far] = checkWithRule({ ...LAYOUTS, 'page.md': '---\nlayout: gallery\n---\n' }, 'page.md', 'unknown-layout');
  assert.match(far.message, /The site's layouts are `default`, `home` and `section-home`\./);
  assert.deepEqual(far.fixes, []);
});

test('existing layouts and none/null/false are fine', () => {
  for (const value of ['default', 'none', 'null', 'false', '~']) {
    assert.deepEqual(checkWithRule({ ...LAYOUTS, 'page.md': `---\nlayout: ${value}\n---\n` }, 'page.md', 'unknown-layout'), [], value);
  }
});

test('a theme that cannot be found: one note on _config.yml, no guesses on pages', () => {
  for (const config of ['theme: jekyll-theme-not-installed-anywhere\n', 'remote_theme: owner/theme\n']) {
    const files = { ...LAYOUTS, '_config.yml': config, 'page.md': '---\nlayout: post\n---\n' };
    assert.deepEqual(checkWithRule(files, 'page.md', 'unknown-layout'), []);
    const site = Site.load(writeTempSite(files));
    const notes = checkConfig(site, EMPTY_SCHEMA).filter((diagnostic) => diagnostic.code === 'unknown-layout');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 'information');
    assert.equal(notes[0].range.start.line, 0);
    assert.match(notes[0].message, /jekyllAuthor\.themePath/);
  }
});

test('a layout given by defaults is reported on the first line, pointing at _config.yml', () => {
  const config = 'defaults:\n  - scope:\n      path: ""\n    values:\n      layout: defaul\n';
  const [diagnostic] = checkWithRule({ ...LAYOUTS, '_config.yml': config, 'page.md': '---\ntitle: A\n---\n' }, 'page.md', 'unknown-layout');
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.equal(diagnostic.message,
    'The `defaults` in `_config.yml` give this page the layout `defaul`, but there is no such layout in `_layouts/`. Did you mean `default`? Correct the layout in `_config.yml`, or set `layout:` in this page. Until it is fixed, Jekyll builds the page with no layout: no header, menu or styles.');
  assert.equal(diagnostic.related[0].file, '_config.yml');
  assert.deepEqual(diagnostic.related[0].range, { start: { line: 4, character: 14 }, end: { line: 4, character: 20 } });
});
