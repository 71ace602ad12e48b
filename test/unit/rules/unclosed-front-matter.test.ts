import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

test('front matter without a closing line is reported on the opening line, with a fix', () => {
  const text = '---\ntitle: Lost\nweight: 2\n\nThe body starts here.\n';
  const diagnostics = checkWithRule({ 'page.md': text }, 'page.md', 'unclosed-front-matter');
  assert.equal(diagnostics.length, 1);
  assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.match(diagnostics[0].message, /never closed, so Jekyll shows the fields as text/);
  assert.equal(applyFirstFix(text, diagnostics[0]), '---\ntitle: Lost\nweight: 2\n---\n\nThe body starts here.\n');
});

test('closed front matter, with --- or ..., is fine', () => {
  assert.deepEqual(checkWithRule({ 'a.md': '---\ntitle: A\n---\n' }, 'a.md', 'unclosed-front-matter'), []);
  assert.deepEqual(checkWithRule({ 'a.md': '---\ntitle: A\n...\n' }, 'a.md', 'unclosed-front-matter'), []);
});
