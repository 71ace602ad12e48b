import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../../server/src/rules/rule';
import type { SiteSchema } from '../../server/src/schema/schema';
import { checkPage } from '../../server/src/service/check';
import { applyEditGroups } from '../../server/src/service/fixes';
import { Site } from '../../server/src/site/site';

export const EXAMPLE_SITE = path.resolve(__dirname, '../../../test/fixtures/example-site');

const tempDirs: string[] = [];
// Each test file runs in its own process: what it made goes when it ends, whatever a test forgot.
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, deleted when the test process exits. */
export function tempDir(prefix = 'jekyll-author-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Writes files into a fresh temporary folder and returns its path. */
export function writeTempSite(files: Record<string, string>): string {
  const root = tempDir();
  for (const [relPath, text] of Object.entries(files)) {
    const file = path.join(root, relPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

/** A copy of the example site in a temporary folder, safe to edit. */
export function copyExampleSite(): string {
  const root = tempDir('jekyll-author-example-');
  fs.cpSync(EXAMPLE_SITE, root, { recursive: true });
  return root;
}

/** A schema that expects nothing: for rules that do not depend on one. */
export const EMPTY_SCHEMA: SiteSchema = { source: 'inferred', common: {}, layouts: {}, origins: {}, problems: [] };

/** Checks one page of a small site made of `files` with the given rule only. */
export function checkWithRule(files: Record<string, string>, page: string, ruleId: string, schema: SiteSchema = EMPTY_SCHEMA): Diagnostic[] {
  const site = Site.load(writeTempSite({ '_config.yml': 'title: Test\n', ...files }));
  const found = site.pages.get(page);
  if (!found) throw new Error(`${page} is not a page of the test site`);
  return checkPage(site, found, schema).filter((diagnostic) => diagnostic.code === ruleId);
}

/** The text after applying a diagnostic's first fix. */
export function applyFirstFix(text: string, diagnostic: Diagnostic): string {
  const [fix] = diagnostic.fixes;
  if (!fix) throw new Error(`${diagnostic.code} offers no fix`);
  return applyEditGroups(text, [fix.edits]).text;
}
