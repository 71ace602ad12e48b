import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { SCHEMA_FILE_NAME } from '../../../server/src/schema/schema';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { writeTempSite } from '../../helpers/site';

/**
 * What the rules keep between pages (each layout's fields with `unique`/`refersTo`, the site-wide indexes
 * read without a rebuild) must follow the site: after an edit or a new schema the findings are a fresh check's.
 */

function page(fields: Record<string, string>): string {
  return `---\n${Object.entries(fields).map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\nBody.\n`;
}

function schemaFile(section: Record<string, unknown>): string {
  return JSON.stringify({
    common: { type: 'object', properties: { title: { type: 'string' }, section: { type: 'string', ...section }, parent: { type: 'string', refersTo: 'section' } } },
    layouts: {},
  });
}

function openSite(schema: string) {
  const root = writeTempSite({
    '_config.yml': 'title: Test\n',
    [SCHEMA_FILE_NAME]: schema,
    'a.md': page({ title: 'A', section: 'a' }),
    'b.md': page({ title: 'B', section: 'b' }),
    'c.md': page({ title: 'C', section: 'c', parent: 'a' }),
  });
  return SiteWorkspace.open(root);
}

/** The schema file is read from the disk, as an editor saves it. */
function saveSchema(workspace: SiteWorkspace, text: string): void {
  fs.writeFileSync(workspace.schemaFile, text);
  workspace.updateFile(SCHEMA_FILE_NAME);
}

const messages = (workspace: SiteWorkspace, file: string, code: string) =>
  workspace.diagnosticsFor(file).filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.message);

test('a section copied onto another page is reported on both, and no longer once it is changed back', () => {
  const workspace = openSite(schemaFile({ unique: true }));
  assert.deepEqual(messages(workspace, 'a.md', 'duplicate-value'), []);

  workspace.updateFile('b.md', page({ title: 'B', section: 'a' }));
  assert.equal(messages(workspace, 'a.md', 'duplicate-value').length, 1);
  assert.match(messages(workspace, 'b.md', 'duplicate-value')[0], /`a\.md`.*also has `section: a`/);

  workspace.updateFile('b.md', page({ title: 'B', section: 'b' }));
  assert.deepEqual(messages(workspace, 'a.md', 'duplicate-value'), []);
  assert.deepEqual(messages(workspace, 'b.md', 'duplicate-value'), []);
});

test('a schema that gains or loses `unique` changes what duplicate-value looks at on every page', () => {
  const workspace = openSite(schemaFile({}));
  workspace.updateFile('b.md', page({ title: 'B', section: 'a' }));
  assert.deepEqual(messages(workspace, 'a.md', 'duplicate-value'), [], 'no field is unique yet');

  saveSchema(workspace, schemaFile({ unique: true }));
  assert.equal(messages(workspace, 'a.md', 'duplicate-value').length, 1);

  saveSchema(workspace, schemaFile({}));
  assert.deepEqual(messages(workspace, 'a.md', 'duplicate-value'), []);
});

test('a parent naming a section that an edit removes becomes unknown, and known again when it comes back', () => {
  const workspace = openSite(schemaFile({ unique: true }));
  assert.deepEqual(messages(workspace, 'c.md', 'unknown-reference'), []);

  workspace.updateFile('a.md', page({ title: 'A', section: 'z' }));
  assert.match(messages(workspace, 'c.md', 'unknown-reference')[0], /No page has `section: a`/);

  workspace.updateFile('a.md', page({ title: 'A', section: 'a' }));
  assert.deepEqual(messages(workspace, 'c.md', 'unknown-reference'), []);
});
