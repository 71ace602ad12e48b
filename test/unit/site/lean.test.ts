import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { Site } from '../../../server/src/site/site';
import { corpusMissing, layOutCorpus, SITE_NAMES, SITES_ROOT, sitesMissing } from '../../helpers/corpus';
import { EXAMPLE_SITE, tempDir } from '../../helpers/site';

/**
 * `check` reads a site `lean` (each page's YAML tree dropped once read, parsed again for its check and
 * dropped after it); the server keeps every tree. Both run the same rules and must find the same.
 */
function findings(root: string, lean: boolean): Diagnostic[] {
  const site = Site.load(root, { leanAbove: lean ? 0 : undefined });
  const workspace = SiteWorkspace.fromSite(site);
  const found: Diagnostic[] = [];
  for (const file of workspace.checkedFiles()) {
    found.push(...workspace.diagnosticsFor(file));
    site.forgetTree(file);
  }
  return found;
}

/** Asserts both readings agree; returns how many findings they agree on. */
function assertSameFindings(root: string): number {
  const whole = findings(root, false);
  assert.deepEqual(findings(root, true), whole);
  return whole.length;
}

test('a lean reading finds exactly what the whole model finds on the example site', () => {
  assert.ok(assertSameFindings(EXAMPLE_SITE) > 0);
});

test('a lean reading finds exactly what the whole model finds on the real site', { skip: corpusMissing }, () => {
  const root = layOutCorpus(tempDir('jekyll-author-lean-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  assert.ok(assertSameFindings(root) > 0);
});

test('a lean reading finds exactly what the whole model finds on the other real sites', { skip: sitesMissing }, () => {
  const compared = SITE_NAMES.reduce((sum, name) => sum + assertSameFindings(path.join(SITES_ROOT, name)), 0);
  assert.ok(compared > 0);
});

test('a lean page is checked against the text that was read, whatever the disk holds by then', () => {
  const root = tempDir('jekyll-author-lean-');
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.writeFileSync(path.join(root, '_config.yml'), 'title: T\n');
  const page = path.join(root, 'page.md');
  fs.writeFileSync(page, '---\ntitle: A\ntitle: B\n---\nText\n');
  const site = Site.load(root, { leanAbove: 0 });
  const workspace = SiteWorkspace.fromSite(site);
  // The tree is parsed again from the text kept in memory, never from the disk, so offsets always match it.
  fs.writeFileSync(page, '---\n\n\n\nother: 1\ntitle: A\ntitle: B\n---\nText\n');
  const duplicate = workspace.diagnosticsFor('page.md').find((d) => d.code === 'duplicate-key');
  assert.ok(duplicate, 'the repeated title is found');
  assert.equal(duplicate.range.start.line, 1);
  site.forgetTree('page.md');
  assert.deepEqual(workspace.diagnosticsFor('page.md').find((d) => d.code === 'duplicate-key'), duplicate);
});
