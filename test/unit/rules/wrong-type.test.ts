import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', origins: {}, problems: [],
  common: {
    properties: {
      weight: { type: 'integer' },
      level: { type: 'string' },
      resources: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, title: { type: 'string' } } } },
    },
  },
  layouts: {},
};

function check(text: string) {
  return checkWithRule({ 'p.md': text }, 'p.md', 'wrong-type', SCHEMA);
}

test('resources written as text instead of a list', () => {
  const text = '---\nresources: /assets/report.pdf\n---\n';
  const [diagnostic, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message, '`resources` should be a list, but here it is text. Put each item on its own line under `resources:`, starting with `- `.');
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 29 } });
  assert.equal(diagnostic.fixes.length, 0);
});

test('a list whose dashes have no space is a mapping: the message says so', () => {
  const text = '---\nresources:\n  -path: /a.pdf\n  title: A\n---\n';
  const [diagnostic] = check(text);
  assert.equal(diagnostic.message, '`resources` should be a list, but here it is a set of `name: value` fields. A dash that starts a list item needs a space after it: write `- path:`, not `-path:`, and indent the other fields of the item to line up with `path`.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 15 } });
});

test('a quoted number where a whole number is expected, with a fix that removes the quotes', () => {
  const text = '---\nweight: "3"\n---\n';
  const [diagnostic] = check(text);
  assert.equal(diagnostic.message, '`weight` should be a whole number, but here it is text. Remove the quotes: `weight: 3`.');
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\nweight: 3\n---\n');
});

test('nested values are named by their item', () => {
  const text = '---\nresources:\n  - path: /a.pdf\n    title:\n      - one\n---\n';
  const [diagnostic] = check(text);
  assert.equal(diagnostic.message, 'The `title` of item 1 of `resources` should be text, but here it is a list. Write the text after `title:` on the same line, in quotes if it contains `: ` or ` #` or starts with `-`, `[` or `{`.');
  assert.equal(diagnostic.range.start.line, 4);
});

test('not reported: right types, and unquoted values YAML made numbers where text is expected (ambiguous-scalar)', () => {
  assert.deepEqual(check('---\nweight: 3\nlevel: "2.1"\nresources:\n  - path: /a.pdf\n    title: A\n---\n'), []);
  assert.deepEqual(check('---\nlevel: 5.10\n---\n'), []);
  assert.deepEqual(check('---\nresources:\n  - path: /a.pdf\n    title: 2019\n---\n'), []);
});
