import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const LAYOUTS = {
  '_layouts/core.html': '<html><body>{{ content }}</body></html>\n',
  '_layouts/default.html': '---\nlayout: core\n---\n<article>\n  <h1>{{ page.title }}</h1>\n  {{ content }}\n</article>\n',
  '_layouts/wrapper.html': '---\nlayout: default\n---\n{{ content }}\n',
  '_layouts/home.html': '---\nlayout: core\n---\n{{ content }}\n',
  '_layouts/titled.html': '---\nlayout: core\n---\n{% include title.html %}{{ content }}\n',
  '_includes/title.html': '<h1 class="title">{{- page.title | escape -}}</h1>\n',
};
const check = (text: string, page = 'page.md') => checkWithRule({ ...LAYOUTS, [page]: text }, page, 'h1-in-body');

test('a level-one heading under a layout that shows the title as <h1> is reported, with a fix to ##', () => {
  const text = '---\ntitle: Heading in the body\nlayout: default\n---\n\n# A second page title\n\nText.\n';
  const diagnostics = check(text);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message,
    'The layout `default` already shows the page\'s title as its main heading (`<h1>`), so this heading gives the page a second one. Use a level-two heading (`##`) here, or move this text into `title`.');
  assert.deepEqual(diagnostic.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 21 } });
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: Heading in the body\nlayout: default\n---\n\n## A second page title\n\nText.\n');
});

test('setext headings, <h1> tags, parent layouts and includes count', () => {
  const setext = '---\nlayout: default\n---\nTitle\n=====\n';
  const [underlined] = check(setext);
  assert.deepEqual(underlined.range, { start: { line: 3, character: 0 }, end: { line: 4, character: 5 } });
  assert.equal(applyFirstFix(setext, underlined), '---\nlayout: default\n---\nTitle\n-----\n');
  assert.equal(check('---\nlayout: default\n---\n<h1 id="x">Hi</h1>\n').length, 1);
  assert.match(check('---\nlayout: wrapper\n---\n# Hi\n')[0].message, /^The layout `wrapper` \(through `default`\)/);
  assert.equal(check('---\nlayout: titled\n---\n# Hi\n').length, 1);
});

test('headings in code, level-two headings and layouts without a title <h1> are fine', () => {
  assert.deepEqual(check('---\nlayout: default\n---\n```\n# not a heading\n```\n\n    # code\n\n## Fine\n<!-- # comment -->\n'), []);
  assert.deepEqual(check('---\nlayout: default\n---\n{% highlight bash %}\n# comment\n{% endhighlight %}\n'), []);
  assert.deepEqual(check('---\ntitle: Home\nlayout: home\n---\n# Learning from everyday health data\n', 'index.md'), []);
  assert.deepEqual(check('---\nlayout: none\n---\n# Plain\n'), []);
});
