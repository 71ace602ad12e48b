// The language server's processes as the VS Code client hands them out (client/src/serverProcess.ts):
// the one started before the client's code loaded is the one the client talks to, a restart gets a
// fresh one, and none is left running once the client is done with it.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { isLostInput, ServerProcesses, spawnServer } from '../../../client/src/serverProcess';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-server-process-'));
/** Stands in for the server: prints its arguments, then waits for its input to end, as `lsp --stdio` does. */
const SERVER = path.join(dir, 'server.js');
fs.writeFileSync(SERVER, 'console.log(JSON.stringify(process.argv.slice(2))); process.stdin.resume();\n');

const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));

const firstLine = (child: ChildProcess): Promise<string> => new Promise((resolve) => {
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (text.includes('\n')) resolve(text.split('\n')[0]);
  });
});

describe('the language server processes of the VS Code client', () => {
  const started: ChildProcess[] = [];
  after(async () => {
    for (const child of started) child.kill();
    await Promise.all(started.map(exited));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the server in stdio mode, naming the editor\'s process', async () => {
    const child = spawnServer(SERVER);
    started.push(child);
    assert.deepEqual(JSON.parse(await firstLine(child)), ['lsp', '--stdio', `--clientProcessId=${process.pid}`]);
  });

  it('gives the client the process started early, then a fresh one at a restart, and stops the old one', async () => {
    const early = spawnServer(SERVER);
    const processes = new ServerProcesses(SERVER, early);
    const first = processes.next();
    started.push(early);
    assert.equal(first, early);
    const second = processes.next();
    started.push(second);
    assert.notEqual(second.pid, early.pid);
    await exited(early);
    assert.equal(second.exitCode, null, 'the current server runs on');
    processes.retire();
    await exited(second);
  });

  it('starts a fresh process when the early one has already exited', async () => {
    const early = spawnServer(SERVER);
    started.push(early);
    early.kill();
    await exited(early);
    const processes = new ServerProcesses(SERVER, early);
    const child = processes.next();
    started.push(child);
    assert.notEqual(child.pid, early.pid);
    assert.equal(child.exitCode, null);
    processes.retire();
    await exited(child);
  });

  it('stops a process started early that the client never took', async () => {
    const early = spawnServer(SERVER);
    started.push(early);
    new ServerProcesses(SERVER, early).retire();
    await exited(early);
    assert.notEqual(early.signalCode, null, 'killed');
  });

  it('knows a write into a dead server for lost input, and a server that cannot be written to is killed', async () => {
    const dead = spawnServer(SERVER);
    started.push(dead);
    dead.stdin!.on('error', () => undefined);
    const writeFailure = () => new Promise<Error>((resolve) => dead.stdin!.write('Content-Length: 2\r\n\r\n{}', (error) => resolve(error!)));
    dead.kill('SIGKILL');
    await exited(dead);
    // (A write made before the exit is noticed fails with a broken pipe instead: the extension-host suite's
    // restart test makes one, test/vscode/restart.test.ts.)
    const failure = await writeFailure();
    assert.ok(failure, 'the write failed');
    assert.equal(isLostInput(failure, undefined), true, `${failure.message} is lost input`);
    assert.equal(isLostInput(new Error('Header must provide a Content-Length property.'), undefined), false,
      'a garbled message from a live server is not lost input');
    assert.equal(isLostInput(new Error('anything'), { jsonrpc: '2.0', method: 'textDocument/didChange' }), true,
      'a message the client could not write is');

    const live = spawnServer(SERVER);
    started.push(live);
    const processes = new ServerProcesses(SERVER, live);
    assert.equal(processes.next(), live);
    processes.inputLost();
    await exited(live);
    assert.notEqual(live.signalCode, null, 'killed, so that its closed output makes the client restart it');
  });
});
