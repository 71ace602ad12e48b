import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferSchema } from '../../../server/src/schema/infer';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkPage } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { applyFirstFix, checkWithRule, EXAMPLE_SITE } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', origins: {}, problems: [],
  common: {
    properties: {
      level: { type: 'string' },
      weight: { type: 'integer' },
      resources: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' } } } },
    },
  },
  layouts: {},
};

function check(text: string) {
  return checkWithRule({ 'p.md': text }, 'p.md', 'ambiguous-scalar', SCHEMA);
}

test('level: 5.10 is the number 5.1; quoting it keeps the text as written', () => {
  const text = '---\nlevel: 5.10\n---\n';
  const [diagnostic, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message, 'YAML reads `5.10` as the number 5.1, so the page shows 5.1. Put it in quotes: `level: "5.10"`.');
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
  // The page then shows 5.10, not 5.1: not a safe fix.
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\nlevel: "5.10"\n---\n');
});

test('on the example site: broken/float-level.md, and only it', () => {
  const site = Site.load(EXAMPLE_SITE);
  const schema = inferSchema(site);
  const found = [...site.pages.values()].flatMap((page) => checkPage(site, page, schema).filter((d) => d.code === 'ambiguous-scalar'));
  assert.deepEqual(found.map((d) => d.file), ['broken/float-level.md']);
});

test('list item fields, true/false words and dates are found too', () => {
  const item = check('---\nresources:\n  - title: 2019.10\n---\n');
  assert.equal(item[0].message, 'YAML reads `2019.10` (the `title` of item 1 of `resources`) as the number 2019.1, so the page shows 2019.1. Put it in quotes: `title: "2019.10"`.');
  const yes = check('---\nlevel: yes\n---\n');
  assert.equal(yes[0].message, 'YAML reads `yes` as the true/false value `true`, so the page shows true. Put it in quotes: `level: "yes"`.');
  const date = check('---\nlevel: 2024-1-2\n---\n');
  assert.equal(date[0].message, 'YAML reads `2024-1-2` as a date, so the page shows 2024-01-02. Put it in quotes: `level: "2024-1-2"`.');
});

test('not reported: quoted values, values with two dots, numbers where numbers are expected, Jekyll dates', () => {
  assert.deepEqual(check('---\nlevel: "5.10"\nweight: 5\ndate: 2024-01-02\n---\n'), []);
  assert.deepEqual(check('---\nlevel: 2.3.1\n---\n'), []);
  // Ruby prints these numbers just as they are written (`title: 404` of a 404 page, `version: 3.0`).
  assert.deepEqual(check('---\nlevel: 404\nresources:\n  - title: 3.0\n---\n'), []);
  assert.deepEqual(check('---\nlevel: \'8.1\'\n---\n'), []);
});
