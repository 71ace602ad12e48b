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

test('four or more stray spaces (a Markdown code block) are re-indented only by a fix that is not safe', () => {
  const [diagnostic] = check('---\nintro: >-\n  One\n\n      Two\n---\n');
  assert.equal(diagnostic.fixes[0].safe, false);
});
