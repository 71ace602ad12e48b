import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', layouts: {}, origins: {}, problems: [],
  common: { type: 'object', properties: { parent: { type: 'string', refersTo: 'section' }, section: { type: 'string' } } },
};

const PAGES = {
  'research.md': '---\ntitle: Research\nsection: research\n---\n',
  'research/air-quality.md': '---\ntitle: Air\nsection: research/air-quality\nparent: research\n---\n',
  'research/heart-health.md': '---\ntitle: Heart\nsection: research/heart-health\nparent: research\n---\n',
};

test('a parent that is no page\'s section is an error with ranked suggestions', () => {
  const text = '---\ntitle: Lost\nsection: broken/bad-parent\nparent: research/no-such-project\n---\n';
  const diagnostics = checkWithRule({ ...PAGES, 'broken/bad-parent.md': text }, 'broken/bad-parent.md', 'unknown-reference', SCHEMA);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message,
    'No page has `section: research/no-such-project`, so this page is in no menu. Did you mean `research`, `research/air-quality` or `research/heart-health`?');
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 32 } });
  assert.equal(diagnostic.fixes.length, 3);
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: Lost\nsection: broken/bad-parent\nparent: research\n---\n');
});

test('a close typo is suggested first; with nothing close the message says what to do', () => {
  const [typo] = checkWithRule({ ...PAGES, 'p.md': '---\nparent: research/air-qualty\n---\n' }, 'p.md', 'unknown-reference', SCHEMA);
  assert.match(typo.message, /Did you mean `research\/air-quality`, /);
  assert.equal(typo.fixes[0].title, 'Change `parent` to `research/air-quality`');
  const [far] = checkWithRule({ ...PAGES, 'p.md': '---\nparent: zzz\n---\n' }, 'p.md', 'unknown-reference', SCHEMA);
  assert.equal(far.message, 'No page has `section: zzz`, so this page is in no menu. Set `parent` to the `section` of the page whose menu should list this one.');
});

test('a parent naming an existing section is fine, and so is a schema with no refersTo', () => {
  assert.deepEqual(checkWithRule(PAGES, 'research/air-quality.md', 'unknown-reference', SCHEMA), []);
  assert.deepEqual(checkWithRule({ ...PAGES, 'p.md': '---\nparent: nowhere\n---\n' }, 'p.md', 'unknown-reference'), []);
});
