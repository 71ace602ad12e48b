import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPageSync } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { corpusMissing, layOutCorpus, SITE_NAMES, SITES_ROOT, sitesMissing } from '../helpers/corpus';
import { tempDir } from '../helpers/site';

const CLI = path.resolve(__dirname, '../../../bin/jekyll-author');

/** Every file of the site, by path relative to it, with its bytes. */
function snapshot(root: string, dir = root, files = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) snapshot(root, full, files);
    else if (entry.isFile()) files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full));
  }
  return files;
}

/** The HTML our renderer makes of each page, as `jekyll-author render` writes it. */
function renderAll(root: string, pages: string[]): Map<string, string> {
  const site = Site.load(root);
  return new Map(pages.map((page) => [page, renderPageSync(site, page, { stylesheets: false }).html]));
}

/**
 * Runs `check --fix` on a copy of a site and renders every page the fixes touch, before and after
 * (every page when a fix touched a layout, include or setting): a safe fix changes no byte Jekyll builds.
 */
function assertFixesKeepPages(name: string, root: string): void {
  const before = snapshot(root);
  const pagesBefore = [...Site.load(root).pages.keys()];
  const fixed = spawnSync(process.execPath, [CLI, 'check', '--root', root, '--fix', '--format', 'json'], { encoding: 'utf8' });
  assert.ok(fixed.status === 0 || fixed.status === 1, `check --fix exited ${fixed.status}: ${fixed.stderr}`);
  const after = snapshot(root);
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'check --fix adds or removes no file');
  const changed = [...after.keys()].filter((file) => !after.get(file)!.equals(before.get(file)!));
  const touchesTemplates = changed.some((file) => !pagesBefore.includes(file));
  const pages = touchesTemplates ? pagesBefore : changed;
  // Render the untouched copy first: the same files, restored, then fixed again.
  for (const file of changed) fs.writeFileSync(path.join(root, file), before.get(file)!);
  const htmlBefore = renderAll(root, pages);
  for (const file of changed) fs.writeFileSync(path.join(root, file), after.get(file)!);
  const htmlAfter = renderAll(root, pages);
  console.log(`${name}: check --fix changed ${changed.length} file(s)${changed.length ? ` (${changed.join(', ')})` : ''}; rendered ${pages.length} page(s) before and after`);
  for (const page of pages) assert.equal(htmlAfter.get(page), htmlBefore.get(page), `${name}: the safe fixes changed the HTML of ${page}`);
}

test('the safe fixes of the Connected Health Cities corpus leave every page it builds byte for byte the same', { skip: corpusMissing }, () => {
  assertFixesKeepPages('connectedhealthcities', layOutCorpus(tempDir('jekyll-author-safe-fixes-')));
});

for (const name of SITE_NAMES) {
  test(`the safe fixes of ${name} leave every page it builds byte for byte the same`, { skip: sitesMissing }, () => {
    const copy = tempDir(`jekyll-author-safe-fixes-${name}-`);
    fs.cpSync(path.join(SITES_ROOT, name), copy, { recursive: true });
    spawnSync('chmod', ['-R', 'u+w', copy]);
    assertFixesKeepPages(name, copy);
  });
}
