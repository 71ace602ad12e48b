// Edits that come closer together than anyone types (a paste of many changes, a tool, or a keystroke
// sent the moment the last one's problems arrived) are checked once they stop for a moment: only the
// text they end with, and without waiting for the quiet time before the dependants are checked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mock, test } from 'node:test';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../../server/src/lsp/convert';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnostics';
import { WorkQueue } from '../../../server/src/lsp/queue';
import { SiteRegistry } from '../../../server/src/lsp/sites';
import { copyExampleSite } from '../../helpers/site';

test('a burst of edits is checked once it stops, at its last text, without the debounce of the dependants', async (t) => {
  const root = copyExampleSite();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const published: PublishDiagnosticsParams[] = [];
  const connection = {
    sendDiagnostics: async (params: PublishDiagnosticsParams) => {
      published.push(params);
    },
    sendNotification: async () => undefined,
  } as unknown as Connection;
  const open = new Map<string, TextDocument>();
  const documents = { get: (uri: string) => open.get(uri), all: () => [...open.values()] } as unknown as TextDocuments<TextDocument>;
  const log = { info: () => undefined, warn: () => undefined, error: (message: string) => assert.fail(message) };
  const registry = new SiteRegistry(connection, documents, log);
  const queue = new WorkQueue(log.error);
  const scheduler = new DiagnosticsScheduler(connection, documents, registry, queue, log);
  const idle = () => queue.enqueue('Waiting', () => undefined);
  await registry.openFolder({ uri: pathToUri(root), name: 'site' });
  scheduler.start();
  await idle();

  const uri = pathToUri(path.join(root, 'research.md'));
  const text = fs.readFileSync(path.join(root, 'research.md'), 'utf8');
  let version = 1;
  const edit = (field: string) => {
    open.set(uri, TextDocument.create(uri, 'markdown', version++, text.replace('---\n', `---\n${field}: 1\n`)));
    scheduler.documentChanged(uri);
  };
  const lastMessages = () => published.filter((params) => params.uri === uri).at(-1)?.diagnostics.map((d) => d.message).join('\n') ?? '';

  let now = 1000;
  mock.method(performance, 'now', () => now);
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  registry.documentOpened(uri);
  edit('zzfirst');
  await idle();
  assert.match(lastMessages(), /zzfirst/, 'an edit on its own is checked at once');

  // Two more, 1 ms apart: a burst.
  now += 1;
  edit('zzsecond');
  now += 1;
  edit('zzthird');
  await idle();
  assert.doesNotMatch(lastMessages(), /zzsecond|zzthird/, 'a burst is not checked step by step');

  now += 5;
  mock.timers.tick(5);
  await idle();
  assert.match(lastMessages(), /zzthird/, 'its last text is checked once it has stopped for 5 ms');
  assert.ok(!published.some((params) => params.diagnostics.some((d) => /zzsecond/.test(String(d.message)))), 'the text in between is never checked');
});
