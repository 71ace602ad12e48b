import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver-protocol/node';
import { copyExampleSite } from '../helpers/site';
import { FileChangeType, rangeOf, TestClient, uriOf, withTimeout } from './lsp-client';

let client: TestClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function startExample(settings: unknown = {}): Promise<TestClient> {
  client = await TestClient.start(copyExampleSite(), settings);
  return client;
}

const has = (code: string) => (diagnostics: { code?: unknown }[]) => diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (diagnostics: { code?: unknown }[]) => !diagnostics.some((d) => d.code === code);

test('diagnostics arrive for every page of the workspace, not only open ones', async () => {
  const c = await startExample();
  const [layout] = (await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'unknown-layout'))
    .filter((d) => d.code === 'unknown-layout');
  assert.equal(layout.range.start.line, 6);
  assert.equal(layout.source, 'jekyll-author');
  assert.equal(layout.severity, 1);
  assert.ok(Array.isArray((layout.data as { fixes?: unknown }).fixes), 'fixes are kept in data for code actions');

  const [reference] = (await c.waitForDiagnostics('broken/bad-parent.md', has('unknown-reference'), 'unknown-reference'))
    .filter((d) => d.code === 'unknown-reference');
  assert.equal(reference.range.start.line, 6);

  const [syntax] = (await c.waitForDiagnostics('broken/colon-title.md', has('yaml-syntax'), 'yaml-syntax'))
    .filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.range.start.line, 2);

  // The file watcher is registered dynamically, for everything.
  const watcher = await c.waitFor(() => c.registrations.flatMap((r) => r.registrations)
    .find((r) => r.method === DidChangeWatchedFilesNotification.method), 'the file watcher registration');
  assert.deepEqual((watcher.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern), ['**/*']);
  // Indexing is logged with the site root and the page count.
  const indexed = await c.waitFor(() => c.logs.find((log) => log.message.startsWith('Indexed')), 'the indexing log line');
  assert.match(indexed.message, /\d+ pages/);
  assert.ok(indexed.message.includes(c.root));
});

test('related places of a duplicate point at the other file', async () => {
  const c = await startExample();
  const diagnostics = await c.waitForDiagnostics('broken/copied-section.md', has('duplicate-value'), 'duplicate-value');
  const duplicate = diagnostics.find((d) => d.code === 'duplicate-value')!;
  assert.ok(duplicate.relatedInformation?.some((info) => info.location.uri === c.uri('research/heart-health.md')),
    JSON.stringify(duplicate.relatedInformation));
});

test('edits to an open page update its diagnostics with the right range and id', async () => {
  const c = await startExample();
  const text = await c.open('research.md');
  await c.waitForDiagnostics('research.md', lacks('unknown-layout'), 'the open page to be checked');
  const value = rangeOf(text, 'section-home');
  await c.change('research.md', value, 'section-hom');
  const diagnostics = await c.waitForDiagnostics('research.md', has('unknown-layout'), 'unknown-layout after the typo');
  const layout = diagnostics.find((d) => d.code === 'unknown-layout')!;
  assert.equal(layout.range.start.line, value.start.line);
  assert.ok(layout.range.start.character >= value.start.character - 'layout: '.length);
  assert.ok(layout.range.end.character <= value.start.character + 'section-hom'.length);

  await c.change('research.md', { start: value.start, end: { line: value.start.line, character: value.start.character + 'section-hom'.length } }, 'section-home');
  await c.waitForDiagnostics('research.md', lacks('unknown-layout'), 'unknown-layout to clear after the fix');

  // Broken YAML while typing.
  await c.change('research.md', { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'bad: [unclosed\n');
  const broken = await c.waitForDiagnostics('research.md', has('yaml-syntax'), 'yaml-syntax while typing');
  assert.ok(broken.filter((d) => d.code === 'yaml-syntax').every((d) => d.range.start.line >= 1));
});

test('a burst of 500 edits sent at once is checked at its end, not at each step', async () => {
  const c = await startExample();
  await c.open('research.md');
  await c.waitForDiagnostics('research.md', lacks('unknown-layout'), 'the open page to be checked');
  const before = c.publishCounts.get(c.uri('research.md')) ?? 0;
  let line = '';
  let last: Promise<void> | undefined;
  for (let i = 0; i < 500; i++) {
    // Each edit rewrites line 2 as a new misspelt field; the burst ends with `zzburst499`.
    const next = `zzburst${i}: 1`;
    last = c.change('research.md', { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } }, i === 0 ? `${next}\n` : next);
    line = next;
  }
  await last;
  await c.waitForDiagnostics('research.md', (diagnostics) => diagnostics.some((d) => /zzburst499/.test(String(d.message))), 'the last text\'s unknown field');
  const published = (c.publishCounts.get(c.uri('research.md')) ?? 0) - before;
  assert.ok(published < 50, `${published} publications for 500 edits`);
});

test('changing a page\'s section re-checks the pages whose parent named it, open or not', async () => {
  const c = await startExample();
  const text = await c.open('research.md');
  await c.waitForDiagnostics('research.md', () => true, 'the open page to be checked');
  const line = rangeOf(text, 'section: research');
  await c.change('research.md', line, 'section: studies');
  for (const child of ['research/air-quality.md', 'research/heart-health.md']) {
    const diagnostics = await c.waitForDiagnostics(child, has('unknown-reference'), 'unknown-reference on a child');
    assert.equal(diagnostics.find((d) => d.code === 'unknown-reference')!.range.start.line, 5);
  }
  await c.change('research.md', { start: line.start, end: { line: line.start.line, character: line.start.character + 'section: studies'.length } }, 'section: research');
  for (const child of ['research/air-quality.md', 'research/heart-health.md']) {
    await c.waitForDiagnostics(child, lacks('unknown-reference'), 'unknown-reference to clear on a child');
  }
});

test('files created and deleted on disk update the index', async () => {
  const c = await startExample();
  await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'the first workspace pass');
  const file = path.join(c.root, 'research.md');
  const original = fs.readFileSync(file, 'utf8');

  fs.rmSync(file);
  await c.fileEvents(['research.md', FileChangeType.Deleted]);
  await c.waitForDiagnostics('research/air-quality.md', has('unknown-reference'), 'children of a deleted page');
  await c.waitForDiagnostics('research/heart-health.md', has('unknown-reference'), 'children of a deleted page');

  fs.writeFileSync(file, original);
  await c.fileEvents(['research.md', FileChangeType.Created]);
  await c.waitForDiagnostics('research/air-quality.md', lacks('unknown-reference'), 'children of the page created back');
  await c.waitForDiagnostics('research/heart-health.md', lacks('unknown-reference'), 'children of the page created back');

  // A rename is a delete and a create.
  fs.renameSync(path.join(c.root, 'broken', 'unknown-layout.md'), path.join(c.root, 'broken', 'renamed.md'));
  await c.fileEvents(['broken/unknown-layout.md', FileChangeType.Deleted], ['broken/renamed.md', FileChangeType.Created]);
  await c.waitForDiagnostics('broken/unknown-layout.md', (d) => d.length === 0, 'the old name to be cleared');
  await c.waitForDiagnostics('broken/renamed.md', has('unknown-layout'), 'the new name to be checked');

  // A layout created on disk: pages asking for it are fine now.
  fs.writeFileSync(path.join(c.root, '_layouts', 'section-hom.html'), '---\nlayout: core\n---\n{{ content }}\n');
  await c.fileEvents(['_layouts/section-hom.html', FileChangeType.Created]);
  await c.waitForDiagnostics('broken/renamed.md', lacks('unknown-layout'), 'unknown-layout to clear once the layout exists');
});

test('settings turn rules off and change severities', async () => {
  const c = await startExample();
  await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'the first workspace pass');
  await c.waitForDiagnostics('broken/colon-title.md', has('yaml-syntax'), 'the first workspace pass');
  await c.changeSettings({ rules: { 'unknown-layout': 'off', 'yaml-syntax': 'hint', 'no-such-rule': 'loud' } });
  await c.waitForDiagnostics('broken/unknown-layout.md', lacks('unknown-layout'), 'unknown-layout to be turned off');
  const syntax = await c.waitForDiagnostics('broken/colon-title.md',
    (d) => d.some((x) => x.code === 'yaml-syntax' && x.severity === 4), 'yaml-syntax as a hint');
  assert.ok(syntax.length > 0);
  assert.ok(c.logs.some((log) => log.message.includes('no-such-rule')), 'a bad setting value is logged');

  await c.changeSettings({});
  await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'unknown-layout back on');
});

test('settings read at start-up apply to the first workspace pass', async () => {
  const c = await startExample({ rules: { 'yaml-syntax': 'warning' } });
  const diagnostics = await c.waitForDiagnostics('broken/colon-title.md', has('yaml-syntax'), 'yaml-syntax');
  assert.ok(diagnostics.filter((d) => d.code === 'yaml-syntax').every((d) => d.severity === 2));
});

test('settings sent with the handshake apply to the first pass, with nothing asked of the client before it', async () => {
  const root = copyExampleSite();
  // What the configuration request would answer differs: only the handshake's settings make yaml-syntax a warning.
  client = await TestClient.start(root, {}, undefined, undefined, undefined,
    { settings: { [uriOf(root)]: { rules: { 'yaml-syntax': 'warning' } } }, synchronizes: true });
  const diagnostics = await client.waitForDiagnostics('broken/colon-title.md', has('yaml-syntax'), 'yaml-syntax');
  assert.ok(diagnostics.filter((d) => d.code === 'yaml-syntax').every((d) => d.severity === 2), 'yaml-syntax is a warning');
  assert.equal(client.configurationRequests, 0, 'no settings request');
  assert.deepEqual(client.registrations, [], 'no watcher registered: the client said it sends file and settings changes itself');
});

test('a settings change the client is slow to answer holds up no check', async () => {
  const root = copyExampleSite();
  const c = client = await TestClient.start(root, {}, undefined, undefined, undefined, { settings: { [uriOf(root)]: {} }, synchronizes: true });
  let answer!: () => void;
  c.configurationHeld = new Promise((resolve) => {
    answer = resolve;
  });
  // As VS Code's client does right after the handshake.
  await c.changeSettings({ rules: { 'unknown-layout': 'off' } });
  await c.waitFor(() => c.progress.find((entry) => entry.method === 'jekyllAuthor/siteState' && (entry.params as { state: string }).state === 'checked'),
    'the first whole-site pass while the settings answer is held');
  assert.ok(has('unknown-layout')(c.diagnosticsOf('broken/unknown-layout.md')), 'the first pass used the settings sent with the handshake');
  answer();
  await c.waitForDiagnostics('broken/unknown-layout.md', lacks('unknown-layout'), 'unknown-layout off once the settings are answered');
});

test('an open _config.yml gets its diagnostics published', async () => {
  const c = await startExample();
  await c.open('_config.yml');
  const diagnostics = await c.waitForDiagnostics('_config.yml', () => true, 'diagnostics of _config.yml');
  assert.ok(Array.isArray(diagnostics));
});

test('the server survives garbage: binary text, a 1 MB page, bad URIs and unknown requests', async () => {
  const c = await startExample();
  await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'the first workspace pass');

  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  await c.open('garbage.md', `---\n${binary}\n---\n${binary}`);
  await c.open('nul.md', '\u0000\u0001\u0002---\n\uFFFF\uD800\n');
  const big = `---\ntitle: Big\nsection: big\nlayout: section-hom\n---\n${'All work and no play. '.repeat(50_000)}\n`;
  await c.open('big.md', big);
  await c.waitForDiagnostics('big.md', has('unknown-layout'), 'the 1 MB page to be checked');
  await c.change('big.md', { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'x: [\n');
  await c.waitForDiagnostics('big.md', has('yaml-syntax'), 'the 1 MB page to be checked again');

  await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: 'untitled:Untitled-1', type: 1 }, { uri: 'file:///%%%', type: 2 }, { uri: c.uri('no/such/file.md'), type: 3 }],
  });
  await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: c.uri('never-opened.md'), version: 2 }, contentChanges: [{ text: 'x' }] });
  await assert.rejects(withTimeout(c.connection.sendRequest('jekyllAuthor/noSuchRequest', {}), 'an unknown request'));

  // Still alive and still checking.
  const text = await c.open('research.md');
  await c.change('research.md', rangeOf(text, 'section-home'), 'section-hom');
  await c.waitForDiagnostics('research.md', has('unknown-layout'), 'a normal edit after the garbage');
  assert.equal(c.exited, undefined);
});

test('site-wide conventions tipped by an edit are re-checked in the background', async () => {
  const c = await startExample();
  await c.waitForDiagnostics('broken/section-mismatch.md', has('section-mismatch'), 'the first workspace pass');
  const text = await c.open('research/air-quality.md');
  // One more page breaking the "section continues parent" convention tips it below the rule's threshold.
  await c.change('research/air-quality.md', rangeOf(text, 'parent: research'), 'parent: people');
  await c.waitForDiagnostics('broken/section-mismatch.md', lacks('section-mismatch'), 'section-mismatch to go once the convention no longer holds');
});

test('a broken schema file is reported on the schema file, and fixing it clears that', async () => {
  const c = await startExample();
  await c.waitForDiagnostics('broken/unknown-layout.md', has('unknown-layout'), 'the first workspace pass');
  const schema = path.join(c.root, '_jekyll-author.schema.json');
  fs.writeFileSync(schema, '{\n  "common": 5\n}\n');
  await c.fileEvents(['_jekyll-author.schema.json', FileChangeType.Created]);
  const problems = await c.waitForDiagnostics('_jekyll-author.schema.json', (d) => d.length > 0, 'schema problems');
  assert.ok(problems.every((d) => d.source === 'jekyll-author'));
  // The site is still checked (with the inferred schema).
  assert.ok(has('unknown-layout')(c.diagnosticsOf('broken/unknown-layout.md')));
  fs.rmSync(schema);
  await c.fileEvents(['_jekyll-author.schema.json', FileChangeType.Deleted]);
  await c.waitForDiagnostics('_jekyll-author.schema.json', (d) => d.length === 0, 'schema problems to clear');
});
