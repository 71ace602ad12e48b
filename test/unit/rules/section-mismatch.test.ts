import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followsPath, sectionFromPath } from '../../../server/src/rules/section-mismatch';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', layouts: {}, origins: {}, problems: [],
  common: { type: 'object', properties: { parent: { type: 'string', refersTo: 'section' }, section: { type: 'string', unique: true } } },
};

/** A site that keeps both conventions: sections follow paths and continue parents. */
const TIDY = {
  'hub.md': '---\nsection: hub\n---\n',
  'hub/ppi.md': '---\nsection: hub/ppi\nparent: hub\n---\n',
  'hub/ppi/-datasaveslives-x.md': '---\nsection: hub/ppi/datasaveslives-x\nparent: hub/ppi\n---\n',
  'hub/evaluation.md': '---\nsection: hub/evaluation\nparent: hub\n---\n',
  'impact.md': '---\nsection: impact\n---\n',
  'impact/economy.md': '---\nsection: impact/economy\nparent: impact\n---\n',
  'impact/stories.md': '---\nsection: impact/stories\nparent: impact\n---\n',
  'about.md': '---\nsection: about\n---\n',
  'about/contact.md': '---\nsection: about/contact\nparent: about\n---\n',
};

test('a section that does not follow the file path is reported when the site follows the convention', () => {
  const text = '---\ntitle: Impact Report\nsection: impact/report\nparent: impact\n---\n';
  const diagnostics = checkWithRule({ ...TIDY, 'impact-report/impact-report.md': text }, 'impact-report/impact-report.md', 'section-mismatch', SCHEMA);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message,
    'The section `impact/report` does not follow this page\'s file path `impact-report/impact-report.md`: on this site a page\'s `section` is its folder and file name, here `impact-report/impact-report`. Change the `section`, or move the file to match it.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 22 } });
  // The path's section would not continue the parent: no fix to offer.
  assert.deepEqual(diagnostic.fixes, []);
});

test('a section that does not continue its parent is reported, with a fix', () => {
  const text = '---\nsection: about/mismatch\nparent: impact\n---\n';
  const [diagnostic] = checkWithRule({ ...TIDY, 'about/mismatch.md': text }, 'about/mismatch.md', 'section-mismatch', SCHEMA);
  assert.equal(diagnostic.message,
    'The section `about/mismatch` does not continue this page\'s parent `impact`: on this site a page\'s `section` is its `parent` followed by `/` and a name of its own, such as `impact/mismatch`. Change the `section`, or the `parent` if it is the wrong one.');
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\nsection: impact/mismatch\nparent: impact\n---\n');
});

test('section homes, leading dashes, index pages and tidy pages are fine', () => {
  for (const page of Object.keys(TIDY)) assert.deepEqual(checkWithRule(TIDY, page, 'section-mismatch', SCHEMA), [], page);
  assert.equal(followsPath('hub/ppi/datasaveslives-x', 'hub/ppi/-datasaveslives-x.md'), true);
  assert.equal(followsPath('hub', 'hub.md'), true);
  assert.equal(followsPath('research', 'research/index.md'), true);
  assert.equal(followsPath('impact/report', 'impact-report/impact-report.md'), false);
  assert.equal(sectionFromPath('hub/ppi/-datasaveslives-x.md'), 'hub/ppi/datasaveslives-x');
  assert.equal(sectionFromPath('research/index.md'), 'research');
});

test('sites with other conventions, copied sections and unknown parents get no finding here', () => {
  const loose = {
    'a.md': '---\nsection: alpha\n---\n', 'b.md': '---\nsection: beta\n---\n', 'c.md': '---\nsection: gamma\nparent: alpha\n---\n',
  };
  for (const page of Object.keys(loose)) assert.deepEqual(checkWithRule(loose, page, 'section-mismatch', SCHEMA), [], page);
  // A copied section is duplicate-value's to report; an unknown parent unknown-reference's.
  assert.deepEqual(checkWithRule({ ...TIDY, 'about/copy.md': '---\nsection: about/contact\nparent: about\n---\n' }, 'about/copy.md', 'section-mismatch', SCHEMA), []);
  assert.deepEqual(checkWithRule({ ...TIDY, 'about/x.md': '---\nsection: about/x\nparent: nowhere\n---\n' }, 'about/x.md', 'section-mismatch', SCHEMA), []);
});
