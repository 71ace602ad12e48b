// The figures of issue 13 (hostile and broken input), as `npm run bench` reports them:
// - `bin/jekyll-author render` of a 5 MB and a 50 MB page full of Liquid tags: time and peak memory,
//   with the goal beside them (50 MB in 10 s within 1 GB, in proportion for 5 MB);
// - hover latency while the language server renders a 5 MB page for the preview (in its render
//   worker), once the server has checked the opened page; and how long that first check took;
// - bursts of 1 000 quick edits sent without waiting: from the last edit to the diagnostics of the
//   last text, p50/p95 over the bursts.
// Usage (after `npm run build && tsc -p .`): node bench/hostile-input.mjs [--sizes 5,50] [--bursts 10] [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { TestClient } = require(path.join(repo, 'out/test/lsp/lsp-client.js'));

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '5,50' }, bursts: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } } });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-hostile-'));
const log = (message) => process.stderr.write(`${message}\n`);
const LINE = 'Paragraph {{ page.title }} with {% if page.title %}a tag{% endif %} and text.\n\n';

function bigSite(megabytes) {
  const root = path.join(work, `site-${megabytes}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '_config.yml'), 'title: Big\n');
  const repeat = Math.ceil((megabytes * 1e6) / LINE.length);
  fs.writeFileSync(path.join(root, 'big.md'), `---\nlayout: none\ntitle: Big\n---\n${LINE.repeat(repeat)}`);
  return root;
}

/** One `render` process: wall time and peak resident memory. */
function renderProcess(root) {
  const rssFile = path.join(work, 'max-rss');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', path.join(repo, 'bench/max-rss.cjs'), path.join(repo, 'bin/jekyll-author'), 'render', 'big.md', '-o', path.join(work, 'out.html')],
    { cwd: root, env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds: Number(seconds.toFixed(1)), maxRssMb: Math.round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024), status: result.status, problems: result.stderr.split('\n').filter(Boolean).slice(0, 3) };
}

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1));
};

/** Waits, longer than the tests do: a loaded machine takes its time over a 5 MB page. */
function waitFor(client, check, what, timeoutMs = 300_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), timeoutMs);
    const poll = setInterval(() => {
      if (!check()) return;
      clearTimeout(timer);
      clearInterval(poll);
      resolve();
    }, 20);
  });
}

/** Hover latencies (ms) while the server renders the 5 MB page for the preview, once it has checked the page. */
async function hoverDuringRender(root) {
  const client = await TestClient.start(root);
  try {
    const opened = performance.now();
    await client.open('big.md');
    const uri = client.uri('big.md');
    await waitFor(client, () => client.diagnostics.has(uri), 'the opened page\'s diagnostics');
    const checkedMs = performance.now() - opened;
    let rendering = true;
    const renderStarted = performance.now();
    const render = client.connection.sendRequest('jekyllAuthor/renderPreview', { uri }).finally(() => { rendering = false; });
    const latencies = [];
    while (rendering && latencies.length < 200) {
      const sent = performance.now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
      latencies.push(performance.now() - sent);
    }
    const outcome = await render.then((page) => `${page.html.length} characters`, (error) => error.message);
    return {
      hovers: latencies.length, p50Ms: percentile(latencies, 50), maxMs: percentile(latencies, 100),
      renderSeconds: Number(((performance.now() - renderStarted) / 1000).toFixed(1)), render: outcome, openToDiagnosticsMs: Math.round(checkedMs),
    };
  } finally {
    await client.stop();
  }
}

/** From the last of 1 000 edits sent at once to the diagnostics of that last text, over several bursts. */
async function editBursts(bursts) {
  const root = fs.mkdtempSync(path.join(work, 'edits-'));
  fs.cpSync(path.join(repo, 'test/fixtures/example-site'), root, { recursive: true });
  const client = await TestClient.start(root);
  const page = 'impact.md';
  const waits = [];
  try {
    await client.open(page);
    await client.waitForDiagnostics(page, () => true, 'the opened page');
    let lineText = 'zz: 1';
    await client.change(page, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, `${lineText}\n`);
    for (let burst = 0; burst < bursts; burst++) {
      let last;
      // Each edit rewrites line 2 as a new unknown field; the last leaves `zz<burst>x999`.
      for (let i = 0; i < 1000; i++) {
        const next = `zz${burst}x${i}: 1`;
        last = client.change(page, { start: { line: 1, character: 0 }, end: { line: 1, character: lineText.length } }, next);
        lineText = next;
      }
      await last;
      const sent = performance.now();
      const wanted = new RegExp(`zz${burst}x999`);
      await waitFor(client, () => client.diagnosticsOf(page).some((d) => wanted.test(d.message)), 'the last edit\'s diagnostics');
      waits.push(performance.now() - sent);
    }
    return { bursts: waits.length, p50Ms: percentile(waits, 50), p95Ms: percentile(waits, 95) };
  } finally {
    await client.stop();
  }
}

const results = { render: [], hoverWhileRendering: undefined, lastOfThousandEdits: undefined };
/** Runs one measure; a failure (a busy machine timing out) is recorded, and the others still run. */
async function measure(what, run) {
  log(`${what}…`);
  try {
    const figure = await run();
    log(`  ${JSON.stringify(figure)}`);
    return figure;
  } catch (error) {
    log(`  failed: ${error.message}`);
    return { failed: error.message };
  }
}
/** Issue 13's goal, a 50 MB page in 10 s within 1 GB, in proportion for other sizes. */
const renderGoal = (megabytes) => ({ seconds: megabytes / 5, maxRssMb: Math.round((megabytes * 1024) / 50) });
for (const size of values.sizes.split(',').map(Number)) {
  results.render.push({ megabytes: size, goal: renderGoal(size), ...await measure(`rendering a ${size} MB page`, () => renderProcess(bigSite(size))) });
}
results.hoverWhileRendering = await measure('hover while a 5 MB page renders', () => hoverDuringRender(bigSite(5)));
results.lastOfThousandEdits = await measure('bursts of 1 000 edits', () => editBursts(Number(values.bursts)));
fs.rmSync(work, { recursive: true, force: true });
console.log(values.json ? JSON.stringify(results) : JSON.stringify(results, null, 1));
