// Bytes are sacred: a page that is not valid UTF-8 gets an `encoding` error on its line (Jekyll
// stops there) and is never written, by `--fix` or by a quick fix; a fix that is written changes
// only its range, keeping the byte-order mark, the line endings and the file's mode.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { CodeAction, CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { writeTempSite } from '../helpers/site';
import { TestClient, withTimeout } from '../lsp/lsp-client';
import { CLI, STACK_LINE } from './as-user';

const made: string[] = [];
after(() => { for (const folder of made) fs.rmSync(folder, { recursive: true, force: true }); });

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A page with a safe fix on line 2 (a repeated key) and Windows 1252 bytes (`Caf\xe9`) on line 5. */
const LATIN1 = Buffer.concat([
  Buffer.from('---\ntitle: Draft\ntitle: Results\n---\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait \xff\n', 'latin1'),
]);

function siteWith(page: Buffer): string {
  const root = writeTempSite({ '_config.yml': 'title: T\n' });
  fs.writeFileSync(path.join(root, 'page.md'), page);
  made.push(root);
  return root;
}

test('a page that is not UTF-8 gets an encoding error on the line with the bytes', () => {
  const root = siteWith(LATIN1);
  const { status, stdout } = run(['check', '--format', 'json'], root);
  const found = JSON.parse(stdout).diagnostics.filter((d: { code: string }) => d.code === 'encoding');
  assert.deepEqual(found.map((d: { line: number; severity: string }) => [d.line, d.severity]), [[5, 'error']], stdout);
  assert.equal(status, 1);
});

test('check --fix leaves a page that is not UTF-8 untouched, byte for byte, and says so', () => {
  const root = siteWith(LATIN1);
  const { stderr, stdout } = run(['check', '--fix'], root);
  assert.deepEqual(fs.readFileSync(path.join(root, 'page.md')), LATIN1);
  assert.match(stderr, /page\.md was not fixed.*not valid UTF-8/);
  assert.doesNotMatch(stderr + stdout, STACK_LINE);
});

test('check --fix changes only the fixed range: byte-order mark, CRLF line endings and mode kept', () => {
  const original = '\ufeff---\r\ntitle: Draft\r\ntitle: Results\r\n---\r\nBody — ünïcode\r\n';
  const root = siteWith(Buffer.from(original, 'utf8'));
  const file = path.join(root, 'page.md');
  fs.chmodSync(file, 0o640);
  run(['check', '--fix'], root);
  assert.equal(fs.readFileSync(file, 'utf8'), original.replace('title: Draft\r\n', ''));
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(root).sort(), ['_config.yml', 'page.md'], 'no temporary file left');
});

test('the language server offers no fix on a page that is not UTF-8', async () => {
  const root = siteWith(LATIN1);
  const client = await TestClient.start(root);
  try {
    // The editor shows the bytes it could not read as U+FFFD, as VS Code does.
    await client.open('page.md', LATIN1.toString('utf8'));
    const diagnostics = await client.waitForDiagnostics('page.md', (d) => d.some((each) => each.code === 'encoding'), 'the encoding error');
    const colon = diagnostics.find((d) => d.code !== 'encoding')!;
    assert.ok(colon, JSON.stringify(diagnostics));
    const actions = await withTimeout(client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri('page.md') }, range: colon.range, context: { diagnostics: [colon] },
    }), 'code actions') as CodeAction[];
    assert.deepEqual(actions, []);
  } finally {
    await client.stop();
  }
});
