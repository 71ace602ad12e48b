// The live preview in the real extension host: the command opens a webview panel, renders come
// through the language server, and the panel follows edits of the page, of a sibling page (its
// section menu), and the active editor unless locked.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { clickInPreview, EXTENSION_ID, open, site, takeScreenshot, waitFor } from './helpers';

/** What `jekyllAuthor.preview._lastRender` (an internal test hook) answers. */
interface RenderRecord {
  resource: string;
  title: string;
  body: string;
  roundTripMs: number;
  /** How many times a preview webview's script has run and reported in. */
  webviewLoads: number;
}

const lastRender = async () => vscode.commands.executeCommand<RenderRecord | undefined>('jekyllAuthor.preview._lastRender');

/** The labels of the preview tabs. */
const previewTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
  .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('jekyllAuthor.preview'))
  .map((tab) => tab.label);

/** Replaces the line matching `pattern` and returns the edit that puts it back. */
async function replaceLine(document: vscode.TextDocument, pattern: RegExp, text: string): Promise<() => Thenable<boolean>> {
  const line = document.getText().split(/\r?\n/).findIndex((candidate) => pattern.test(candidate));
  assert.ok(line >= 0, `${document.uri.path} has a line matching ${pattern}`);
  const original = document.lineAt(line).text;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.lineAt(line).range, text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  return () => {
    const undo = new vscode.WorkspaceEdit();
    undo.replace(document.uri, document.lineAt(line).range, original);
    return vscode.workspace.applyEdit(undo);
  };
}

suite('Live preview', () => {
  const undos: (() => Thenable<boolean>)[] = [];

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  suiteTeardown(async () => {
    for (const undo of undos.reverse()) await undo();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('"Open Preview to the Side" opens a webview panel that renders research.md', async () => {
    const document = await open('research.md');
    const started = Date.now();
    await vscode.commands.executeCommand('jekyllAuthor.showPreviewToSide');
    await waitFor(previewTabs, (tabs) => tabs.length === 1, 'one preview tab');
    const render = await waitFor(lastRender, (r) => r?.resource === document.uri.toString() && r.title === 'Research', 'the first render');
    assert.match(render!.body, /<div id="intro-wrapper">/);
    // The webview's own script ran under the policy, from the extension's dist/preview.
    await waitFor(lastRender, (r) => (r?.webviewLoads ?? 0) > 0, 'the webview script reporting in');
    assert.match(render!.body, /<p data-line="\d+">Projects were chosen/);
    assert.deepEqual(previewTabs(), ['Preview research.md']);
    console.log(`  [timing] first render shown ${Date.now() - started} ms after the command (request round trip ${render!.roundTripMs} ms)`);
    await takeScreenshot('preview.jpg');
  });

  test('an edit of the title shows in the panel', async () => {
    const document = await open('research.md');
    const edited = Date.now();
    undos.push(await replaceLine(document, /^title: Research$/, 'title: Research and evaluation'));
    const render = await waitFor(lastRender, (r) => r?.title === 'Research and evaluation', 'the render after the edit');
    assert.match(render!.body, /<h1>Research and evaluation<\/h1>/);
    console.log(`  [timing] keystroke to render shown: ${Date.now() - edited} ms (request round trip ${render!.roundTripMs} ms)`);
  });

  test('an edit of a sibling page\'s title, not saved, updates the section menu', async () => {
    const sibling = await vscode.workspace.openTextDocument(site('research/air-quality.md'));
    undos.push(await replaceLine(sibling, /^title: /, 'title: Clean air for everyone'));
    const render = await waitFor(lastRender, (r) => !!r?.body.includes('>Clean air for everyone</a>'), 'the menu after the sibling\'s edit');
    assert.equal(render!.resource, site('research.md').toString());
  });

  test('clicking a link of the site in the preview opens that page\'s preview, not a browser tab', async () => {
    await open('research.md');
    await waitFor(lastRender, (r) => r?.resource === site('research.md').toString() && (r.webviewLoads ?? 0) > 0, 'the preview of research.md');
    clickInPreview('ul.section-menu a[href="/research/heart-health.html"]');
    const render = await waitFor(lastRender, (r) => r?.resource === site('research/heart-health.md').toString(), 'the preview of the linked page');
    assert.match(render!.body, /<h1>Heart health in the community<\/h1>/);
    await waitFor(previewTabs, (tabs) => tabs.length === 1 && tabs[0] === 'Preview heart-health.md', 'the same panel, now on the linked page');
  });

  test('the preview follows the active editor, and stays when locked', async () => {
    const people = await open('people.md');
    await waitFor(lastRender, (r) => r?.resource === people.uri.toString(), 'the preview of people.md');
    await waitFor(previewTabs, (tabs) => tabs[0] === 'Preview people.md', 'the tab named for people.md');
    // Focus the preview (the lock applies to the active one), lock it, then move to another page.
    await vscode.commands.executeCommand('jekyllAuthor.showPreview', people.uri);
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label, (label) => label === 'Preview people.md', 'the preview active');
    await vscode.commands.executeCommand('jekyllAuthor.togglePreviewLock');
    await waitFor(previewTabs, (tabs) => tabs[0] === '[Preview] people.md', 'the locked tab');
    await open('impact.md');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await lastRender())?.resource, people.uri.toString());
  });
});
