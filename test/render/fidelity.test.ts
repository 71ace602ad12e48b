/**
 * Whole pages against Jekyll: every page of the example site must match Jekyll's `<body>` (words
 * ≥ 99 %, tag sequence ≥ 98 %), and so must minima-blog (a gem-theme site) and hyde; jekyll-docs and
 * just-the-docs are held to a median; the Connected Health Cities content with the example templates
 * is measured; all are reported, worst pages first.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { copyRealSite, CORPUS_JEKYLL_CONFIG, corpusMissing, layOutCorpus, SITE_JEKYLL_CONFIG, SITE_NAMES, sitesMissing as realSitesMissing } from '../helpers/corpus';
import { EXAMPLE_SITE } from '../helpers/site';
import { comparePages, jekyllBuild, jekyllMissing, median, report, tempFolder } from './fidelity-harness';

const sitesMissing = jekyllMissing || realSitesMissing;


/** Real sites held to the bar of the example site (body words ≥ 99 %, tags ≥ 98 %). */
const ASSERTED_SITES = new Set(['minima-blog', 'hyde']);

/**
 * The other real sites, held to their median: on this shared machine a long page whose layout
 * (just-the-docs's `compress`) can pass the preview's time limit for one render.
 */
const MEDIAN_FLOORS: Record<string, { words: number; tags: number }> = {
  'jekyll-docs': { words: 0.99, tags: 0.99 },
  'just-the-docs': { words: 0.97, tags: 0.97 },
};

const temporary: string[] = [];
after(() => {
  for (const folder of temporary) fs.rmSync(folder, { recursive: true, force: true });
});

function scratch(prefix: string): string {
  const folder = tempFolder(prefix);
  temporary.push(folder);
  return folder;
}

test('every page of the example site is the page Jekyll builds: body words ≥ 99 %, tags ≥ 98 %', { skip: jekyllMissing }, async () => {
  const destination = scratch('fidelity-example');
  await jekyllBuild(EXAMPLE_SITE, destination);
  const rows = await comparePages(EXAMPLE_SITE, destination);
  console.log(report('example site', rows, rows.length));
  assert.ok(rows.some((row) => row.relPath.startsWith('_posts/')), 'the example site has posts');
  assert.deepEqual(rows.filter((row) => row.missing || row.words < 0.99 || row.tags < 0.98).map((row) => row.relPath), []);
});

test('the Connected Health Cities content with the example templates: measured against Jekyll', { skip: jekyllMissing || corpusMissing }, async () => {
  const root = layOutCorpus(path.join(scratch('fidelity-chc'), 'site'));
  const destination = scratch('fidelity-chc-out');
  const local = path.join(path.dirname(root), 'local.yml');
  fs.writeFileSync(local, CORPUS_JEKYLL_CONFIG);
  await jekyllBuild(root, destination, local);
  const rows = await comparePages(root, destination);
  console.log(report('Connected Health Cities', rows));
  assert.ok(rows.length > 100, `${rows.length} pages compared`);
  assert.deepEqual(rows.filter((row) => row.missing).map((row) => row.missing), [], 'every page is where Jekyll writes it');
});

for (const name of SITE_NAMES) {
  test(`the real site ${name}: measured against Jekyll`, { skip: sitesMissing }, async () => {
    const root = copyRealSite(name, path.join(scratch(`fidelity-${name}`), 'site'));
    const local = path.join(path.dirname(root), 'local.yml');
    fs.writeFileSync(local, SITE_JEKYLL_CONFIG[name]);
    const destination = scratch(`fidelity-${name}-out`);
    await jekyllBuild(root, destination, local);
    const rows = await comparePages(root, destination);
    console.log(report(name, rows));
    assert.ok(rows.length > 0, 'pages were compared');
    const floor = MEDIAN_FLOORS[name];
    if (floor) {
      assert.ok(median(rows.map((row) => row.words)) >= floor.words, `median words of ${name} below ${floor.words}`);
      assert.ok(median(rows.map((row) => row.tags)) >= floor.tags, `median tags of ${name} below ${floor.tags}`);
    }
    for (const row of rows.filter((row) => row.codeBlocksDiffering > 0)) console.log(`${row.relPath}: ${row.codeBlocksDiffering} of ${row.codeBlocks} coloured code blocks differ from Jekyll's`);
    assert.deepEqual(rows.filter((row) => row.codeBlocksDiffering > 0).map((row) => row.relPath), [], 'every coloured code block is Jekyll\'s, spans and all');
    if (!ASSERTED_SITES.has(name)) return;
    assert.deepEqual(rows.filter((row) => row.missing || row.words < 0.99 || row.tags < 0.98).map((row) => row.relPath), []);
  });
}
