import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferSchema } from '../../../server/src/schema/infer';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkPage } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { suggest } from '../../../server/src/rules/unknown-field';
import { applyFirstFix, checkWithRule, EXAMPLE_SITE } from '../../helpers/site';

const example = Site.load(EXAMPLE_SITE);
const exampleSchema = inferSchema(example);

function onExample(relPath: string) {
  return checkPage(example, example.pages.get(relPath)!, exampleSchema).filter((d) => d.code === 'unknown-field');
}

test('resource: instead of resources: on the example site, with a rename fix', () => {
  const [diagnostic, ...rest] = onExample('broken/resource-typo.md');
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message, '`resource` is not a field the `default` layout or other pages\' menus read, nor one Jekyll or its plugins use, so it has no effect on the page. Did you mean `resources`?');
  assert.deepEqual(diagnostic.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 8 } });
  const page = example.pages.get('broken/resource-typo.md')!;
  assert.match(applyFirstFix(page.text, diagnostic), /\nresources:\n {2}- path: \/assets\/reports\/heart-health-summary.pdf\n/);
  assert.equal(diagnostic.fixes[0].safe, false);
});

test('-path in a list: the missing space after the dash, fixed by adding it and indenting the item', () => {
  const [diagnostic, ...rest] = onExample('broken/dash-without-space.md');
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.message, '`-path` looks like a list item missing the space after the dash: write `- path:` so that it starts an item of `resources`, and indent the item\'s other fields to line up with `path`.');
  assert.deepEqual(diagnostic.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 7 } });
  const page = example.pages.get('broken/dash-without-space.md')!;
  assert.match(applyFirstFix(page.text, diagnostic), /\nresources:\n {2}- path: \/assets\/reports\/air-quality-report.pdf\n {4}title: Air quality final report\n---/);
});

test('clean pages of the example site have no unknown fields', () => {
  for (const page of example.pages.values()) {
    if (page.relPath.startsWith('broken/')) continue;
    assert.deepEqual(onExample(page.relPath), [], page.relPath);
  }
});

const SCHEMA: SiteSchema = {
  source: 'file', origins: {}, problems: [],
  common: { properties: { resources: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' } } } }, sidebar_image: { type: 'string' } } },
  layouts: {},
};

test('nested fields of list items are checked; Jekyll and plugin fields are known', () => {
  const text = '---\ntitle: T\npermalink: /x/\nsitemap: false\nresources:\n  - path: /a.pdf\n    titel: A\n---\n';
  const [diagnostic, ...rest] = checkWithRule({ 'p.md': text }, 'p.md', 'unknown-field', SCHEMA);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.message, '`titel` is not a field of the items of `resources`. Did you mean `title`?');
  assert.equal(applyFirstFix(text, diagnostic), text.replace('titel', 'title'));
});

test('with a schema file the message names the schema; with nothing close it says to check the spelling', () => {
  const [diagnostic] = checkWithRule({ 'p.md': '---\nfoo: 1\n---\n' }, 'p.md', 'unknown-field', SCHEMA);
  assert.equal(diagnostic.message, '`foo` is not one of the fields the site\'s schema lists, nor one Jekyll or its plugins use. Check the spelling, or delete it if it is not needed.');
  assert.deepEqual(diagnostic.fixes, []);
});

test('suggestions: plural, separators and case first, then close spellings; no rename onto an existing key', () => {
  assert.deepEqual(suggest('resource', ['source', 'resources']), ['resources', 'source']);
  assert.equal(suggest('sidebar-image', ['sidebar_image_caption', 'sidebar_image'])[0], 'sidebar_image');
  assert.deepEqual(suggest('Title', ['title']), ['title']);
  assert.deepEqual(suggest('wieght', ['height', 'weight']), ['weight', 'height']);
  const [diagnostic] = checkWithRule({ 'p.md': '---\nresources: []\nresource: []\n---\n' }, 'p.md', 'unknown-field', SCHEMA);
  assert.deepEqual(diagnostic.fixes, []);
});

test('reserved names are left to reserved-field, and additionalProperties: true allows anything', () => {
  assert.deepEqual(checkWithRule({ 'p.md': '---\npath: x\n---\n' }, 'p.md', 'unknown-field', SCHEMA), []);
  const open: SiteSchema = { ...SCHEMA, common: { ...SCHEMA.common, additionalProperties: true } };
  assert.deepEqual(checkWithRule({ 'p.md': '---\nfoo: 1\n---\n' }, 'p.md', 'unknown-field', open), []);
});
