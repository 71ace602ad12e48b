// Measures the language server through LSP, as an editor drives it, on one site:
// - from `initialize` to the server's "Checked … files" log line, sent after the last diagnostics of the
//   first whole-site pass;
// - the longest stall of the server's event loop meanwhile, seen from the client: a request no handler
//   serves (answered at once by the protocol layer) every 5 ms, and the longest any waited;
// - 1 000 keystrokes in an open page's front matter, each `didChange` to the `publishDiagnostics` of that
//   page (each one changes its problems: what an editor waits for to repaint);
// - 200 keystrokes in its body that change no problem, so nothing is published and there is nothing to
//   repaint: each is timed to the answer to a request sent right after it, which the server reads once it
//   has checked the edit (the time until an editor would have had new problems, had there been any);
// - hover and completion at every key and value of a sample of pages;
// - the longest stall from the first keystroke to the end (the whole-site passes after edits included).
// The pings that watch for stalls pause while a keystroke or a request is in flight (an editor sends
// none, and they would share both event loops with it); its round trip then stands for them in the
// longest stall.
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
const QUIET_KEYSTROKES = 200;
/** Issue 14's goals for the server on 10 000 pages (ms). */
export const SERVER_GOALS = { roundTripP95: 2, worstStall: 50, hoverP95: 5, completionP95: 5 };

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
    await editing.pause();
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
    editing.resume();
    await sleep(Math.max(0, KEY_INTERVAL_MS - (performance.now() - sent)));
  }

  // Keystrokes in the body (after the first line of text), typing a word and deleting it: no problem changes.
  await sleep(PAUSE_MS);
  const bodyLine = fs.readFileSync(path.join(root, page), 'utf8').split('\n').indexOf('---', 1) + 3;
  const publishedBefore = client.publishCounts.get(uri);
  const quietEdits = [];
  for (let i = 0; i < QUIET_KEYSTROKES; i++) {
    const typing = Math.floor(i / 10) % 2 === 0;
    const column = i % 10 + (typing ? 0 : -2 * (i % 10) + 9);
    await editing.pause();
    const sent = performance.now();
    const at = { line: bodyLine, character: column };
    await client.change(page, { start: at, end: typing ? at : { line: bodyLine, character: column + 1 } }, typing ? 'w' : '');
    await client.connection.sendRequest('jekyllAuthor/bench-ping').catch(() => undefined);
    quietEdits.push(performance.now() - sent);
    editing.resume();
    await sleep(Math.max(0, KEY_INTERVAL_MS - (performance.now() - sent)));
  }
  const quietPublished = client.publishCounts.get(uri) - publishedBefore;

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
        await editing.pause();
        let sent = performance.now();
        await client.connection.sendRequest('textDocument/hover', params);
        hovers.push(performance.now() - sent);
        sent = performance.now();
        await client.connection.sendRequest('textDocument/completion', params);
        completions.push(performance.now() - sent);
        editing.resume();
      }
    }
  }

  const worstStallEditingMs = Math.max(await editing.stop(), ...roundTrips, ...quietEdits, ...hovers, ...completions);
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
    quietEdit: { ...percentiles(quietEdits), published: quietPublished },
    hover: percentiles(hovers),
    completion: percentiles(completions),
    maxRssKb,
  };
}

/**
 * Pings the server every 5 ms with a request no handler serves (the protocol layer answers it as soon
 * as the event loop gets to it); `pause` waits for the ping in flight and sends no more until `resume`;
 * `stop` ends and gives the longest wait.
 */
function watchStalls(client) {
  let worst = 0;
  let pinging = true;
  let paused;
  let inFlight = Promise.resolve();
  const pings = (async () => {
    while (pinging) {
      if (paused) await paused.promise;
      const sent = performance.now();
      const answered = client.connection.sendRequest('jekyllAuthor/bench-ping').catch(() => undefined)
        .then(() => { worst = Math.max(worst, performance.now() - sent); });
      inFlight = answered;
      await Promise.race([answered, sleep(PING_MS)]);
      await sleep(PING_MS);
    }
  })();
  return {
    async pause() {
      if (!paused) {
        let resolve;
        paused = { promise: new Promise((done) => { resolve = done; }) };
        paused.resolve = resolve;
      }
      await inFlight;
    },
    resume() {
      paused?.resolve();
      paused = undefined;
    },
    async stop() {
      pinging = false;
      this.resume();
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
  const result = await measureServer(path.resolve(positionals[0]), options);
  console.log(JSON.stringify(result, null, 1));
  console.error(summary(result));
}

/** The figures beside issue 14's goals, for a person reading a run. */
export function summary(r) {
  const ms = (value) => `${value.toFixed(2)} ms`;
  const met = (value, goal) => (value <= goal ? 'met' : 'NOT MET');
  const { p50, p95, p99 } = r.roundTrip;
  const q = r.quietEdit;
  return [
    `${r.pages} pages; first whole-site pass ${(r.indexedMs / 1000).toFixed(1)} s; server peak ${(r.maxRssKb / 1024).toFixed(0)} MB`,
    `edit → its diagnostics (${r.keystrokes}): p50 ${ms(p50)}, p95 ${ms(p95)} (goal ≤ ${SERVER_GOALS.roundTripP95}: ${met(p95, SERVER_GOALS.roundTripP95)}), p99 ${ms(p99)}, max ${ms(r.roundTrip.max)}`,
    `edit that changes no problem → checked (${q.count}, ${q.published} published): p50 ${ms(q.p50)}, p95 ${ms(q.p95)}, p99 ${ms(q.p99)}`,
    `longest stall: indexing ${ms(r.worstStallMs)}, editing ${ms(r.worstStallEditingMs)} (goal ≤ ${SERVER_GOALS.worstStall}: ${met(Math.max(r.worstStallMs, r.worstStallEditingMs), SERVER_GOALS.worstStall)})`,
    `hover p95 ${ms(r.hover.p95)} (goal ≤ ${SERVER_GOALS.hoverP95}: ${met(r.hover.p95, SERVER_GOALS.hoverP95)}); completion p95 ${ms(r.completion.p95)} (goal ≤ ${SERVER_GOALS.completionP95}: ${met(r.completion.p95, SERVER_GOALS.completionP95)})`,
  ].join('\n');
}
