// The language server facing a client that misbehaves or speaks another dialect: a framing error
// ends the process with a message (the client restarts it) instead of a silent server; requests
// after `shutdown` are refused; a client counting columns in bytes (Neovim) or in code points gets
// its positions in its own unit, and its quick fixes whatever range it asks about.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { CodeAction, CodeActionRequest, Diagnostic, HoverRequest, Range } from 'vscode-languageserver-protocol/node';
import { writeTempSite } from '../helpers/site';
import { SERVER, TestClient, WAIT_MS, withTimeout } from '../lsp/lsp-client';

const clients: TestClient[] = [];
after(async () => { for (const client of clients) await client.stop(); });

async function startOn(files: Record<string, string>, positionEncodings?: string[]): Promise<TestClient> {
  const client = await TestClient.start(writeTempSite(files), {}, undefined, positionEncodings);
  clients.push(client);
  return client;
}

test('a framing error ends the server with a clear message instead of leaving it silent', async () => {
  const child = spawn(process.execPath, [SERVER, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdin.write('Garbage-Header: yes\r\n\r\n{}');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exited, new Promise<'running'>((resolve) => { timer = setTimeout(() => resolve('running'), WAIT_MS); })]);
  clearTimeout(timer);
  if (code === 'running') child.kill();
  assert.notEqual(code, 'running', 'the server still runs, silent, with stdin open');
  assert.notEqual(code, 0);
  assert.match(stderr, /Content-Length/);
  assert.match(stderr, /stops/);
});

const PAGE = '---\ntitle: Über 😀 Straße #4\n---\nText\n';

test('requests after shutdown are refused', async () => {
  const client = await startOn({ '_config.yml': 'title: T\n', 'page.md': PAGE });
  await withTimeout(client.connection.sendRequest('shutdown'), 'shutdown');
  await assert.rejects(
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri('page.md') }, position: { line: 1, character: 2 } }),
    (error: { code?: number; message?: string }) => error.code === -32600 && /shut/.test(error.message ?? ''),
  );
});

/** The comment-in-value diagnostic on the title line, and the code actions offered for `range`. */
async function titleFix(client: TestClient, range: (diagnostic: Diagnostic) => Range): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  await client.open('page.md');
  const [diagnostic] = await client.waitForDiagnostics('page.md', (d) => d.some((each) => each.code === 'comment-in-value'), 'the title warning');
  const actions = await withTimeout(client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.uri('page.md') }, range: range(diagnostic), context: { diagnostics: [{ ...diagnostic, range: range(diagnostic) }] },
  }), 'code actions') as CodeAction[];
  return { diagnostic, actions: actions.filter((action) => action.kind === 'quickfix') };
}

const wholeRange = (d: Diagnostic) => d.range;
for (const [encoding, end] of [['utf-8', 28], ['utf-16', 24], ['utf-32', 23]] as const) {
  test(`a client counting in ${encoding} gets ${encoding} columns, and the quick fix`, async () => {
    const client = await startOn({ '_config.yml': 'title: T\n', 'page.md': PAGE }, [encoding]);
    assert.equal(client.initializeResult?.capabilities.positionEncoding ?? 'utf-16', encoding);
    const { diagnostic, actions } = await titleFix(client, wholeRange);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 7 }, end: { line: 1, character: end } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const edits = actions[0].edit?.documentChanges?.[0] ?? actions[0].edit?.changes;
    assert.match(JSON.stringify(edits), new RegExp(`"character":${end}`), JSON.stringify(edits));
  });
}

test('a client that asks about other columns than those published (Neovim 0.7 sends bytes) still gets the fix: found by overlap', async () => {
  const client = await startOn({ '_config.yml': 'title: T\n', 'page.md': PAGE });
  const { actions } = await titleFix(client, (d) => ({ start: d.range.start, end: { line: 1, character: 28 } }));
  assert.equal(actions.length, 1, JSON.stringify(actions));
  const cursor = await titleFix(client, () => ({ start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }));
  assert.equal(cursor.actions.length, 1, 'a cursor inside the problem gets its fix');
});
