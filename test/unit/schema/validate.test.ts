import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isScalar } from 'yaml';
import { RESERVED_FIELDS, JEKYLL_FIELDS } from '../../../server/src/schema/jekyll-fields';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { dateText, describePath, effectiveSchema, nodeAtPath, toJsonData, validatePage } from '../../../server/src/schema/validate';
import { Site } from '../../../server/src/site/site';
import { writeTempSite } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', origins: {}, problems: [], layouts: {},
  common: { properties: { level: { type: 'string' }, resources: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' } } } } } },
};

test('nodeAtPath finds values in maps and lists, with their keys', () => {
  const site = Site.load(writeTempSite({ '_config.yml': 'title: T\n', 'p.md': '---\nresources:\n  - title: A\n  - title: B\n---\n' }));
  const page = site.pages.get('p.md')!;
  const found = nodeAtPath(page.frontMatter.root, ['resources', 1, 'title'])!;
  assert.ok(isScalar(found.node));
  assert.equal(found.node.value, 'B');
  assert.equal(found.key?.value, 'title');
  assert.equal(nodeAtPath(page.frontMatter.root, ['resources', '0', 'title'])!.node!.toString(), 'A');
  assert.equal(nodeAtPath(page.frontMatter.root, ['nothing']), undefined);
});

test('validatePage maps ajv findings to kinds and YAML nodes, and caches per page and schema', () => {
  const site = Site.load(writeTempSite({ '_config.yml': 'title: T\n', 'p.md': '---\nlevel: 5.10\nresources: text\ntitle: [a]\n---\n' }));
  const page = site.pages.get('p.md')!;
  const issues = validatePage(site, page, SCHEMA);
  assert.deepEqual(issues.map((issue) => [issue.kind, issue.path.join('.')]), [
    ['ambiguous-scalar', 'level'], ['wrong-type', 'resources'], ['wrong-type', 'title'],
  ]);
  assert.equal(validatePage(site, page, SCHEMA), issues);
});

test('dates become the text Liquid prints and empty values count as absent', () => {
  assert.equal(dateText(new Date(Date.UTC(2024, 0, 2))), '2024-01-02');
  assert.equal(dateText(new Date(Date.UTC(2024, 0, 2, 10, 30))), '2024-01-02 10:30:00 +0000');
  assert.deepEqual(toJsonData({ a: null, b: [new Date(Date.UTC(2020, 1, 3))], c: { d: null } }), { b: ['2020-02-03'], c: {} });
});

test('messages name nested values by their item', () => {
  assert.equal(describePath(['resources', 2, 'title']), 'the `title` of item 3 of `resources`');
  assert.equal(describePath(['level']), '`level`');
});

test('Jekyll\'s fields are known on every page and reserved names are not among them', () => {
  const properties = effectiveSchema(SCHEMA, null).properties!;
  for (const field of ['layout', 'permalink', 'published', 'title', 'redirect_from', 'last_modified_at', 'canonical_url']) {
    assert.ok(field in properties, field);
    assert.ok(typeof JEKYLL_FIELDS[field].description === 'string' && JEKYLL_FIELDS[field].type, field);
  }
  for (const field of Object.keys(RESERVED_FIELDS)) assert.ok(!(field in JEKYLL_FIELDS), field);
  assert.ok(['path', 'url', 'content', 'dir', 'name', 'id', 'excerpt', 'output', 'collection', 'relative_path', 'next', 'previous'].every((f) => f in RESERVED_FIELDS));
});
