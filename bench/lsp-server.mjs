// Measures the language server through LSP, as an editor drives it, on one site:
// - from `initialize` to the server's "Checked … files" log line, sent after the last diagnostics of the
//   first whole-site pass;
// - the longest stall of the server's event loop meanwhile, seen from the client: a request no handler
//   serves (answered at once by the protocol layer) every 5 ms, and the longest any waited;
// - 1 000 keystrokes in an open page, each `didChange` to the `publishDiagnostics` of that page;
// - hover and completion at every key and value of a sample of pages;
// - the longest stall from the first keystroke to the end (the whole-site passes after edits included).
// The test suite's LSP client (out/test/lsp/lsp-client.js, `tsc -p .`) talks to the built server.
// Usage: node bench/lsp-server.mjs SITE [--keystrokes 1000] [--page impact.md] [--cpu-profile DIR]
// (prints JSON; --cpu-profile writes the server's CPU profile into DIR, for Chrome's DevTools)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { TestClient, withTimeout } = require(path.join(repo, 'out/test/lsp/lsp-client.js'));
const { ExitNotification, ShutdownRequest } = require('vscode-languageserver-protocol/node');

const PING_MS = 5;
const FIRST_PASS_LIMIT_MS = 120_000;
/** Typing faster than anyone (33 keys a second), with a pause now and then that lets the whole-site pass run. */
const KEY_INTERVAL_MS = 30;
const PAUSE_EVERY = 100;
const PAUSE_MS = 1500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureServer(root, { keystrokes = 1000, page = 'impact.md', samplePages = 10, cpuProfileDir } = {}) {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-rss-')), 'server');
  const env = { NODE_OPTIONS: process.env.NODE_OPTIONS, BENCH_MAX_RSS_FILE: process.env.BENCH_MAX_RSS_FILE, BENCH_CPU_PROFILE_DIR: process.env.BENCH_CPU_PROFILE_DIR };
  const preload = ['max-rss.cjs', ...(cpuProfileDir ? ['cpu-profile.cjs'] : [])].map((file) => `--require ${path.join(repo, 'bench', file)}`);
  process.env.NODE_OPTIONS = [env.NODE_OPTIONS ?? '', ...preload].join(' ').trim();
  process.env.BENCH_MAX_RSS_FILE = rssFile;
  if (cpuProfileDir) process.env.BENCH_CPU_PROFILE_DIR = path.resolve(cpuProfileDir);
  const started = performance.now();
  let client;
  try {
    client = await TestClient.start(root);
  } finally {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const initialized = performance.now();

  const indexing = watchStalls(client);
  // Polled rather than awaited with the test client's timeout, which a loaded machine can outlast at 10 000 pages.
  let checked;
  while (!(checked = client.logs.find((log) => /^Checked .* files? in/.test(log.message)))) {
    if (client.exited || performance.now() - started > FIRST_PASS_LIMIT_MS) throw new Error(`No whole-site pass after ${FIRST_PASS_LIMIT_MS} ms`);
    await sleep(PING_MS);
  }
  const indexedMs = performance.now() - started;
  const worstStallMs = await indexing.stop();

  // From here to the end: the keystrokes, the whole-site passes they cause, hovers and completions.
  const editing = watchStalls(client);
  // Keystrokes: typing a field name letter by letter, then deleting it, so that each one changes the page's diagnostics.
  const uri = client.uri(page);
  await client.open(page);
  const opened = await client.waitForDiagnostics(page, () => true, 'the opened page');
  await client.change(page, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'zz: x\n');
  await client.waitFor(() => (client.diagnostics.get(uri) !== opened ? true : undefined), 'the first edit');
  const roundTrips = [];
  let keyLength = 2;
  for (let i = 0; i < keystrokes; i++) {
    if (i > 0 && i % PAUSE_EVERY === 0) await sleep(PAUSE_MS);
    const typing = Math.floor(i / 20) % 2 === 0;
    const before = client.diagnostics.get(uri);
    const sent = performance.now();
    if (typing) {
      await client.change(page, { start: { line: 1, character: keyLength }, end: { line: 1, character: keyLength } }, 'abcdefghijklmnopqrst'[i % 20]);
      keyLength++;
    } else {
      await client.change(page, { start: { line: 1, character: keyLength - 1 }, end: { line: 1, character: keyLength } }, '');
      keyLength--;
    }
    await client.waitFor(() => (client.diagnostics.get(uri) !== before ? true : undefined), `the diagnostics of keystroke ${i}`);
    roundTrips.push(performance.now() - sent);
    await sleep(Math.max(0, KEY_INTERVAL_MS - (performance.now() - sent)));
  }

  // Hover and completion at each key and value of a sample of pages, as they are on the disk.
  const hovers = [];
  const completions = [];
  const sample = samplePaths(root, samplePages);
  for (const relPath of sample) {
    const lines = fs.readFileSync(path.join(root, relPath), 'utf8').split('\n');
    const end = lines.indexOf('---', 1);
    for (let line = 1; line < end; line++) {
      const match = /^([\w-]+):\s*(.*)$/.exec(lines[line]);
      if (!match) continue;
      const positions = [{ line, character: 1 }, { line, character: lines[line].length }];
      for (const position of positions) {
        const params = { textDocument: { uri: client.uri(relPath) }, position };
        let sent = performance.now();
        await client.connection.sendRequest('textDocument/hover', params);
        hovers.push(performance.now() - sent);
        sent = performance.now();
        await client.connection.sendRequest('textDocument/completion', params);
        completions.push(performance.now() - sent);
      }
    }
  }

  const worstStallEditingMs = await editing.stop();
  await withTimeout(client.connection.sendRequest(ShutdownRequest.type), 'shutdown');
  await client.connection.sendNotification(ExitNotification.type);
  await client.waitFor(() => client.exited, 'the server to exit');
  client.connection.dispose();
  const maxRssKb = Number(fs.readFileSync(rssFile, 'utf8'));
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return {
    pages: Number(/(\d+) pages/.exec(client.logs.find((log) => /^Indexed /.test(log.message))?.message ?? '')?.[1] ?? NaN),
    checkedLog: checked.message,
    startMs: initialized - started,
    indexedMs,
    worstStallMs,
    worstStallEditingMs,
    keystrokes: roundTrips.length,
    roundTrip: percentiles(roundTrips),
    hover: percentiles(hovers),
    completion: percentiles(completions),
    maxRssKb,
  };
}

/**
 * Pings the server every 5 ms with a request no handler serves (the protocol layer answers it as soon
 * as the event loop gets to it); `stop` ends and gives the longest wait.
 */
function watchStalls(client) {
  let worst = 0;
  let pinging = true;
  const pings = (async () => {
    while (pinging) {
      const sent = performance.now();
      const answered = client.connection.sendRequest('jekyllAuthor/bench-ping').catch(() => undefined)
        .then(() => { worst = Math.max(worst, performance.now() - sent); });
      await Promise.race([answered, sleep(PING_MS)]);
      await sleep(PING_MS);
    }
  })();
  return {
    async stop() {
      pinging = false;
      await pings;
      return worst;
    },
  };
}

/** Every `n`-th page of the site's sorted Markdown pages outside the copies, and the same in the first copy. */
function samplePaths(root, n) {
  const all = fs.readdirSync(root, { recursive: true }).map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith('.md') && !p.startsWith('_') && !p.includes('README')).sort();
  const step = Math.max(1, Math.floor(all.length / n));
  return all.filter((_, i) => i % step === 0).slice(0, n);
}

export function percentiles(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true, options: {
      keystrokes: { type: 'string', default: '1000' }, page: { type: 'string', default: 'impact.md' }, 'cpu-profile': { type: 'string' },
    },
  });
  const options = { keystrokes: Number(values.keystrokes), page: values.page, cpuProfileDir: values['cpu-profile'] };
  console.log(JSON.stringify(await measureServer(path.resolve(positionals[0]), options), null, 1));
}
