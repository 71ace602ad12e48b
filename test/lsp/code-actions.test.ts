import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEditGroups } from '../../server/src/service/fixes';
import { copyExampleSite } from '../helpers/site';
import { serverPerTest, TestClient, withTimeout } from './lsp-client';

const startServer = serverPerTest();

const has = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === code);

function codeActions(c: TestClient, relPath: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return withTimeout(c.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: c.uri(relPath) }, range, context: { diagnostics, ...(only ? { only } : {}) },
  }) as Promise<CodeAction[]>, 'textDocument/codeAction');
}

/** The text after a code action's edit (the test client announces no `documentChanges`, so it gets `changes`). */
function applied(c: TestClient, relPath: string, text: string, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[c.uri(relPath)] ?? [];
  assert.ok(edits.length > 0, `${action.title} edits ${relPath}`);
  return applyEditGroups(text, [edits]).text;
}

test('a quick fix from a published diagnostic, preferred, applies to the text on screen', async () => {
  const c = await startServer();
  const text = await c.open('broken/float-level.md');
  const [diagnostic] = (await c.waitForDiagnostics('broken/float-level.md', has('ambiguous-scalar'), 'ambiguous-scalar'))
    .filter((d) => d.code === 'ambiguous-scalar');
  const actions = await codeActions(c, 'broken/float-level.md', [diagnostic]);
  const quote = actions.find((action) => action.kind === 'quickfix');
  assert.equal(quote?.title, 'Put the value in quotes');
  assert.equal(quote?.isPreferred, true);
  assert.deepEqual(quote?.diagnostics, [diagnostic]);
  assert.match(applied(c, 'broken/float-level.md', text, quote!), /\nlevel: "5\.10"\n/);
});

test('a diagnostic published for an older text gets no fix; the new one gets a fix for the new text', async () => {
  const c = await startServer();
  const text = await c.open('broken/float-level.md');
  const [old] = (await c.waitForDiagnostics('broken/float-level.md', has('ambiguous-scalar'), 'ambiguous-scalar'))
    .filter((d) => d.code === 'ambiguous-scalar');
  // Two lines above it: the published range now points at the wrong text.
  await c.change('broken/float-level.md', { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'weight: 4\nsubtitle: x\n');
  const edited = `${text.split('\n')[0]}\nweight: 4\nsubtitle: x\n${text.split('\n').slice(1).join('\n')}`;
  assert.deepEqual((await codeActions(c, 'broken/float-level.md', [old])).filter((a) => a.kind === 'quickfix'), []);
  const [moved] = (await c.waitForDiagnostics('broken/float-level.md',
    (ds) => ds.some((d) => d.code === 'ambiguous-scalar' && d.range.start.line === old.range.start.line + 2), 'the moved diagnostic'))
    .filter((d) => d.code === 'ambiguous-scalar');
  const [quote] = await codeActions(c, 'broken/float-level.md', [moved], ['quickfix']);
  assert.match(applied(c, 'broken/float-level.md', edited, quote), /\nsubtitle: x\n[^]*\nlevel: "5\.10"\n/);
});

test('"Fix all safe problems in this file" applies every safe fix in one edit, as codeActionsOnSave asks for it', async () => {
  const root = copyExampleSite();
  const page = [
    '---',
    'title: Issue #4',
    'level: 5.10',
    'title: Twice',
    'layout: default',
    '---',
    'Text',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'fix-all.md'), page);
  const c = await startServer(root);
  await c.open('fix-all.md');
  await c.waitForDiagnostics('fix-all.md', has('ambiguous-scalar'), 'ambiguous-scalar');
  const actions = await codeActions(c, 'fix-all.md', [], ['source.fixAll']);
  assert.equal(actions.length, 1);
  const [fixAll] = actions;
  assert.equal(fixAll.title, 'Fix all safe problems in this file');
  assert.equal(fixAll.kind, 'source.fixAll.jekyll-author');
  // The duplicate `title` is deleted (Jekyll ignores the first); quoting 5.10 would change the page, so it is not applied.
  assert.equal(applied(c, 'fix-all.md', page, fixAll), '---\nlevel: 5.10\ntitle: Twice\nlayout: default\n---\nText\n');
  // Asked only for quick fixes, the source action is not offered.
  assert.deepEqual(await codeActions(c, 'fix-all.md', [], ['quickfix']), []);
});

test('templates get quick fixes too: the filter typo in an include', async () => {
  const c = await startServer();
  const text = await c.open('_includes/broken-examples.html');
  const diagnostics = await c.waitForDiagnostics('_includes/broken-examples.html', has('unknown-filter'), 'unknown-filter');
  const typo = diagnostics.find((d) => d.code === 'unknown-filter' && String(d.message).includes('mardownify'))!;
  const [change] = await codeActions(c, '_includes/broken-examples.html', [typo]);
  assert.equal(change.title, 'Change the filter to `markdownify`');
  assert.match(applied(c, '_includes/broken-examples.html', text, change), /\{\{ page\.intro \| markdownify \}\}/);
});
