// `npm start`: builds the extension, then opens test/fixtures/example-site (or the folder given) in VS Code
// with this repository loaded as a development extension:
//   - desktop VS Code (`code --extensionDevelopmentPath=<repo> <site>`) when `code` is on the PATH;
//   - otherwise code-server on 127.0.0.1 (installed on first use, see scripts/vscode-host.mjs), printing
//     the address to open in a browser. Ctrl+C stops it.
// Options: --port N (code-server's port; default a free one), --no-open (do not start a browser),
//          --code-server (use code-server even when `code` is on the PATH), [folder].
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, startCodeServer, workbenchUrl } from './vscode-host.mjs';

function usage(message) {
  if (message) console.error(`start: ${message}`);
  console.error('usage: npm start -- [--port N] [--no-open] [--code-server] [folder]');
  process.exit(message ? 2 : 0);
}

const options = { port: undefined, open: true, codeServer: false, folder: path.join(REPO, 'test', 'fixtures', 'example-site') };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--port' || arg.startsWith('--port=')) {
    const value = arg.includes('=') ? arg.slice('--port='.length) : argv[++i];
    options.port = Number(value);
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) usage(`bad port: ${value}`);
  } else if (arg === '--no-open') options.open = false;
  else if (arg === '--code-server') options.codeServer = true;
  else if (arg === '--help' || arg === '-h') usage();
  else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else options.folder = path.resolve(arg);
}
if (!fs.statSync(options.folder, { throwIfNoEntry: false })?.isDirectory()) usage(`no such folder: ${options.folder}`);

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

console.log('start: building…');
const build = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (!options.codeServer && onPath('code')) {
  console.log(`start: code --extensionDevelopmentPath=${REPO} ${options.folder}`);
  const code = spawn('code', [`--extensionDevelopmentPath=${REPO}`, options.folder], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const server = await startCodeServer({ workspace: options.folder, port: options.port, log: (m) => console.log(`start: ${m}`) });
  const url = workbenchUrl(server, { folder: options.folder, extensionDevelopmentPath: REPO });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstart: stopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  server.process.on('exit', (status, signal) => {
    if (stopping) return;
    console.error(`start: code-server exited (${status ?? signal}); its last lines:\n${server.logTail()}`);
    void server.stop().finally(() => process.exit(1));
  });
  console.log(`
Jekyll Author is running in code-server (VS Code in the browser), with this repository as a development extension.
Open:

  ${url}

(${server.origin}/ alone opens the site too, but without the extension.) Rebuild with \`npm run build\`
and run "Developer: Reload Window" to pick up changes. Ctrl+C stops it.`);
  const display = process.platform === 'darwin' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  if (options.open && display && onPath(opener)) {
    spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  }
}
