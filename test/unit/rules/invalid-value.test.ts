import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', origins: {}, problems: [],
  common: {
    properties: {
      status: { type: 'string', enum: ['draft', 'final'] },
      level: { type: 'string', pattern: '^\\d+(\\.\\d+)*$', description: 'numbers separated by dots, such as 2.1.3' },
      weight: { type: 'integer', minimum: 0 },
      tags: { type: 'array', maxItems: 2 },
    },
  },
  layouts: {},
};

function check(text: string) {
  return checkWithRule({ 'p.md': text }, 'p.md', 'invalid-value', SCHEMA);
}

test('a value not in the enum names the allowed values and offers the closest', () => {
  const text = '---\nstatus: drafy\n---\n';
  const [diagnostic, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message, '`status` must be one of `draft`, `final`; the value `drafy` is not one of them. Did you mean `draft`?');
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } });
  assert.equal(applyFirstFix(text, diagnostic), '---\nstatus: draft\n---\n');
});

test('pattern, minimum and maxItems', () => {
  assert.equal(check('---\nlevel: two\n---\n')[0].message, '`level` `two` is not written in the form the site expects (numbers separated by dots, such as 2.1.3): it must match `^\\d+(\\.\\d+)*$`.');
  assert.equal(check('---\nweight: -1\n---\n')[0].message, '`weight` must be at least 0; it is `-1`.');
  const tags = check('---\ntags:\n  - a\n  - b\n  - c\n---\n');
  assert.equal(tags[0].message, '`tags` must have at most 2 items; add or remove items.');
  assert.deepEqual(tags[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
});

test('allowed values are not reported, nor wrong types (wrong-type reports those)', () => {
  assert.deepEqual(check('---\nstatus: final\nlevel: "2.1"\nweight: 0\ntags: [a, b]\n---\n'), []);
  assert.deepEqual(check('---\nweight: many\n---\n'), []);
});
