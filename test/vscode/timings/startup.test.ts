// Start-up and preview timings in the real VS Code, on the Connected Health Cities corpus with the
// example site's templates (scripts/test-vscode.mjs opens it in a window of its own). The figures
// are printed and written to test-artifacts/vscode-timings/timings-run.json, never asserted: what is asserted
// is that the editor ends up with the problems `jekyll-author check` finds, and that the preview
// shows each keystroke.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from '../helpers';

const REPO = path.resolve(__dirname, '../../..');
const RUN_FILE = path.join(REPO, 'test-artifacts', 'vscode-timings', 'timings-run.json');
const KEYSTROKES = 5;
/** The page typed into: a section home, whose menu and intro the preview renders. */
const PAGE = 'hub.md';

/** What `jekyllAuthor._timings` answers (client/src/timings.ts). */
interface Timings {
  marks: Record<string, number>;
  lastDiagnostics?: number;
  repaints: { version: number; paintedAt: number; changeToPaintMs: number; renderMs: number; contentMs: number; webviewMs: number; deliveryMs?: number; applyMs: number; reportMs: number }[];
}

const timings = async () => (await vscode.commands.executeCommand<Timings>('jekyllAuthor._timings'))!;

function siteRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the timing run opens the corpus site as its workspace folder');
  return folder.uri;
}

/**
 * Problems per site-relative file, as `jekyll-author check --format json` finds them. Not synchronous:
 * this runs in the extension host, whose event loop must stay free to take the server's messages.
 */
async function checkedByCli(root: string): Promise<Map<string, number>> {
  const cli = path.join(REPO, 'dist', 'server', 'cli.js');
  // In VS Code proper the extension host is Electron: run it as plain Node.
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [cli, 'check', '--format', 'json', root], {
      encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024,
    }, (error, out, stderr) => (out ? resolve(out) : reject(new Error(`jekyll-author check printed nothing: ${stderr || error?.message}`))));
  });
  const counts = new Map<string, number>();
  for (const { file } of (JSON.parse(stdout) as { diagnostics: { file: string }[] }).diagnostics) counts.set(file, (counts.get(file) ?? 0) + 1);
  return counts;
}

/** The extension's problems in the editor, per site-relative file. */
function inEditor(root: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((diagnostic) => diagnostic.source === 'jekyll-author').length;
    if (ours > 0) counts.set(path.relative(root, uri.fsPath).split(path.sep).join('/'), ours);
  }
  return counts;
}

const sorted = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => a.localeCompare(b));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const between = (marks: Record<string, number>, from: string, to: string) =>
  marks[from] === undefined || marks[to] === undefined ? undefined : marks[to] - marks[from];

suite('Start-up and preview timings (corpus site)', () => {
  const run: Record<string, unknown> = {};

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.mkdirSync(path.dirname(RUN_FILE), { recursive: true });
    fs.writeFileSync(RUN_FILE, `${JSON.stringify(run, null, 2)}\n`);
  });

  test('the whole site\'s problems reach the editor, the same as `check` finds; prints the start-up breakdown', async () => {
    const root = siteRoot().fsPath;
    // The CLI runs once the start-up is over: run during it, it would take a processor from it.
    await waitFor(timings, (t) => t.marks.statusShown !== undefined, 'the status bar\'s counts');
    const expected = sorted(await checkedByCli(root));
    assert.ok(expected.length > 10, `check finds problems in ${expected.length} files of the corpus site`);
    await waitFor(() => sorted(inEditor(root)), (actual) => JSON.stringify(actual) === JSON.stringify(expected),
      `the editor's problems per file to be check's ${JSON.stringify(expected).slice(0, 300)}…`);
    const { marks, lastDiagnostics } = await timings();
    assert.ok(lastDiagnostics !== undefined && marks.activate !== undefined, 'the client noted activation and the diagnostics');
    const figures = {
      // From the extension host's process start; scripts/test-vscode.mjs adds the figure from the host's log.
      hostProcessToActivationMs: marks.activate,
      clientLoadMs: between(marks, 'activate', 'clientLoaded'),
      activationToServerProcessMs: between(marks, 'activate', 'serverProcessStart'),
      serverNodeAndBundleMs: between(marks, 'serverProcessStart', 'serverLoaded'),
      serverLoadedToHandshakeDoneMs: between(marks, 'serverLoaded', 'serverReady'),
      activationToServerReadyMs: between(marks, 'activate', 'serverReady'),
      indexingMs: between(marks, 'serverReady', 'siteIndexed'),
      firstCheckMs: between(marks, 'siteIndexed', 'siteChecked'),
      // The same two steps by the server's clock, and how late its news reached the extension host.
      serverReadyToIndexedByServerMs: between(marks, 'serverReady', 'siteIndexedByServer'),
      firstCheckByServerMs: between(marks, 'siteIndexedByServer', 'siteCheckedByServer'),
      checkedNewsWayMs: between(marks, 'siteCheckedByServer', 'siteChecked'),
      activationToCheckedByServerMs: between(marks, 'activate', 'siteCheckedByServer'),
      activationToAllDiagnosticsMs: lastDiagnostics - marks.activate,
      activationToStatusBarMs: between(marks, 'activate', 'statusShown'),
    };
    // Whether the extension host maps stack traces through source maps (it would then read the bundle's map).
    Object.assign(run, { hostNode: process.versions.node, hostSourceMaps: process.sourceMapsEnabled ?? false });
    Object.assign(run, { files: expected.length, problems: expected.reduce((sum, [, count]) => sum + count, 0), marks, ...figures });
    console.log(`  [timing] ${expected.length} files with ${run.problems} problems; start-up, ms:`);
    for (const [name, value] of Object.entries(figures)) console.log(`  [timing]   ${name}: ${value ?? 'not seen'}`);
  });

  test('each keystroke in a page shows in its preview; prints keystroke to repaint', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(siteRoot(), PAGE));
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('jekyllAuthor.showPreviewToSide');
    await waitFor(async () => (await timings()).repaints.length, (count) => count > 0, 'the preview\'s first paint');
    // Types at the end of the last line of the page's text.
    const lastLine = document.lineAt(document.lineCount - 1);
    const tail = lastLine.text.slice(-12);
    editor.selection = new vscode.Selection(lastLine.range.end, lastLine.range.end);
    const keystrokes: number[] = [];
    const renders: number[] = [];
    const prepared: number[] = [];
    const webview: number[] = [];
    const delivered: number[] = [];
    const applied: number[] = [];
    const reported: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      const before = (await timings()).repaints.length;
      const typedAt = performance.now();
      await vscode.commands.executeCommand('type', { text: 'q' });
      const shown = `${tail}${'q'.repeat(i + 1)}`;
      // The repaint of the render that shows the keystroke (one of an older render may come first).
      const last = (await waitFor(async () => {
        const render = await vscode.commands.executeCommand<{ body: string; version: number } | undefined>('jekyllAuthor.preview._lastRender');
        return render?.body.includes(shown) ? (await timings()).repaints.slice(before).find((repaint) => repaint.version >= render.version) : undefined;
      }, (repaint) => repaint !== undefined, `the preview to show the ${i + 1} letters typed after "${tail}", painted`))!;
      keystrokes.push(Math.round(last.paintedAt - typedAt));
      renders.push(last.renderMs);
      prepared.push(last.contentMs);
      webview.push(last.webviewMs);
      if (last.deliveryMs !== undefined) delivered.push(last.deliveryMs);
      applied.push(last.applyMs);
      reported.push(last.reportMs);
    }
    Object.assign(run, {
      keystrokeToRepaintMs: median(keystrokes), renderRequestMs: median(renders), previewContentMs: median(prepared), webviewPaintMs: median(webview),
      ...(delivered.length > 0 ? { webviewDeliveryMs: median(delivered) } : {}), webviewApplyMs: median(applied), paintReportMs: median(reported),
      keystrokeToRepaintEach: keystrokes, renderRequestEach: renders, webviewPaintEach: webview, webviewApplyEach: applied,
    });
    console.log(`  [timing] keystroke to preview repaint, ms: median ${median(keystrokes)} of ${keystrokes.join(', ')} `
      + `(render request ${renders.join(', ')}; preparing it for the webview ${prepared.join(', ')}; posting to the webview to its paint ${webview.join(', ')}, `
      + `of which the message's delivery ${delivered.join(', ')} and sanitizing and updating the page ${applied.join(', ')}; `
      + `the paint's report back ${reported.join(', ')})`);
  });
});
