// Builds a large Jekyll site from the real corpus, deterministically: the corpus laid out with the
// example site's templates, then copies of its page tree under `copy-NNN/` with every `section`
// and `parent` prefixed the same way, so references stay consistent.
// Usage: node bench/generate-site.mjs --pages 10000 --out DIR
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The same overlay the corpus tests use (compiled by `tsc -p .`, which `npm test` and `npm run bench` run).
const require = createRequire(import.meta.url);
const { CORPUS, layOutCorpus } = require(path.join(repo, 'out/test/helpers/corpus.js'));
export { layOutCorpus };

function contentPages(root, dir = '') {
  const pages = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.name.startsWith('_') || entry.name.startsWith('.') || rel === 'assets' || entry.name.startsWith('copy-')) continue;
    if (entry.isDirectory()) pages.push(...contentPages(root, rel));
    else if (entry.name.endsWith('.md') && entry.name !== 'README.md') pages.push(rel);
  }
  return pages.sort();
}

/** Adds copies of the corpus pages until the site has at least `target` pages. */
export function generateSite(out, target) {
  layOutCorpus(out);
  const originals = contentPages(out).filter((rel) => fs.readFileSync(path.join(out, rel), 'utf8').startsWith('---'));
  let count = originals.length;
  for (let copy = 1; count < target; copy++) {
    const prefix = `copy-${String(copy).padStart(3, '0')}`;
    for (const rel of originals) {
      if (count >= target) break;
      const text = fs.readFileSync(path.join(out, rel), 'utf8')
        .replace(/^(section|parent): *(['"]?)/gm, `$1: $2${prefix}/`);
      const file = path.join(out, prefix, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      count++;
    }
  }
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pages: { type: 'string', default: '10000' }, out: { type: 'string' } } });
  if (!values.out) {
    console.error('Usage: node bench/generate-site.mjs --pages 10000 --out DIR');
    process.exit(2);
  }
  if (!fs.existsSync(CORPUS)) {
    console.error(`The corpus is not at ${CORPUS}.`);
    process.exit(2);
  }
  const pages = generateSite(path.resolve(values.out), Number(values.pages));
  console.log(`Wrote ${pages} pages to ${values.out}`);
}
