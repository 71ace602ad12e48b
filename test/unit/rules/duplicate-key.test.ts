import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

test('a key set twice is reported on the one Jekyll ignores, and deleting it is safe', () => {
  const text = '---\ntitle: First\nweight: 1\ntitle: Second\n---\nBody\n';
  const diagnostics = checkWithRule({ 'page.md': text }, 'page.md', 'duplicate-key');
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  assert.equal(diagnostic.message, '`title` is set twice, here and on line 4. Jekyll silently uses the last one (line 4) and ignores this one: delete the one you do not want.');
  assert.equal(diagnostic.related[0].range.start.line, 3);
  assert.equal(diagnostic.fixes[0].safe, true);
  assert.equal(applyFirstFix(text, diagnostic), '---\nweight: 1\ntitle: Second\n---\nBody\n');
});

test('duplicates inside list items are found; different items may repeat keys', () => {
  const text = '---\nresources:\n  - path: /a\n    path: /b\n  - path: /c\n---\n';
  const diagnostics = checkWithRule({ 'page.md': text }, 'page.md', 'duplicate-key');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].range.start.line, 2);
});

test('a block value set twice is deleted whole', () => {
  const text = '---\nintro: |\n  One\n  Two\nintro: Three\n---\n';
  const [diagnostic] = checkWithRule({ 'page.md': text }, 'page.md', 'duplicate-key');
  assert.equal(applyFirstFix(text, diagnostic), '---\nintro: Three\n---\n');
});
