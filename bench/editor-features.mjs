// Measures hover and completion in-process on a large site, at every key and value of a sample of
// pages, as the site stands and right after an edit (which invalidates the per-version caches).
// Usage: npx tsc -p . && node bench/generate-site.mjs --pages 10000 --out /tmp/site10k
//        node bench/editor-features.mjs /tmp/site10k [--sample 300]
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { SiteWorkspace } = require(path.join(repo, 'out/server/src/service/workspace.js'));
const { hoverAt } = require(path.join(repo, 'out/server/src/features/hover.js'));
const { completionsAt } = require(path.join(repo, 'out/server/src/features/completion.js'));

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sample: { type: 'string', default: '300' } } });
const root = positionals[0] ?? '/tmp/site10k';
const started = performance.now();
const workspace = SiteWorkspace.open(root);
console.log(`${workspace.site.pages.size} pages, ${workspace.site.files.size} files, read in ${Math.round(performance.now() - started)} ms`);

const pages = [...workspace.site.pages.values()].filter((page) => page.frontMatter.root).sort((a, b) => a.relPath.localeCompare(b.relPath));
const step = Math.max(1, Math.floor(pages.length / Number(values.sample)));
const sample = pages.filter((_, i) => i % step === 0);

// Wall time, and CPU time: on a busy machine the wall time also counts waiting for a core.
const timings = { hover: [], completion: [], 'completion after an edit': [], 'edit + completion': [] };
const cpu = { hover: [], completion: [], 'completion after an edit': [], 'edit + completion': [] };
const time = (what, work) => {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(startCpu);
  timings[what].push(performance.now() - start);
  cpu[what].push((used.user + used.system) / 1000);
};

for (const { relPath } of sample) {
  const page = workspace.site.pages.get(relPath);
  // Every key and value of the front matter: its first and last character.
  const offsets = [];
  for (const pair of page.frontMatter.root.items) {
    for (const node of [pair.key, pair.value]) {
      if (!node?.range) continue;
      const [start, end] = page.frontMatter.offsetsOf(node);
      offsets.push(start, Math.max(start, end - 1));
    }
  }
  for (const offset of offsets) {
    const position = page.lines.positionAt(offset);
    time('hover', () => hoverAt(workspace, relPath, position));
    time('completion', () => completionsAt(workspace, relPath, position));
  }
  // Typing: a new key, then an empty `parent:` and `layout:`, each an edit the server applies first.
  const original = page.text;
  const insertAt = page.frontMatter.block.yamlStart;
  for (const line of ['la', 'parent: ', 'layout: ']) {
    const text = `${original.slice(0, insertAt)}${line}\n${original.slice(insertAt)}`;
    const position = { line: 1, character: line.length };
    time('edit + completion', () => {
      workspace.updateFile(relPath, text);
      time('completion after an edit', () => completionsAt(workspace, relPath, position));
    });
  }
  workspace.updateFile(relPath, original);
}

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const figures = (list) => `p50 ${percentile(list, 50).toFixed(2)} ms, p95 ${percentile(list, 95).toFixed(2)} ms, max ${percentile(list, 100).toFixed(2)} ms`;
for (const [what, list] of Object.entries(timings)) {
  console.log(`${what}: ${list.length} requests; wall ${figures(list)}; CPU ${figures(cpu[what])}`);
}
