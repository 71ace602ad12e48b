// The floor of any Node tool that reads a site's front matter: start Node, load `yaml`, read every
// page and parse its front matter into a document (as `check` does, keeping node positions), nothing
// else. `npm run bench` times it as it times `check`.
// Usage: node bench/floor.mjs SITE
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const PAGE = /\.(md|markdown|html?)$/i;
const SKIPPED = new Set(['_site', 'node_modules', '.git', '.jekyll-cache', '.sass-cache']);

function* pages(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) yield* pages(path.join(dir, entry.name));
    } else if (PAGE.test(entry.name)) {
      yield path.join(dir, entry.name);
    }
  }
}

let parsed = 0;
for (const file of pages(path.resolve(process.argv[2] ?? '.'))) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.startsWith('---')) continue;
  const end = text.search(/\n(---|\.\.\.)[ \t]*(\r?\n|$)/);
  if (end < 0) continue;
  parseDocument(text.slice(text.indexOf('\n') + 1, end + 1), { version: '1.1' });
  parsed++;
}
console.log(`${parsed} front matters parsed`);
