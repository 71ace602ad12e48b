import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', layouts: {}, origins: {}, problems: [],
  common: {
    type: 'object',
    properties: {
      sidebar_image: { type: 'string', siteFile: true },
      resources: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', siteFile: true }, url: { type: 'string' } } } },
    },
  },
};

const FILES = {
  'assets/reports/air-quality-report.pdf': '',
  'assets/reports/heart-health-summary.pdf': '',
  'assets/reports/Annual Report.pdf': '',
  'assets/images/city.svg': '',
  'one.md': '---\nresources:\n  - path: /assets/reports/air-quality-report.pdf\n---\n',
  'two.md': '---\nresources:\n  - path: /assets/reports/heart-health-summary.pdf\n---\n',
  'three.md': '---\nresources:\n  - path: /assets/reports/air-quality-report.pdf\n  - url: https://example.org/x\n---\n',
};
const check = (text: string, files: Record<string, string> = FILES) =>
  checkWithRule({ ...files, 'page.md': text }, 'page.md', 'missing-file', SCHEMA);

test('a path to a file the site does not have is reported, with a same-folder suggestion', () => {
  const text = '---\ntitle: X\nresources:\n  - path: /assets/reports/air-quality-reprot.pdf\n    title: Report\n---\n';
  const diagnostics = check(text);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message, 'There is no file `assets/reports/air-quality-reprot.pdf` in the site. Did you mean `/assets/reports/air-quality-report.pdf`?');
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 48 } });
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: X\nresources:\n  - path: /assets/reports/air-quality-report.pdf\n    title: Report\n---\n');
  const [far] = check('---\nresources:\n  - path: /assets/reports/no-such-report.pdf\n---\n');
  assert.equal(far.message, 'There is no file `assets/reports/no-such-report.pdf` in the site. Correct the path, or add the file to the site.');
});

test('existing files are found through %20, queries, fragments and the baseurl', () => {
  assert.deepEqual(check('---\nresources:\n  - path: /assets/reports/Annual%20Report.pdf?download=1#page=2\n---\n'), []);
  assert.deepEqual(check('---\nsidebar_image: /assets/images/city.svg\n---\n'), []);
  assert.deepEqual(check('---\nresources:\n  - url: https://example.org/x.pdf\n  - path: "{{ site.baseurl }}/x.pdf"\n---\n'), []);
  const withBase = { ...FILES, '_config.yml': 'baseurl: /site\n' };
  assert.deepEqual(check('---\nsidebar_image: /site/assets/images/city.svg\n---\n', withBase), []);
});

test('a path without the leading / that the field\'s other values have gets a safe fix', () => {
  const text = '---\nresources:\n  - path: assets/reports/air-quality-report.pdf\n---\n';
  const [diagnostic] = check(text);
  assert.equal(diagnostic.message, 'Other pages start this path with `/`; add it so the link works from every page.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 47 } });
  assert.equal(diagnostic.fixes[0].safe, true);
  assert.equal(applyFirstFix(text, diagnostic), '---\nresources:\n  - path: /assets/reports/air-quality-report.pdf\n---\n');
  const quoted = "---\nresources:\n  - path: 'assets/reports/air-quality-report.pdf'\n---\n";
  assert.equal(applyFirstFix(quoted, check(quoted)[0]), "---\nresources:\n  - path: '/assets/reports/air-quality-report.pdf'\n---\n");
});

test('a field whose values mostly lack the / (or has too few values) is left alone', () => {
  assert.deepEqual(check('---\nsidebar_image: assets/images/city.svg\n---\n'), []);
  const few = { 'assets/a.pdf': '', 'one.md': '---\nresources:\n  - path: /assets/a.pdf\n---\n' };
  assert.deepEqual(check('---\nresources:\n  - path: assets/a.pdf\n---\n', few), []);
});
