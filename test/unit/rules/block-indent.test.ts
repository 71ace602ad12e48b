import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const check = (text: string) => checkWithRule({ 'page.md': text }, 'page.md', 'block-indent');

test('a paragraph indented deeper than the first line of a block is reported, with a safe re-indent', () => {
  const text = '---\ntitle: Impact\nintro: | #this means everything indented below is included\n   First paragraph.\n\n    Second paragraph.\nsection: impact\n---\nBody\n';
  const diagnostics = check(text);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message,
    'This paragraph is indented 4 spaces but the first line of `intro` only 3, so it will start with a stray space. Indent every line of `intro` the same.');
  assert.deepEqual(diagnostic.range, { start: { line: 5, character: 3 }, end: { line: 5, character: 21 } });
  assert.equal(diagnostic.fixes[0].safe, true);
  assert.equal(applyFirstFix(text, diagnostic),
    '---\ntitle: Impact\nintro: | #this means everything indented below is included\n    First paragraph.\n\n    Second paragraph.\nsection: impact\n---\nBody\n');
});

test('evenly indented blocks, nested lists and explicit indentation indicators are fine', () => {
  assert.deepEqual(check('---\nintro: |\n    One.\n\n    Two.\n---\n'), []);
  assert.deepEqual(check('---\nintro: |\n  - item\n    - nested item\n  - next\n---\n'), []);
  assert.deepEqual(check('---\nintro: |\n  Steps:\n  1. first\n     continued\n---\n'), []);
  assert.deepEqual(check('---\nintro: |2\n    indented on purpose\n  text\n---\n'), []);
  assert.deepEqual(check('---\ntitle: "a: |"\nother: text\n---\n'), []);
});

test('blocks inside lists are checked; a line within a paragraph is called a line', () => {
  const text = '---\nresources:\n  - title: |\n      One\n        two\n      three\n---\n';
  const [diagnostic] = check(text);
  assert.equal(diagnostic.message,
    'This line is indented 8 spaces but the first line of `title` only 6, so it will start with 2 stray spaces. Indent every line of `title` the same.');
  assert.equal(diagnostic.range.start.line, 4);
  // The lines at 6 spaces are the majority, so the odd line moves to them.
  assert.equal(applyFirstFix(text, diagnostic), '---\nresources:\n  - title: |\n      One\n      two\n      three\n---\n');
});

test('a prose line four or more spaces deeper inside a paragraph is re-indented only by a fix that is not safe', () => {
  const [diagnostic] = check('---\nintro: >-\n  One\n      Two\n---\n');
  assert.equal(diagnostic.fixes[0].safe, false);
});

test('HTML nested in a block value is meant, and is neither reported nor flattened', () => {
  assert.deepEqual(check('---\nintro: |\n  <div class="note">\n    <p>Read this.</p>\n\n    Inside the div.\n  </div>\n---\n'), []);
  assert.deepEqual(check('---\nintro: |\n  Text first.\n\n  <ul>\n    <li>one</li>\n  </ul>\n---\n'), []);
  // A stray prose paragraph beside nested HTML is reported, but re-indenting would flatten the HTML: no fix.
  const [diagnostic] = check('---\nintro: |\n  <div>\n    <p>x</p>\n  </div>\n\n   Stray.\n---\n');
  assert.equal(diagnostic.range.start.line, 6);
  assert.deepEqual(diagnostic.fixes, []);
});

test('code inside a block value (fenced, or a paragraph 4+ spaces deeper) is meant', () => {
  assert.deepEqual(check('---\nintro: |\n  Run:\n\n      npm install\n      npm test\n\n  Done.\n---\n'), []);
  assert.deepEqual(check('---\nintro: |\n  Run:\n  ```\n  if (x) {\n    y();\n  }\n  ```\n---\n'), []);
});
