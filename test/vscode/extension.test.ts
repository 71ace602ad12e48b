// Runs inside the real extension host (see test/vscode/index.ts) against a throw-away copy of
// test/fixtures/example-site: the extension activates, and its language server's diagnostics reach
// the editor and follow edits.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, waitForDiagnostics } from './helpers';

suite('Jekyll Author in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded as the development extension`);
    const wasActive = extension.isActive;
    const started = Date.now();
    await extension.activate();
    // process.uptime(): since the extension host process started (the server's, in code-server).
    console.log(`  [timing] activate() resolved in ${Date.now() - started} ms (already active: ${wasActive}); `
      + `extension host up ${(process.uptime() * 1000).toFixed(0)} ms`);
  });

  test('activates on a workspace with a _config.yml', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
  });

  test('reports unknown-layout, and clears it after an edit fixes the layout name', async () => {
    const started = Date.now();
    const document = await open('broken/unknown-layout.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('unknown-layout'), 'expected unknown-layout');
    console.log(`  [timing] first diagnostics ${Date.now() - started} ms after opening the page`);

    const line = document.getText().split('\n').findIndex((text) => /^layout:\s*section-hom\s*$/.test(text));
    assert.ok(line >= 0, 'the page has the line "layout: section-hom"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(line).range, 'layout: section-home');
    assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit applies');
    await waitForDiagnostics(document.uri, (c) => !c.includes('unknown-layout'), 'expected unknown-layout to go away');
    assert.match(document.getText(), /^layout: section-home$/m);
  });

  test('reports yaml-syntax for an unquoted ": " in a title', async () => {
    const document = await open('broken/colon-title.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax');
  });

  test('a rule turned off in the workspace settings goes from the Problems panel, and comes back when turned on', async () => {
    const document = await open('broken/colon-title.md');
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax');
    const settings = vscode.workspace.getConfiguration('jekyllAuthor');
    await settings.update('rules', { 'yaml-syntax': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(document.uri, (c) => !c.includes('yaml-syntax'), 'expected yaml-syntax to be turned off');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, (c) => c.includes('yaml-syntax'), 'expected yaml-syntax back');
  });
});
