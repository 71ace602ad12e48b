import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferSchema, schemaToFile } from '../../../server/src/schema/infer';
import { pageSchema } from '../../../server/src/schema/schema';
import { Site } from '../../../server/src/site/site';
import { EXAMPLE_SITE, writeTempSite } from '../../helpers/site';

const example = inferSchema(Site.load(EXAMPLE_SITE));

test('inferred from the example site: section-home pages require an intro, a title and a section', () => {
  assert.equal(example.source, 'inferred');
  assert.deepEqual(example.layouts['section-home'].required, ['intro', 'section', 'title']);
  assert.equal(example.layouts['section-home'].properties?.intro.type, 'string');
  assert.deepEqual(example.layouts.default.required, ['title']);
  assert.deepEqual(Object.keys(example.layouts).sort(), ['core', 'default', 'home', 'post', 'section-home']);
});

test('inferred from the example site: parent refers to section, section is unique, weight is unique within parent', () => {
  const common = example.common.properties!;
  assert.equal(common.parent.refersTo, 'section');
  assert.equal(common.section.unique, true);
  assert.equal(common.weight.uniqueWithin, 'parent');
  assert.equal(common.weight.type, 'integer');
  // A page without a parent is a top-level page: the reference is never required.
  assert.ok(!(example.layouts.default.required ?? []).includes('parent'));
});

test('inferred from the example site: level is text, although some pages write it unquoted or as 5.10', () => {
  assert.equal(example.common.properties!.level.type, 'string');
});

test('inferred from the example site: resources are a list of {path, url, title} and path is a site file', () => {
  const resources = pageSchema(example, 'default').properties!.resources;
  assert.equal(resources.type, 'array');
  assert.deepEqual(Object.keys(resources.items!.properties!), ['path', 'title', 'url']);
  assert.equal(resources.items!.properties!.path.siteFile, true);
  assert.equal(resources.items!.properties!.url.siteFile, undefined);
  assert.equal(resources.items!.properties!.title.type, 'string');
  assert.equal(example.layouts['section-home'].properties!.sidebar_image.siteFile, true);
});

test('Jekyll\'s own page variables are never inferred, though templates read them', () => {
  for (const object of [example.common, ...Object.values(example.layouts)]) {
    assert.ok(!('path' in (object.properties ?? {})));
    assert.ok(!('url' in (object.properties ?? {})));
  }
});

test('origins name the template, line and expression that read each field', () => {
  assert.deepEqual(example.origins['section-home'].intro, [
    { template: '_layouts/section-home.html', line: 13, expression: 'page.intro | markdownify' },
  ]);
  assert.ok(example.origins['*'].level.some((origin) => origin.template === '_includes/section-menu.html'));
});

test('inference is deterministic and the init file leaves out Jekyll\'s fields', () => {
  const again = inferSchema(Site.load(EXAMPLE_SITE));
  assert.equal(schemaToFile(again), schemaToFile(example));
  const file = JSON.parse(schemaToFile(example));
  assert.deepEqual(Object.keys(file), ['common', 'layouts']);
  assert.ok(!('title' in file.layouts['section-home'].properties));
  assert.deepEqual(file.layouts['section-home'].required, ['intro', 'section', 'title']);
  assert.ok(schemaToFile(example).endsWith('}\n'));
});

test('types: unquoted numbers on some pages and text on others make text; numbers alone make numbers', () => {
  const layout = '---\n---\n{{ page.code }} {{ page.count }} {{ page.ratio }} {{ page.flag }} {{ page.when }}\n';
  const site = Site.load(writeTempSite({
    '_config.yml': 'title: T\n',
    '_layouts/default.html': layout,
    'a.md': '---\nlayout: default\ncode: 2.5\ncount: 1\nratio: 1\nflag: true\nwhen: 2024-01-02\n---\n',
    'b.md': '---\nlayout: default\ncode: "2.6"\ncount: 2\nratio: 1.5\nflag: false\nwhen: 2024-01-03\n---\n',
    'c.md': '---\nlayout: default\ncode: 2.1.1\ncount: 3\n---\n',
  }));
  const properties = inferSchema(site).layouts.default.properties!;
  assert.equal(properties.code.type, 'string');
  assert.equal(properties.count.type, 'integer');
  assert.equal(properties.ratio.type, 'number');
  assert.equal(properties.flag.type, 'boolean');
  assert.deepEqual(properties.when, { description: 'read by `_layouts/default.html` line 3: `page.when`', format: 'date', type: 'string' });
  assert.deepEqual(inferSchema(site).layouts.default.required, ['code', 'count']);
});

test('a field needs at least three pages, 80% of its layout, to be required', () => {
  const files: Record<string, string> = {
    '_config.yml': 'title: T\n',
    '_layouts/default.html': '---\n---\n{{ page.intro }}\n',
  };
  for (let i = 0; i < 5; i++) files[`p${i}.md`] = `---\nlayout: default\n${i < 4 ? 'intro: Hi\n' : ''}---\n`;
  assert.deepEqual(inferSchema(Site.load(writeTempSite(files))).layouts.default.required, ['intro']);
  files['p3.md'] = '---\nlayout: default\n---\n';
  assert.equal(inferSchema(Site.load(writeTempSite(files))).layouts.default.required, undefined);
});
