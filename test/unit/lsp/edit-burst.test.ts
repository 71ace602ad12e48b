// When the scheduler checks an edited page. Edits that come closer together than anyone types (a paste
// of many changes, a tool, or a keystroke sent the moment the last one's problems arrived) are checked
// once they stop for a moment: only the text they end with, and without waiting for the quiet time
// before the dependants are checked. A page whose checks are slow waits for that quiet time; one slow
// check (a garbage collection, a busy machine) does not make a page slow. Clock and timers are mocked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mock, test, TestContext } from 'node:test';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../../server/src/lsp/convert';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnostics';
import { WorkQueue } from '../../../server/src/lsp/queue';
import { SiteRegistry } from '../../../server/src/lsp/sites';
import { copyExampleSite } from '../../helpers/site';

/** A scheduler over a copy of the example site, with `research.md` open; the clock advances `step` ms at each reading. */
async function startScheduler(t: TestContext) {
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

  const clock = { now: 1000, step: 0 };
  mock.method(performance, 'now', () => (clock.now += clock.step));
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const uri = pathToUri(path.join(root, 'research.md'));
  const text = fs.readFileSync(path.join(root, 'research.md'), 'utf8');
  registry.documentOpened(uri);
  let version = 1;
  return {
    clock, idle, published,
    /** The page with a field named `field` added, as the editor's buffer. */
    edit(field: string) {
      open.set(uri, TextDocument.create(uri, 'markdown', version++, text.replace('---\n', `---\n${field}: 1\n`)));
      scheduler.documentChanged(uri);
    },
    /** The messages last published for the page. */
    lastMessages: () => published.filter((params) => params.uri === uri).at(-1)?.diagnostics.map((d) => String(d.message)).join('\n') ?? '',
  };
}

test('a burst of edits is checked once it stops, at its last text, without the debounce of the dependants', async (t) => {
  const { clock, idle, published, edit, lastMessages } = await startScheduler(t);
  edit('zzfirst');
  await idle();
  assert.match(lastMessages(), /zzfirst/, 'an edit on its own is checked at once');

  // Two more, 1 ms apart: a burst.
  clock.now += 1;
  edit('zzsecond');
  clock.now += 1;
  edit('zzthird');
  await idle();
  assert.doesNotMatch(lastMessages(), /zzsecond|zzthird/, 'a burst is not checked step by step');

  clock.now += 5;
  mock.timers.tick(5);
  await idle();
  assert.match(lastMessages(), /zzthird/, 'its last text is checked once it has stopped for 5 ms');
  assert.ok(!published.some((params) => params.diagnostics.some((d) => /zzsecond/.test(String(d.message)))), 'the text in between is never checked');
});

test('one slow check does not hold the next keystroke back; a page whose checks are slow waits for a pause', async (t) => {
  const { clock, idle, edit, lastMessages } = await startScheduler(t);
  const keystroke = async (field: string, checkMs: number) => {
    clock.now += 100;
    clock.step = checkMs / 3;
    edit(field);
    await idle();
    clock.step = 0;
  };
  await keystroke('zzquick', 0);
  await keystroke('zzheldup', 90);
  assert.match(lastMessages(), /zzheldup/);
  await keystroke('zznext', 0);
  assert.match(lastMessages(), /zznext/, 'checked at once after one slow check');

  await keystroke('zzslow', 90);
  await keystroke('zzslower', 90);
  await keystroke('zzwaits', 0);
  assert.match(lastMessages(), /zzslower/, 'after two slow checks in a row the page waits');
  mock.timers.tick(1000);
  await idle();
  assert.match(lastMessages(), /zzwaits/, 'and is checked in the pause');
});
