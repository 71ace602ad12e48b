// What the extension-host test files share: the example site's files and waiting for diagnostics.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'jekyll-author.jekyll-author';

export function site(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens the example site as its workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export const codes = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri).map(codeOf).filter((c): c is string => !!c);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `predicate` holds on its value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | PromiseLike<T>, predicate: (value: T) => boolean, what: string, timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: after ${timeoutMs / 1000} s it is ${inspect(value, { depth: 2 })}`);
    await sleep(100);
  }
}

/** Polls the diagnostics of `uri` until `predicate` holds; fails with what was there after `timeoutMs`. */
export function waitForDiagnostics(
  uri: vscode.Uri, predicate: (codes: string[]) => boolean, what: string, timeoutMs = 30_000,
): Promise<string[]> {
  return waitFor(() => codes(uri), predicate, `${what} (diagnostics of ${uri.path})`, timeoutMs);
}

export async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(site(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Asks the test host for a picture of the workbench as it is now (test-artifacts/vscode/NAME, a .png or .jpg):
 * the host watches the console for this line. The pause lets the picture be taken before the test moves on.
 */
export async function takeScreenshot(name: string): Promise<void> {
  console.log(`[screenshot:${name}]`);
  await sleep(1500);
}

/** Asks the test host to click the element matching `selector` inside the preview webview (a real click in the page). */
export function clickInPreview(selector: string): void {
  console.log(`[click-in-preview:${selector}]`);
}
