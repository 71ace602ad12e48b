// What the server re-checks after an edit: the files the workspace returns, `_config.yml`, and the
// whole site only when a site-wide index changed (`siteWideChangedSince`). Over random sequences of
// edits of the fields that tie pages together, of a misspelt field and of the body's first line,
// that must give what checking the whole site gives, the rules that read site-wide conventions and
// those that keep what they read of the last page (h1-in-body) included.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { copyExampleSite } from '../../helpers/site';

const ROOT = copyExampleSite();
/** The example site's pages with front matter, and the values each field has somewhere in the site. */
const PAGES: string[] = [];
const VALUES = new Map<string, Set<string>>();
const FIELDS = ['section', 'parent', 'weight', 'layout', 'title', 'sitemap'];
for (const relPath of fs.readdirSync(ROOT, { recursive: true }).map(String).map((p) => p.split(path.sep).join('/')).sort()) {
  if (!relPath.endsWith('.md') || relPath.startsWith('_') || relPath.includes('README')) continue;
  const text = fs.readFileSync(path.join(ROOT, relPath), 'utf8');
  if (!text.startsWith('---\n')) continue;
  PAGES.push(relPath);
  for (const [, key, value] of text.matchAll(/^([a-z_]+): *(.+)$/gm)) {
    if (!FIELDS.includes(key)) continue;
    if (!VALUES.has(key)) VALUES.set(key, new Set());
    VALUES.get(key)!.add(value);
  }
}
for (const field of FIELDS) VALUES.set(field, new Set([...(VALUES.get(field) ?? []), 'nowhere', 'false']));
/** A field no template reads (typed as a typo would be), and the body's first line (headings the layout may already show). */
const UNKNOWN = 'titel';
const BODY = '(body)';
VALUES.set(UNKNOWN, new Set(['x', 'Research']));
VALUES.set(BODY, new Set(['# A second title', 'Title\n=====', '<h1>Tagged</h1>', 'Plain text.']));

interface Edit {
  page: string;
  field: string;
  /** undefined: the field's line goes. */
  value: string | undefined;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  page: fc.constantFrom(...PAGES),
  field: fc.constantFrom(...FIELDS, UNKNOWN, BODY),
}).chain(({ page, field }) => fc.option(fc.constantFrom(...VALUES.get(field)!), { nil: undefined, freq: 4 })
  .map((value) => ({ page, field, value })));

/**
 * The page's text with `field` set to `value` (its line replaced, or added first), or its line removed;
 * for the body, `value` put before its first line, or that line removed.
 */
function edited(text: string, { field, value }: Edit): string {
  const line = new RegExp(`^${field}:.*\\n`, 'm');
  const end = text.indexOf('\n---', 3);
  const frontMatter = text.slice(0, end + 1);
  const rest = text.slice(end + 1);
  if (field === BODY) {
    const bodyStart = rest.indexOf('\n') + 1;
    const body = rest.slice(bodyStart);
    const kept = value === undefined ? body.slice(body.indexOf('\n') + 1 || body.length) : `${value}\n${body}`;
    return frontMatter + rest.slice(0, bodyStart) + kept;
  }
  if (value === undefined) return frontMatter.replace(line, '') + rest;
  if (line.test(frontMatter)) return frontMatter.replace(line, `${field}: ${value}\n`) + rest;
  return `---\n${field}: ${value}\n${frontMatter.slice(4)}${rest}`;
}

function byFile(diagnostics: Diagnostic[]): Map<string, string> {
  const map = new Map<string, string[]>();
  for (const d of diagnostics) map.set(d.file, [...(map.get(d.file) ?? []), JSON.stringify(d)]);
  return new Map([...map].map(([file, list]) => [file, list.join('\n')]));
}

test('re-checking what an edit returns, and the whole site only when a site-wide index changed, gives a full check', () => {
  const originals = new Map(PAGES.map((page) => [page, fs.readFileSync(path.join(ROOT, page), 'utf8')]));
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
    const workspace = SiteWorkspace.open(ROOT);
    const state = byFile(workspace.allDiagnostics());
    let checkedWholeAt = workspace.version;
    const texts = new Map(originals);
    for (const [i, each] of edits.entries()) {
      const text = edited(texts.get(each.page)!, each);
      texts.set(each.page, text);
      const changed = workspace.updateFile(each.page, text);
      changed.add('_config.yml');
      const whole = workspace.siteWideChangedSince(checkedWholeAt);
      for (const file of whole ? workspace.checkedFiles() : changed) {
        const diagnostics = byFile(workspace.diagnosticsFor(file)).get(file);
        if (diagnostics === undefined) state.delete(file);
        else state.set(file, diagnostics);
      }
      const full = byFile(workspace.allDiagnostics());
      for (const file of new Set([...state.keys(), ...full.keys()])) {
        assert.equal(state.get(file), full.get(file), `after edit ${i + 1} of ${JSON.stringify(edits)}: ${file} is stale`);
      }
      // The full check just made read every index as the site is now: the state is as after a whole-site pass.
      checkedWholeAt = workspace.version;
    }
  }), { numRuns: Number(process.env.FUZZ_RUNS ?? 25) });
});

test('an edit of a field no site-wide index reads leaves the whole site unchecked; one of `section` does not', () => {
  const workspace = SiteWorkspace.open(ROOT);
  workspace.allDiagnostics();
  const page = 'research.md';
  let version = workspace.version;
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  const retitled = edited(text, { page, field: 'title', value: 'Research, retitled' });
  for (const file of workspace.updateFile(page, retitled)) workspace.diagnosticsFor(file);
  assert.equal(workspace.siteWideChangedSince(version), false);
  version = workspace.version;
  for (const file of workspace.updateFile(page, edited(retitled, { page, field: 'section', value: 'studies' }))) workspace.diagnosticsFor(file);
  assert.equal(workspace.siteWideChangedSince(version), true);
});
