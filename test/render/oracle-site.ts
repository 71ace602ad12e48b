/**
 * A small site built once by Jekyll before a test file's cases, removed after them, and each of its
 * pages as Jekyll wrote it beside the preview's render of it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { after, before } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { jekyllBuild, jekyllMissing, outputFile, tempFolder } from './fidelity-harness';

export interface OracleSite {
  /** Jekyll's file for the page at `relPath`, and the preview's render of it. */
  bothOf(relPath: string): Promise<{ jekyll: string; preview: string }>;
}

export function oracleSite(files: Record<string, string>): OracleSite {
  let root = '';
  let destination = '';
  before(async () => {
    if (jekyllMissing) return;
    root = writeTempSite(files);
    destination = tempFolder('oracle-site-out');
    await jekyllBuild(root, destination);
  });
  after(() => {
    for (const folder of [root, destination]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  return {
    async bothOf(relPath) {
      const site = Site.load(root);
      const page = site.pages.get(relPath);
      assert.ok(page, `${relPath} is a page`);
      const jekyll = fs.readFileSync(outputFile(destination, page.url), 'utf8');
      const preview = (await renderPage(site, relPath, { stylesheets: false })).html;
      return { jekyll, preview };
    },
  };
}

/** Why a case needing the plugin gem skips (naming Debian's package to install), or false when Jekyll can load it. */
export function pluginMissing(gem: string, debianPackage: string): string | false {
  if (jekyllMissing) return jekyllMissing;
  const loads = spawnSync('ruby', ['-e', `require "jekyll"; require "${gem}"`], { encoding: 'utf8' }).status === 0;
  return loads ? false : `the ${gem} plugin is not installed (Debian's ${debianPackage})`;
}
