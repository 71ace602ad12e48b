import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../../helpers/site';

/** The compiled site model, which the measuring child process loads. */
const SITE_MODULE = path.resolve(__dirname, '../../../server/src/site/site.js');
const PAGES = 400;

/** A page like a report of the real site: six fields, a list of one resource, a body of some 1 500 characters. */
function pageText(index: number): string {
  const body = `Paragraph ${index} of a report that says what the programme found and what it recommends. `.repeat(16);
  return `---\ntitle: Report ${index}\nweight: ${index % 7}\nsection: reports/report-${index}\nlevel: 2.${index % 9}.1\n`
    + `parent: reports\nresources:\n    - path: /assets/report-${index}.pdf\n      title: Report ${index} in full\n---\n\n${body}\n`;
}

function siteOf(pages: number): { root: string; bytes: number } {
  const root = tempDir('jekyll-author-memory-');
  fs.writeFileSync(path.join(root, '_config.yml'), 'title: T\n');
  fs.mkdirSync(path.join(root, 'reports'));
  let bytes = 0;
  for (let i = 0; i < pages; i++) {
    const text = pageText(i);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(root, 'reports', `report-${i}.md`), text);
  }
  return { root, bytes };
}

/**
 * Heap bytes a site keeps once read, measured in a fresh process after full collections. The process
 * reads the site once to compile and warm the code it runs, then reads it three more times, keeping
 * each copy, and reports the median growth of the heap without its code spaces: optimised code and
 * warm-up metadata vary from run to run by more than a tenth of what 400 pages keep.
 */
function retainedBytes(root: string, lean: boolean): number {
  const script = `
    const v8 = require('node:v8');
    const { Site } = require(${JSON.stringify(SITE_MODULE)});
    const read = () => Site.load(process.argv[1], { leanAbove: ${lean ? 0 : 'undefined'} });
    const settle = () => {
      global.gc(); global.gc();
      return v8.getHeapSpaceStatistics().filter((space) => !space.space_name.startsWith('code')).reduce((sum, space) => sum + space.space_used_size, 0);
    };
    read();
    const copies = [], growth = [];
    for (let i = 0; i < 3; i++) {
      const before = settle();
      copies.push(read());
      growth.push(settle() - before);
    }
    if (copies.some((site) => site.pages.size === 0)) throw new Error('no pages read');
    process.stdout.write(String(growth.sort((a, b) => a - b)[1]));`;
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', script, root], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return Number(child.stdout);
}

test('reading a site lean keeps per page at most two and a half times the page\'s size, and no more per page as the site doubles', () => {
  const small = siteOf(PAGES);
  const large = siteOf(2 * PAGES);
  after(() => [small, large].forEach(({ root }) => fs.rmSync(root, { recursive: true, force: true })));
  const bytesPerPage = (large.bytes - small.bytes) / PAGES;
  const perPage = (lean: boolean) => {
    const smallKept = retainedBytes(small.root, lean);
    const largeKept = retainedBytes(large.root, lean);
    return { added: (largeKept - smallKept) / PAGES, average: { small: smallKept / PAGES, large: largeKept / (2 * PAGES) } };
  };
  const lean = perPage(true);
  const whole = perPage(false);
  console.log(`page ${bytesPerPage.toFixed(0)} bytes; kept per page: lean ${lean.added.toFixed(0)} bytes, whole model ${whole.added.toFixed(0)} bytes`);
  assert.ok(lean.added < 2.5 * bytesPerPage, `a lean site keeps ${lean.added.toFixed(0)} bytes per page of ${bytesPerPage.toFixed(0)} bytes`);
  // Linear: the larger site keeps no more per page than the smaller (give or take what a fixed cost spreads).
  assert.ok(lean.average.large <= 1.1 * lean.average.small, `per page: ${lean.average.small.toFixed(0)} bytes at ${PAGES} pages, ${lean.average.large.toFixed(0)} at ${2 * PAGES}`);
  // The server's whole model keeps each page's tree too: the lean reading is what makes the difference.
  assert.ok(whole.added > lean.added * 1.5, `the whole model keeps ${whole.added.toFixed(0)} bytes per page, the lean ${lean.added.toFixed(0)}`);
});
