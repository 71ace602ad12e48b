// The author's workbench in a real VS Code: the site outline, dragging a page in it, a new page, the
// status bar, the author's words in a hover, and a problem's link to its rule's page.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, open, site, takeScreenshot, waitFor, waitForDiagnostics } from './helpers';

interface OutlineDescription { label: string; children: OutlineDescription[] }

const labels = (nodes: OutlineDescription[]): string[] => nodes.map((node) => node.label);
const outline = () => vscode.commands.executeCommand<OutlineDescription[]>('jekyllAuthor._outline');

async function revert(relative: string): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(site(relative)));
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

suite('The author\'s workbench', () => {
  test('the status bar says "checking" first, then the counts of the pages\' problems', async () => {
    const history = await waitFor(
      () => vscode.commands.executeCommand<string[]>('jekyllAuthor._statusHistory'),
      (texts) => /\d+ errors?/.test(texts[texts.length - 1] ?? ''),
      'the status bar to show the counts',
    );
    assert.match(history[0], /Jekyll: (?:starting|reading the site|checking \d+ pages)/);
    assert.ok(history.some((text) => /checking \d+ pages/.test(text)), history.join(' | '));
    assert.match(history[history.length - 1], /Jekyll: \d+ errors?, \d+ warnings? \(\+\d+ in templates\)/);
  });

  test('the site outline shows the menu\'s sections in the order of the site', async () => {
    const tree = await waitFor(outline, (nodes) => (nodes ?? []).length > 0, 'the outline');
    assert.deepEqual(labels(tree).slice(0, 1), ['Menu']);
    const menu = tree[0].children;
    assert.deepEqual(labels(menu), ['Home', 'Impact', 'Research', 'People', 'About']);
    assert.deepEqual(labels(menu[2].children).slice(0, 1), ['Air quality and breathing']);
    assert.deepEqual(labels(menu[2].children[0].children), ['Building the sensor network', 'School streets']);
    assert.ok(labels(tree).includes('Not in any menu'), labels(tree).join(', '));
    // For the README: the outline in its own view, a page, and its preview beside it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('jekyllAuthor.siteOutlineView.focus');
    const page = await open('research/air-quality.md');
    await vscode.commands.executeCommand('jekyllAuthor.showPreviewToSide', page.uri);
    await waitFor(() => vscode.commands.executeCommand<{ resource: string } | undefined>('jekyllAuthor.preview._lastRender'),
      (render) => render?.resource === page.uri.toString(), 'the preview of the page');
    await takeScreenshot('outline.jpg');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('dragging a page before its sibling changes the fewest weights, in one edit', async () => {
    const summary = await vscode.commands.executeCommand<string>('jekyllAuthor._dropInOutline',
      site('research/air-quality/school-streets.md').toString(), site('research/air-quality/sensor-network.md').toString());
    assert.match(summary, /1 weight value changed/);
    const moved = await vscode.workspace.openTextDocument(site('research/air-quality/school-streets.md'));
    const other = await vscode.workspace.openTextDocument(site('research/air-quality/sensor-network.md'));
    assert.match(moved.getText(), /^weight: 0$/m);
    assert.match(other.getText(), /^weight: 1$/m, 'the sibling keeps its weight');
    const tree = await waitFor(outline, (nodes) => labels(nodes[0].children[2].children[0].children)[0] === 'School streets', 'the outline in the new order');
    assert.ok(tree);
    await revert('research/air-quality/school-streets.md');
  });

  test('a new page under Impact opens with its title, parent, section and next weight', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('jekyllAuthor.newPage', { title: 'Noise study', parent: site('impact.md').toString() });
    assert.ok(uri, 'a page was created');
    assert.equal(uri.toString(), site('impact/noise-study.md').toString());
    const document = await waitFor(async () => vscode.workspace.openTextDocument(uri), (d) => d.getText().startsWith('---'), 'the new page\'s text');
    const text = document.getText();
    for (const line of ['title: Noise study', 'parent: impact', 'section: impact/noise-study', 'weight: 3']) {
      assert.match(text, new RegExp(`^${line}$`, 'm'), text);
    }
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
  });

  test('a hover\'s first line says what the field does on the page', async () => {
    const document = await open('research.md');
    const hovers = await waitFor(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 2)),
      (found) => (found ?? []).length > 0, 'a hover on `intro`',
    );
    const [first] = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value));
    assert.match(first.split('\n')[0], /^\*\*`intro`\*\*: Shown on the page as formatted text/);
  });

  test('a problem\'s rule name links to its page, opened in VS Code\'s Markdown preview', async () => {
    const uri = site('broken/h1-body.md');
    await open('broken/h1-body.md');
    await waitForDiagnostics(uri, (codes) => codes.includes('h1-in-body'), 'h1-in-body');
    const diagnostic = vscode.languages.getDiagnostics(uri).find((each) => codeOf(each) === 'h1-in-body')!;
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'command');
    const [command, args] = [code.target.path, JSON.parse(decodeURIComponent(code.target.query)) as unknown[]];
    await vscode.commands.executeCommand(command, ...args);
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label),
      (tabs) => tabs.some((label) => /h1-in-body\.md/.test(label) && /preview/i.test(label)),
      'a Markdown preview of docs/rules/h1-in-body.md',
    );
  });
});

suite('Dropping a file from the Explorer into a page', () => {
  const drop = (page: string, files: string[]) => vscode.commands.executeCommand<string | undefined>(
    'jekyllAuthor._dropFiles', site(page).toString(), files.map((file) => site(file).toString()));

  test('an image becomes a Markdown image with its path from the site root, a report a link', async () => {
    assert.equal(await drop('people/training.md', ['assets/images/city.svg']), '![city](/assets/images/city.svg)');
    assert.equal(await drop('people/training.md', ['assets/reports/training-evaluation.pdf']), '[training evaluation](/assets/reports/training-evaluation.pdf)');
  });

  test('a page that writes its links through relative_url gets the path the same way', async () => {
    assert.equal(await drop('about/news.md', ['assets/images/city.svg']), "![city]({{ '/assets/images/city.svg' | relative_url }})");
  });

  test('pages and files Jekyll does not publish are left to VS Code', async () => {
    assert.equal(await drop('people/training.md', ['research.md']), undefined);
    assert.equal(await drop('people/training.md', ['_layouts/default.html']), undefined);
  });
});
