import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadSiteSchema, parseSchemaFile, SCHEMA_FILE_SCHEMA } from '../../../server/src/schema/load';
import { SCHEMA_FILE_NAME } from '../../../server/src/schema/schema';
import { Site } from '../../../server/src/site/site';
import { writeTempSite } from '../../helpers/site';

const LAYOUT = '---\n---\n{{ page.intro }}\n';

function siteWith(schemaText?: string, extra: Record<string, string> = {}): Site {
  const files: Record<string, string> = { '_config.yml': 'title: T\n', '_layouts/default.html': LAYOUT, ...extra };
  if (schemaText !== undefined) files[SCHEMA_FILE_NAME] = schemaText;
  return Site.load(writeTempSite(files));
}

test('without a schema file the schema is inferred', () => {
  const schema = loadSiteSchema(siteWith());
  assert.equal(schema.source, 'inferred');
  assert.deepEqual(schema.problems, []);
});

test('a schema file is read, with its extension keywords, and origins still come from the templates', () => {
  const text = JSON.stringify({
    $schema: './node_modules/jekyll-author/schemas/jekyll-author.schema.json',
    common: { properties: { parent: { type: 'string', refersTo: 'section' }, section: { type: 'string', unique: true } } },
    layouts: { default: { properties: { intro: { type: 'string', description: 'the text in the turquoise box' } }, required: ['intro'] } },
  }, null, 2);
  const schema = loadSiteSchema(siteWith(text));
  assert.equal(schema.source, 'file');
  assert.equal(schema.file, SCHEMA_FILE_NAME);
  assert.deepEqual(schema.problems, []);
  assert.deepEqual(schema.layouts.default.required, ['intro']);
  assert.equal(schema.common.properties?.parent.refersTo, 'section');
  assert.equal(schema.origins.default.intro[0].template, '_layouts/default.html');
});

test('a schema file at another site-relative path is read when given', () => {
  const site = siteWith(undefined, { 'config/fields.json': '{"layouts": {"default": {"required": ["intro"]}}}' });
  const schema = loadSiteSchema(site, 'config/fields.json');
  assert.equal(schema.source, 'file');
  assert.equal(schema.file, 'config/fields.json');
  const missing = loadSiteSchema(site, 'config/none.json');
  assert.equal(missing.source, 'inferred');
  assert.match(missing.problems[0].message, /could not be read/);
});

test('invalid JSON is a problem at the offending character, and the inferred schema is used', () => {
  const text = '{\n  "common": {},\n}\n';
  const schema = loadSiteSchema(siteWith(text));
  assert.equal(schema.source, 'inferred');
  assert.equal(schema.file, SCHEMA_FILE_NAME);
  assert.equal(schema.problems.length, 1);
  assert.match(schema.problems[0].message, /^The schema file is not valid JSON/);
  assert.equal(schema.problems[0].start, text.indexOf('}\n') );
});

test('a wrong type name, a bad extension keyword and an unknown top-level key point at their place', () => {
  const text = '{\n  "common": { "properties": { "level": { "type": "strin" } } },\n  "layouts": { "default": { "properties": { "parent": { "refersTo": 5 } } } },\n  "layout": {}\n}\n';
  const { problems, fatal } = parseSchemaFile(text, SCHEMA_FILE_NAME);
  assert.equal(fatal, true);
  const messages = problems.map((problem) => [problem.message, text.slice(problem.start, problem.end)]);
  assert.deepEqual(messages, [
    ['`common.properties.level.type` must be one of `string`, `number`, `integer`, `boolean`, `array`, `object`, `null` (or a list of them).', '"strin"'],
    ['`layouts.default.properties.parent.refersTo` must be string (`refersTo` takes a field name).', '5'],
    ['`layout` is not part of a schema file: it may only have `common`, `layouts` and `$schema`.', '"layout"'],
  ]);
});

test('a layout the site does not have is a problem, but the schema is still used', () => {
  const text = '{ "layouts": { "defualt": { "required": ["intro"] } } }';
  const schema = loadSiteSchema(siteWith(text));
  assert.equal(schema.source, 'file');
  assert.equal(schema.problems.length, 1);
  assert.equal(schema.problems[0].message, 'There is no layout called `defualt` in `_layouts/`, so these fields are never checked. The layouts are: `default`.');
  assert.equal(text.slice(schema.problems[0].start, schema.problems[0].end), '"defualt"');
});

test('schemas/jekyll-author.schema.json is the schema the loader checks files against', () => {
  const file = path.resolve(__dirname, '../../../../schemas/jekyll-author.schema.json');
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(SCHEMA_FILE_SCHEMA)));
});
