// The language server process dies (crash, OOM killer) or the author restarts it: the client starts a new
// one, which re-reads the open pages, publishes their diagnostics again and follows edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, waitFor, waitForDiagnostics } from './helpers';

/** The running server's process id, as its initialize result gave it (undefined while it restarts). */
const serverPid = async (): Promise<number | undefined> => vscode.commands.executeCommand<number | undefined>('jekyllAuthor._serverPid');

/**
 * Waits, without giving the event loop a turn, until process `pid` has ended (its pipes closed): a zombie
 * not yet reaped by this extension host counts as ended. Reads Linux's /proc (without it, returns at once).
 */
function waitUntilGone(pid: number): void {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    let state: string;
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
  }
}

suite('Jekyll Author: the language server is restarted when its process dies', () => {
  test('a killed server is replaced and its diagnostics come back and follow edits', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const document = await open('broken/duplicate-key.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('duplicate-key'), 'expected duplicate-key');

    const killedPid = await serverPid();
    assert.equal(typeof killedPid, 'number', 'the server reports its process id');
    const killedAt = Date.now();
    process.kill(killedPid!, 'SIGKILL');

    const newPid = await waitFor(serverPid, (pid) => typeof pid === 'number' && pid !== killedPid, 'expected a new server process');
    console.log(`  [timing] a new server (pid ${newPid}) answered ${Date.now() - killedAt} ms after the kill`);
    await waitForDiagnostics(document.uri, (c) => c.includes('duplicate-key'), 'expected duplicate-key from the new server');

    // The second "title:" is the duplicate: removing it must clear the diagnostic, so the new server sees edits.
    const lines = document.getText().split('\n');
    const second = lines.findIndex((text, index) => text.startsWith('title:') && lines.slice(0, index).some((t) => t.startsWith('title:')));
    assert.ok(second > 0, 'the page sets "title:" twice');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(document.uri, document.lineAt(second).rangeIncludingLineBreak);
    assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit applies');
    await waitForDiagnostics(document.uri, (c) => !c.includes('duplicate-key'), 'expected duplicate-key to go away after the edit');
  });

  test('a server killed while the editor is writing to it is replaced', async () => {
    const document = await open('broken/colon-title.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax');
    const killedPid = await serverPid();
    assert.equal(typeof killedPid, 'number', 'the server reports its process id');
    process.kill(killedPid!, 'SIGKILL');
    waitUntilGone(killedPid!);
    // Before this extension host's event loop learns that the pipe closed, the client writes to it several
    // times (requests for the site outline): each write fails, and the client must still restart the server.
    const requests = Array.from({ length: 6 }, () => vscode.commands.executeCommand('jekyllAuthor._outline'));
    await Promise.allSettled(requests);
    await waitFor(serverPid, (pid) => typeof pid === 'number' && pid !== killedPid, 'expected a new server process');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax from the new server');
  });

  test('"Jekyll Author: Restart Language Server" starts a new server, which reports again', async () => {
    const document = await open('broken/colon-title.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax');
    const oldPid = await serverPid();
    await vscode.commands.executeCommand('jekyllAuthor.restartServer');
    await waitFor(serverPid, (pid) => typeof pid === 'number' && pid !== oldPid, 'expected a new server process');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax from the new server');
  });
});
