// Shared code for running the extension in a real VS Code without internet: code-server (the VS Code
// server with its web workbench) on Node 24, both installed on first use from the npm registry into a
// cache folder outside the project's node_modules, then started on 127.0.0.1 with throw-away state.
// Used by scripts/start.mjs and scripts/test-vscode.mjs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** The user settings of every throw-away profile: nothing phones home, nothing updates itself. */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // The empty chat side bar would take a fifth of every screenshot.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function cacheDir() {
  return process.env.JEKYLL_AUTHOR_CACHE || path.join(os.homedir(), '.cache', 'jekyll-author');
}

const nodePackageDir = (prefix) => path.join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`);
const codeServerPrefix = () => path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);

/** VS Code's built-in extensions (their grammars among them) in the cached code-server; absent before first use. */
export function builtinExtensionsDir() {
  return path.join(codeServerPrefix(), 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
}

/** The environment for npm and code-server: this project's npm_* settings (set by `npm run`) removed. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  return result;
}

/**
 * Installs `spec` with npm into `finalDir` unless it is already complete there. Installs into a temporary
 * sibling first and renames it into place, so an interrupted install is never taken for a finished one.
 */
function npmInstallOnce(finalDir, spec, { env, log, check }) {
  if (fs.existsSync(path.join(finalDir, '.complete'))) return false;
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  const staging = fs.mkdtempSync(`${finalDir}.partial-`);
  try {
    log(`installing ${spec} into ${finalDir} (first use only; code-server takes about 2 minutes)…`);
    fs.writeFileSync(path.join(staging, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--prefix', staging, '--no-save', '--no-audit', '--no-fund', '--foreground-scripts', spec],
      { cwd: staging, env, maxBuffer: 64 * 1024 * 1024 });
    check(staging);
    fs.writeFileSync(path.join(staging, '.complete'), `${spec}\n`);
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(staging, finalDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(path.join(finalDir, '.complete'))) return false; // another process won the race
    throw error;
  }
  return true;
}

/**
 * Node 24 and code-server in the cache, installed on first use (about 90 s and 620 MB), reused after.
 * Returns { node, entry, installed, seconds }: `node` the Node 24 binary, `entry` code-server's script.
 */
export function ensureCodeServer({ log = (m) => console.error(`[vscode-host] ${m}`) } = {}) {
  const started = Date.now();
  const cache = cacheDir();
  const nodePrefix = path.join(cache, `node-${NODE_VERSION}`);
  const serverPrefix = codeServerPrefix();
  const nodeDir = () => nodePackageDir(nodePrefix);
  const node = () => path.join(nodeDir(), 'bin', 'node');
  const entry = path.join(serverPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

  let installed = npmInstallOnce(nodePrefix, `node-${process.platform}-${process.arch}@${NODE_VERSION}`, {
    env: cleanEnv(), log,
    check: (dir) => run(path.join(nodePackageDir(dir), 'bin', 'node'), ['--version']),
  });
  // code-server's install builds native modules against this Node: its headers, not the machine's
  // (the npmrc here says nodedir=/usr, Node 20's). It needs the kerberos headers (Debian: libkrb5-dev).
  installed = npmInstallOnce(serverPrefix, `code-server@${CODE_SERVER_VERSION}`, {
    env: cleanEnv({ PATH: `${path.join(nodeDir(), 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: nodeDir() }),
    log,
    check: (dir) => {
      const script = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
      if (!fs.existsSync(script)) throw new Error(`code-server installed without ${script}`);
      // The postinstall builds the VS Code server's own modules: a missing one shows up here, not at run time.
      // XDG_* into the staging folder: code-server writes a config (with a password) and logs there.
      const xdg = path.join(dir, '.xdg');
      run(node(), [script, '--version'], {
        env: cleanEnv({ XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data') }),
      });
      fs.rmSync(xdg, { recursive: true, force: true });
    },
  }) || installed;
  const seconds = (Date.now() - started) / 1000;
  if (installed) log(`code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} ready in ${seconds.toFixed(1)} s`);
  return { node: node(), entry, installed, seconds };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const running = new Set();
process.on('exit', () => {
  for (const server of running) killGroup(server.process, 'SIGKILL');
});

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* gone */ }
  }
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless `port` is given) with a throw-away configuration,
 * profile and extensions folder, and waits for /healthz. `workspace` is the folder it opens by default;
 * `install` lists .vsix files installed into the throw-away extensions folder first.
 * Returns { port, origin, url, process, stateDir, extensionsDir, stop() }.
 */
export async function startCodeServer({
  workspace, port, install = [], smokeTestDriver = true, log = (m) => console.error(`[vscode-host] ${m}`), quiet = true,
  healthTimeoutMs = 60_000,
} = {}) {
  const { node, entry } = ensureCodeServer({ log });
  port ??= await freePort();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-code-server-'));
  const userDataDir = path.join(stateDir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(extensionsDir);
  fs.mkdirSync(path.join(stateDir, 'xdg-config'));
  // Without XDG_CONFIG_HOME it would write a config file with a password into the home folder.
  const env = cleanEnv({ XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'), XDG_DATA_HOME: path.join(stateDir, 'xdg-data') });
  const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of install) {
    try {
      run(node, [entry, ...profile, '--install-extension', path.resolve(vsix)], { env });
    } catch (error) {
      fs.rmSync(stateDir, { recursive: true, force: true });
      throw error;
    }
  }
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    ...profile,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--reconnection-grace-time', '5',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(workspace ? [workspace] : []),
  ];
  const logFile = path.join(stateDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(node, args, {
    cwd: stateDir,
    detached: true, // its own process group, so stop() ends the extension host and the rest with it
    stdio: ['ignore', quiet ? out : 'inherit', quiet ? out : 'inherit'],
    env,
  });
  fs.closeSync(out);
  const origin = `http://127.0.0.1:${port}`;
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  const server = {
    port, origin, url: `${origin}/`, process: child, stateDir, extensionsDir, logFile,
    async stop({ keepState = false } = {}) {
      running.delete(server);
      if (!exited) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
        killGroup(child, 'SIGKILL'); // stragglers of the group (extension host, language server)
      }
      if (!keepState) fs.rmSync(stateDir, { recursive: true, force: true });
    },
    logTail: (lines = 30) => {
      try { return fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n'); } catch { return ''; }
    },
  };
  running.add(server);

  const deadline = Date.now() + healthTimeoutMs;
  for (;;) {
    if (exited) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it answered:\n${tail}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server did not answer ${origin}/healthz within ${healthTimeoutMs / 1000} s:\n${tail}`);
    }
    await sleep(200);
  }
  return server;
}

/** Stops a server from startCodeServer: its whole process group, then its throw-away state. */
export async function stopCodeServer(server, options) {
  if (server) await server.stop(options);
}

/**
 * The workbench address that opens `folder` with `extensionDevelopmentPath` (and, for tests,
 * `extensionTestsPath`) as paths on the server. The authority must be 127.0.0.1:PORT, as served.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.origin}/${query.length ? `?${query.join('&')}` : ''}`;
}

/**
 * Headless Chromium (playwright-core) with a throw-away profile. Returns { context, page, close() };
 * close() also removes the profile.
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
    const page = context.pages()[0] ?? await context.newPage();
    return {
      context, page,
      async close() {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The extension host's log (activation, the extensions' output) below a code-server logs folder, if any. */
export function findExtensionHostLog(logsDir) {
  if (!fs.existsSync(logsDir)) return undefined;
  for (const entry of fs.readdirSync(logsDir, { withFileTypes: true })) {
    const full = path.join(logsDir, entry.name);
    const found = entry.isDirectory() ? findExtensionHostLog(full) : entry.name === 'remoteexthost.log' ? full : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A throw-away copy of test/fixtures/example-site (tests edit it). Returns { workspace, remove() }. */
export function copyExampleSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-vscode-ws-'));
  const workspace = path.join(dir, 'example-site');
  fs.cpSync(path.join(REPO, 'test', 'fixtures', 'example-site'), workspace, { recursive: true });
  return { workspace, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
