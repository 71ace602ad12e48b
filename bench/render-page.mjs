// Times `renderPage` on a section-home page: in-process (median and 95th percentile over repeated
// renders, the first one reported apart) and the whole `bin/jekyll-author render` process.
// Usage (after `npx tsc -p .` and `npm run build`):
//   node bench/generate-site.mjs --pages 0 --out /tmp/corpus-site
//   node bench/render-page.mjs --root /tmp/corpus-site --page impact.md [--runs 200]
//   node bench/render-page.mjs --root /tmp/corpus-site --layout default --json   (the first page with that
//     layout; prints the figures as JSON, in-process renders only, for `npm run bench`)
//   --worker: renders through the preview's render worker (a worker thread, as the language server does)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Site } = require(path.join(repo, 'out/server/src/site/site.js'));
const { renderPage: renderInProcess } = require(path.join(repo, 'out/server/src/render/page.js'));
const { RenderHost } = require(path.join(repo, 'out/server/src/lsp/render-host.js'));

const { values } = parseArgs({
  options: {
    root: { type: 'string' }, page: { type: 'string' }, layout: { type: 'string' }, runs: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false }, worker: { type: 'boolean', default: false },
  },
});
if (!values.root) {
  console.error('Usage: node bench/render-page.mjs --root DIR [--page impact.md | --layout NAME] [--runs 200] [--json]');
  process.exit(2);
}
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const host = values.worker ? new RenderHost() : undefined;
const renderPage = host ? (site, relPath) => host.render(site, relPath, {}, () => []) : renderInProcess;
const site = Site.load(values.root);
values.page ??= values.layout
  ? [...site.pages.values()].filter((p) => p.layout === values.layout).map((p) => p.relPath).sort()[0]
  : 'impact.md';
let start = performance.now();
const first = await renderPage(site, values.page);
const firstMs = performance.now() - start;
const times = [];
for (let i = 0; i < Number(values.runs); i++) {
  start = performance.now();
  await renderPage(site, values.page);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
// An edit to another page bumps the site version: the site drops and rendered documents are rebuilt.
const page = [...site.pages.values()].find((p) => p.data.parent === site.pages.get(values.page)?.data.section);
const afterEdit = [];
for (let i = 0; page && i < 50; i++) {
  site.setFile(page.relPath, page.text.replace(/^title: .*$/m, `title: Edited ${i}`));
  start = performance.now();
  await renderPage(site, values.page);
  afterEdit.push(performance.now() - start);
}
afterEdit.sort((a, b) => a - b);
// What the preview does while the author types in the page it shows.
const own = site.pages.get(values.page);
const afterOwnEdit = [];
for (let i = 0; i < 50; i++) {
  site.setFile(own.relPath, `${own.text}\nTyped ${i}.\n`);
  start = performance.now();
  await renderPage(site, values.page);
  afterOwnEdit.push(performance.now() - start);
}
site.setFile(own.relPath, own.text);
afterOwnEdit.sort((a, b) => a - b);
if (values.json) {
  console.log(JSON.stringify({
    page: values.page, firstMs, p50: percentile(times, 50), p95: percentile(times, 95),
    afterEditP50: percentile(afterOwnEdit, 50), afterEditP95: percentile(afterOwnEdit, 95),
  }));
  process.exit(0);
}
host?.dispose();
const processTimes = [];
for (let i = 0; i < 5; i++) {
  start = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, 'bin/jekyll-author'), 'render', path.join(values.root, values.page)], { encoding: 'utf8' });
  processTimes.push(performance.now() - start);
  if (result.status !== 0) throw new Error(result.stderr);
}
processTimes.sort((a, b) => a - b);
const ms = (n) => `${n.toFixed(1)} ms`;
console.log(`${values.page} on ${site.pages.size} pages: ${first.html.length} characters, ${first.problems.length} problems, ${first.stylesheets.length} stylesheets`);
console.log(`first render (Sass, templates, site drops): ${ms(firstMs)}`);
console.log(`repeat renders (${times.length}): median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
if (afterEdit.length) console.log(`after editing a menu page (${afterEdit.length}): median ${ms(percentile(afterEdit, 50))}, p95 ${ms(percentile(afterEdit, 95))}`);
console.log(`after editing the page itself (${afterOwnEdit.length}): median ${ms(percentile(afterOwnEdit, 50))}, p95 ${ms(percentile(afterOwnEdit, 95))}`);
console.log(`whole render process (${processTimes.length}): median ${ms(percentile(processTimes, 50))}, p95 ${ms(percentile(processTimes, 95))}`);
