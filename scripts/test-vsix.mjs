// `npm run test:vsix`: the packaged extension as a user gets it. Makes the .vsix (scripts/package.mjs),
// installs it offline into a throw-away code-server (`--install-extension`), opens a copy of the example
// site in headless Chromium with nothing but the installed extension (no extensionDevelopmentPath), and
// checks that the extension activates (the extension host's log) and that its diagnostics reach the
// workbench: the status bar's Problems item counts them. That count is what a user sees, needs no test
// code inside the package, and covers every page of the site, since the server checks pages not open.
// Then it opens the Problems panel and the first problem's page, and saves test-artifacts/vsix/workbench.png.
// Options: --vsix FILE (check that package instead of making one). Exits 1 when a check fails.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageExtension } from './package.mjs';
import {
  copyExampleSite, findExtensionHostLog, launchBrowser, REPO, startCodeServer, workbenchUrl,
} from './vscode-host.mjs';

const TIMEOUT_MS = 90_000;
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'vsix');
const EXTENSION_ID = 'jekyll-author.jekyll-author';
const started = Date.now();
const say = (message) => console.log(`[test:vsix] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; undefined after `timeoutMs`. */
async function poll(probe, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(250);
  }
  return undefined;
}

const cleanups = [];
let failures = 0;
const fail = (message) => { failures++; say(`FAIL: ${message}`); };
try {
  const vsixArg = process.argv.indexOf('--vsix');
  let vsix = vsixArg >= 0 ? path.resolve(process.argv[vsixArg + 1]) : undefined;
  if (!vsix) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-vsix-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const report = await packageExtension({ out: path.join(dir, 'jekyll-author.vsix') });
    if (report.problems.length) throw new Error(`the package breaks its rules:\n${report.problems.join('\n')}`);
    vsix = report.file;
  }
  say(`package: ${path.basename(vsix)}, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);

  const site = copyExampleSite();
  cleanups.push(site.remove);
  const server = await startCodeServer({ workspace: site.workspace, install: [vsix], log: say });
  cleanups.push(() => server.stop());
  const installed = fs.readdirSync(server.extensionsDir).find((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (installed) say(`installed offline: ${installed}`);
  else fail(`--install-extension left no ${EXTENSION_ID}-* folder in ${server.extensionsDir}`);

  // 1280x800 keeps the README's screenshot under 200 KB.
  const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  cleanups.push(() => browser.close());
  const { page } = browser;
  await page.goto(workbenchUrl(server, { folder: site.workspace }));
  say('workbench loading');

  // The status bar item reads e.g. "Errors: 9, Warnings: 12, Infos: 3" (its aria-label).
  const problems = await poll(async () => {
    const label = await page.evaluate(() => document.getElementById('status.problems')?.getAttribute('aria-label') ?? '');
    const counts = (label.match(/\d+/g) ?? []).map(Number);
    return counts.some((n) => n > 0) ? label : undefined;
  });
  if (problems) say(`diagnostics in the workbench: ${problems}`);
  else fail(`no problems counted in the status bar within ${TIMEOUT_MS / 1000} s`);

  const hostLog = findExtensionHostLog(path.join(server.stateDir, 'user-data', 'logs'));
  const activation = hostLog && fs.readFileSync(hostLog, 'utf8').split('\n').find((line) => line.includes(`_doActivateExtension ${EXTENSION_ID}`));
  if (activation) say(`activated: ${activation.replace(/^.*_doActivateExtension /, '')}`);
  else fail(`the extension host log (${hostLog ?? 'none found'}) does not show ${EXTENSION_ID} activating`);

  if (problems) {
    // For the README: the Problems panel, and the page of its first problem with the problem underlined.
    await page.click('[id="status.problems"]');
    const firstProblem = page.locator('.markers-panel .monaco-list-row[aria-level="2"]').first();
    await firstProblem.waitFor({ timeout: 10_000 }).then(() => firstProblem.click(), (error) => say(`no problem row to open: ${error.message}`));
    await sleep(1500);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'workbench.png') });
    say(`screenshot: ${path.relative(REPO, path.join(ARTIFACTS, 'workbench.png'))}`);
  }
} catch (error) {
  fail(error.stack ?? String(error));
} finally {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (error) { console.error(`[test:vsix] cleanup: ${error.message}`); }
  }
}
say(failures ? 'FAILED' : 'passed');
process.exit(failures ? 1 : 0);
