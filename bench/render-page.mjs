// Times `renderPage` on a section-home page: in-process (median and 95th percentile over repeated
// renders, the first one reported apart) and the whole `bin/jekyll-author render` process.
// Usage (after `npx tsc -p .` and `npm run build`):
//   node bench/generate-site.mjs --pages 0 --out /tmp/corpus-site
//   node bench/render-page.mjs --root /tmp/corpus-site --page impact.md [--runs 200]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Site } = require(path.join(repo, 'out/server/src/site/site.js'));
const { renderPage } = require(path.join(repo, 'out/server/src/render/page.js'));

const { values } = parseArgs({ options: { root: { type: 'string' }, page: { type: 'string', default: 'impact.md' }, runs: { type: 'string', default: '200' } } });
if (!values.root) {
  console.error('Usage: node bench/render-page.mjs --root DIR [--page impact.md] [--runs 200]');
  process.exit(2);
}
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const site = Site.load(values.root);
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
console.log(`whole render process (${processTimes.length}): median ${ms(percentile(processTimes, 50))}, p95 ${ms(percentile(processTimes, 95))}`);
