// `npm run test:vscode`: runs the extension-host mocha suite (test/vscode, compiled to out/vscode-tests by
// `pretest:vscode`) in a real VS Code, on a fresh copy of test/fixtures/example-site.
//
// Host: @vscode/test-electron's runTests when VSCODE_EXECUTABLE names a VS Code, or when a VS Code can be
// downloaded (tried once, briefly); otherwise, offline, code-server (scripts/vscode-host.mjs) driven by
// headless Chromium through playwright-core. JEKYLL_AUTHOR_VSCODE_HOST=electron|code-server forces one.
// JEKYLL_AUTHOR_VSCODE_GREP: run only the tests whose titles match it (and not the timing suite).
// JEKYLL_AUTHOR_VSCODE_TIMEOUT: seconds for the suite once code-server is installed and up (default 300).
// Exits non-zero when a test fails, no test ran, or the run times out.
//
// Then the timing suite (test/vscode/timings) in a window of its own on the Connected Health Cities corpus
// laid over the example site's templates (skipped, saying why, without ../shared/corpus): its figures go to
// test-artifacts/vscode-timings.json. `--timings` runs only that suite; `--runs N` repeats it (medians);
// `--cpu-profile DIR` has the language server and the extension host write CPU profiles of each run into DIR
// (for Chrome's DevTools), to see where a start-up's time goes.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  cacheDir, copyExampleSite, findExtensionHostLog, launchBrowser, REPO, startCodeServer, workbenchUrl,
} from './vscode-host.mjs';

const TIMEOUT_MS = Number(process.env.JEKYLL_AUTHOR_VSCODE_TIMEOUT || 300) * 1000;
const DOWNLOAD_PROBE_MS = 20_000;
const TESTS = path.join(REPO, 'out', 'vscode-tests', 'index.js');
const TIMING_TESTS = path.join(REPO, 'out', 'vscode-tests', 'timings', 'index.js');
const TIMING_ARTIFACTS = path.join(REPO, 'test-artifacts', 'vscode-timings');
const TIMING_RUN = path.join(TIMING_ARTIFACTS, 'timings-run.json');
const TIMINGS = path.join(REPO, 'test-artifacts', 'vscode-timings.json');
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'vscode');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[test:vscode] ${message}`);

/** Clicks the first element matching `selector` in any frame of the workbench (webviews are nested frames). */
async function clickInFrames(page, selector) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const element = await frame.$(selector).catch(() => null);
      if (element) return element.click();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no frame has it');
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (error) { console.error(`[test:vscode] cleanup: ${error.message}`); }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { void cleanup().finally(() => process.exit(130)); });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** A fresh throw-away copy of the example site: the tests edit files. */
function workspaceCopy() {
  const { workspace, remove } = copyExampleSite();
  cleanups.push(remove);
  return workspace;
}

/** A VS Code executable for @vscode/test-electron, or undefined when there is none to be had quickly. */
async function electronExecutable() {
  const forced = process.env.JEKYLL_AUTHOR_VSCODE_HOST;
  if (forced === 'code-server') return undefined;
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  // A downloaded VS Code needs a display on Linux; without one the offline host is the one that works.
  if (forced !== 'electron' && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    say('no VSCODE_EXECUTABLE and no display: not trying to download VS Code');
    return undefined;
  }
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  try {
    return await withTimeout(
      downloadAndUnzipVSCode({ cachePath: path.join(cacheDir(), 'vscode-test'), timeout: DOWNLOAD_PROBE_MS }),
      DOWNLOAD_PROBE_MS * 3, 'the VS Code download',
    );
  } catch (error) {
    if (forced === 'electron') throw error;
    say(`cannot download VS Code (${String(error.message ?? error).split('\n')[0]}): using the offline host`);
    return undefined;
  }
}

async function runOnElectron(executable, workspace, tests) {
  say(`host: @vscode/test-electron with ${executable}`);
  const { runTests } = await import('@vscode/test-electron');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-vscode-ud-'));
  cleanups.push(() => fs.rmSync(userDataDir, { recursive: true, force: true }));
  try {
    await withTimeout(runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: tests,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--skip-release-notes', `--user-data-dir=${userDataDir}`],
    }), TIMEOUT_MS, 'the test run');
    return 0;
  } catch (error) {
    say(String(error.message ?? error));
    return 1;
  }
}

async function runOnCodeServer(workspace, tests, artifacts) {
  const screenshotFile = path.join(artifacts, 'workbench.png');
  say('host: code-server + headless Chromium (offline)');
  const server = await startCodeServer({ workspace, log: (m) => say(m) });
  cleanups.push(() => server.stop());
  // The time limit is the suite's: a first install of code-server (minutes on a busy machine) is not counted.
  const suiteStarted = Date.now();
  say(`code-server ${server.origin} answered /healthz at ${elapsed()}`);

  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const { page } = browser;

  let finish;
  const exited = new Promise((resolve) => { finish = resolve; });
  let logs = [];
  let summary;
  let shot = Promise.resolve(false);
  let inSuite = false;
  const consoleLines = [];
  const verbose = !!process.env.JEKYLL_AUTHOR_VSCODE_VERBOSE;
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    // Everything the workbench logs, the extension host's console (mocha's report) included; all of it
    // goes to test-artifacts/vscode/console.log. Shown: the suite's own output, from the runner's first
    // line to its closing "N passed, N failed", less the workbench's tagged log lines.
    const text = String(message);
    consoleLines.push(`[${level}] ${text}`);
    if (/^vscode: running \d+ test file/.test(text)) inSuite = true;
    const tagged = /^\[[\w .:#/-]+\]/.test(text) || text.includes('/static/out/vs/');
    if (verbose || (inSuite && !tagged)) process.stdout.write(`${text}\n`);
    // A test asking for a picture of the workbench at that moment (takeScreenshot in test/vscode/helpers.ts).
    const wanted = /^\[screenshot:([\w-]+\.(png|jpg))\]$/.exec(text);
    if (wanted) {
      fs.mkdirSync(artifacts, { recursive: true });
      const options = wanted[2] === 'jpg' ? { type: 'jpeg', quality: 80 } : { type: 'png' };
      page.screenshot({ path: path.join(artifacts, wanted[1]), ...options }).catch((error) => say(`no screenshot ${wanted[1]}: ${error.message}`));
    }
    // A test asking for a click inside a preview webview (clickInPreview in test/vscode/helpers.ts).
    const click = /^\[click-in-preview:(.+)\]$/.exec(text);
    if (click) clickInFrames(page, click[1]).catch((error) => say(`no click on ${click[1]}: ${error.message}`));
    const m = /^vscode: (\d+) passed, (\d+) failed/.exec(text);
    if (m) {
      summary = { passed: Number(m[1]), failed: Number(m[2]) };
      inSuite = false;
      // The workbench as the suite left it, while the extension host (and its diagnostics) still runs.
      fs.mkdirSync(artifacts, { recursive: true });
      shot = page.screenshot({ path: screenshotFile }).then(() => true, () => false);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, files) => {
    logs = Array.isArray(files) ? files : [];
    finish(Number(code));
  });
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: REPO, extensionTestsPath: tests });
  await page.goto(url);
  say(`workbench loading at ${elapsed()}`);

  let code;
  try {
    code = await withTimeout(exited, TIMEOUT_MS - (Date.now() - suiteStarted), 'the test run');
  } catch (error) {
    say(error.message);
    code = 1;
  }
  fs.mkdirSync(artifacts, { recursive: true });
  try {
    if (!await shot) await page.screenshot({ path: screenshotFile });
    say(`screenshot: ${path.relative(REPO, screenshotFile)}`);
  } catch (error) {
    say(`no screenshot: ${error.message}`);
  }
  fs.writeFileSync(path.join(artifacts, 'console.log'), `${consoleLines.join('\n')}\n`);
  fs.rmSync(path.join(artifacts, 'logs'), { recursive: true, force: true });
  for (const { relativePath, contents } of logs) {
    const file = path.join(artifacts, 'logs', 'browser', relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
  // The server's logs: the extension host's (activation, the language client's output channel) among them.
  const serverLogs = path.join(server.stateDir, 'user-data', 'logs');
  if (fs.existsSync(serverLogs)) fs.cpSync(serverLogs, path.join(artifacts, 'logs', 'server'), { recursive: true });
  if (fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(artifacts, 'logs', 'code-server.log'));
  reportActivation(path.join(artifacts, 'logs', 'server'));
  say(`logs: ${path.relative(REPO, artifacts)}/console.log and logs/`);
  if (code !== 0 && !summary) {
    say('the suite gave no "N passed, N failed" line; the last lines of the workbench console:');
    process.stdout.write(`${consoleLines.slice(-40).join('\n')}\n`);
  }
  if (code === 0 && !summary) say('warning: no "N passed, N failed" line came from the extension host');
  return code;
}

/** The last run's activation figures from the extension host's log (code-server only). */
let activationFromLog = {};

/** From the extension host's log: when the extension's activation began and when the eager ones were done. */
function reportActivation(logsDir) {
  activationFromLog = {};
  try {
    const log = findExtensionHostLog(logsDir);
    if (!log) return;
    const time = (re) => {
      const line = fs.readFileSync(log, 'utf8').split('\n').find((l) => re.test(l));
      return line ? Date.parse(line.slice(0, 23).replace(' ', 'T')) : NaN;
    };
    const hostStart = time(/Extension host with pid \d+ started/);
    const begin = time(/_doActivateExtension jekyll-author\.jekyll-author\b/);
    const eagerDone = time(/Eager extensions activated/);
    if (Number.isNaN(begin)) return say('activation: the extension host log does not show jekyll-author activating');
    activationFromLog = { hostStartToActivationMs: begin - hostStart, activateToEagerDoneMs: eagerDone - begin };
    say(`activation: began ${begin - hostStart} ms after the extension host started; `
      + `activate() done within ${eagerDone - begin} ms (eager extensions activated)`);
  } catch (error) {
    say(`activation: ${error.message}`);
  }
}

/** The corpus with the example site's templates, in a throw-away folder; undefined (said why) without the corpus. */
function corpusSiteCopy() {
  const helpers = path.join(REPO, 'out', 'test', 'helpers', 'corpus.js');
  if (!fs.existsSync(helpers)) throw new Error(`${path.relative(REPO, helpers)} is missing: run "tsc -p ." (npm run pretest:vscode does)`);
  const { corpusMissing, layOutCorpus } = createRequire(import.meta.url)(helpers);
  if (corpusMissing) {
    say(`timing suite skipped: ${corpusMissing}`);
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-vscode-timings-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return layOutCorpus(path.join(dir, 'connectedhealthcities'));
}

/** Runs the timing suite `runs` times, each in a fresh window, and writes the figures with their medians. */
async function runTimings(executable, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    // A fresh copy each time: nothing of the last run (its edits, its caches) carries over.
    const workspace = corpusSiteCopy();
    if (!workspace) return 0;
    fs.rmSync(TIMING_RUN, { force: true });
    say(`timing run ${i + 1} of ${runs} on ${workspace}`);
    const code = executable ? await runOnElectron(executable, workspace, TIMING_TESTS) : await runOnCodeServer(workspace, TIMING_TESTS, TIMING_ARTIFACTS);
    await cleanup();
    if (code !== 0) return code;
    results.push({ ...activationFromLog, ...JSON.parse(fs.readFileSync(TIMING_RUN, 'utf8')) });
  }
  const medians = {};
  for (const key of Object.keys(results[0])) {
    const values = results.map((result) => result[key]).filter((value) => typeof value === 'number').sort((a, b) => a - b);
    if (values.length > 0 && key.endsWith('Ms')) medians[key] = values[Math.floor((values.length - 1) / 2)];
  }
  const report = {
    site: 'Connected Health Cities corpus with the example site\'s templates',
    host: executable ? 'vscode (electron)' : 'code-server',
    runs: results.length,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
    medians,
    goals: { hostStartToActivationMs: 300, activationToAllDiagnosticsMs: 500, keystrokeToRepaintMs: 50 },
    each: results,
  };
  fs.writeFileSync(TIMINGS, `${JSON.stringify(report, null, 2)}\n`);
  say(`timings (median of ${results.length}, load average ${report.loadAverage.join(' ')}): `
    + Object.entries(medians).map(([key, value]) => `${key} ${value}`).join(', '));
  say(`timings: ${path.relative(REPO, TIMINGS)}`);
  return 0;
}

const timingsOnly = process.argv.includes('--timings');
const profileArgument = process.argv.indexOf('--cpu-profile');
if (profileArgument > 0) {
  const folder = path.resolve(process.argv[profileArgument + 1] ?? 'cpu-profiles');
  fs.mkdirSync(folder, { recursive: true });
  // Read by client/src/serverProcess.ts and test/vscode/timings/index.ts, through code-server's environment.
  process.env.JEKYLL_AUTHOR_SERVER_CPU_PROFILE = folder;
  process.env.JEKYLL_AUTHOR_HOST_CPU_PROFILE = folder;
  say(`CPU profiles go to ${folder}`);
}
const runsArgument = process.argv.indexOf('--runs');
const timingRuns = runsArgument > 0 ? Math.max(1, Number(process.argv[runsArgument + 1]) || 1) : 1;
let code = 1;
try {
  if (!fs.existsSync(TESTS)) throw new Error(`${path.relative(REPO, TESTS)} is missing: run "npm run pretest:vscode" (or "npm run test:vscode") first`);
  if (!fs.existsSync(path.join(REPO, 'dist', 'client', 'extension.js'))) throw new Error('dist/client/extension.js is missing: run "npm run build"');
  const executable = await electronExecutable();
  code = 0;
  if (!timingsOnly) {
    const workspace = workspaceCopy();
    code = executable ? await runOnElectron(executable, workspace, TESTS) : await runOnCodeServer(workspace, TESTS, ARTIFACTS);
    await cleanup();
  }
  // A run narrowed to some tests (JEKYLL_AUTHOR_VSCODE_GREP, read by test/vscode/index.ts) is about them.
  if (code === 0 && process.env.JEKYLL_AUTHOR_VSCODE_GREP) say('JEKYLL_AUTHOR_VSCODE_GREP is set: the timing suite does not run');
  else if (code === 0) code = await runTimings(executable, timingRuns);
} catch (error) {
  console.error(`[test:vscode] ${error.stack ?? error}`);
  code = 1;
} finally {
  await cleanup();
}
say(`${code === 0 ? 'passed' : 'FAILED'} in ${elapsed()}`);
process.exit(code);
