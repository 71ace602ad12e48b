import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkPage } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { writeTempSite } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', layouts: {}, origins: {}, problems: [],
  common: {
    type: 'object',
    properties: {
      parent: { type: 'string', refersTo: 'section' },
      section: { type: 'string', unique: true },
      weight: { type: 'integer', uniqueWithin: 'parent' },
    },
  },
};

function load(files: Record<string, string>): Site {
  return Site.load(writeTempSite({ '_config.yml': 'title: T\n', ...files }));
}
const findings = (site: Site, page: string) =>
  checkPage(site, site.pages.get(page)!, SCHEMA).filter((d) => d.code === 'duplicate-value');

const ORIGINAL = '---\ntitle: Heart health\nweight: 2\nsection: research/heart-health\nparent: research\n---\n';
const COPY = '---\ntitle: Heart follow-up\nweight: 2\nsection: research/heart-health\nparent: research\n---\n';

test('a copied section and weight are reported on both pages, each naming the other', () => {
  const site = load({ 'research.md': '---\ntitle: Research\nsection: research\n---\n', 'research/heart-health.md': ORIGINAL, 'broken/copy.md': COPY });
  const copy = findings(site, 'broken/copy.md');
  assert.equal(copy.length, 2);
  const [weight, section] = copy;
  assert.equal(weight.severity, 'warning');
  assert.deepEqual(weight.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } });
  assert.equal(weight.message,
    'Another page, `research/heart-health.md` (“Heart health”), with the same `parent` (`research`), also has `weight: 2`, so their order is left to chance. Give each page with `parent: research` its own `weight`.');
  assert.deepEqual(section.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 30 } });
  assert.equal(section.message,
    'Another page, `research/heart-health.md` (“Heart health”), also has `section: research/heart-health`, but every page needs its own `section`. Change it on the page that was copied (and the `parent` of any pages under it).');
  assert.equal(section.related[0].file, 'research/heart-health.md');
  assert.deepEqual(section.related[0].range, { start: { line: 3, character: 9 }, end: { line: 3, character: 30 } });
  assert.equal(weight.related[0].range.start.line, 2);

  const original = findings(site, 'research/heart-health.md');
  assert.equal(original.length, 2);
  assert.match(original[1].message, /^Another page, `broken\/copy\.md` \(“Heart follow-up”\), also has `section: research\/heart-health`/);
  assert.equal(original[1].related[0].file, 'broken/copy.md');
});

test('the same weight under different parents, and different sections, are fine', () => {
  const site = load({
    'a/one.md': '---\nweight: 1\nsection: a/one\nparent: a\n---\n',
    'b/one.md': '---\nweight: 1\nsection: b/one\nparent: b\n---\n',
    'top.md': '---\nweight: 1\nsection: top\n---\n',
    'other.md': '---\nweight: 1\nsection: other\n---\n',
  });
  for (const page of site.pages.keys()) assert.deepEqual(findings(site, page), [], page);
});

test('more than one other page: all are related, the message names them', () => {
  const site = load({
    'a.md': '---\ntitle: A\nsection: s\n---\n', 'b.md': '---\ntitle: B\nsection: s\n---\n', 'c.md': '---\nsection: s\n---\n',
  });
  const [finding] = findings(site, 'a.md');
  assert.equal(finding.message,
    'Other pages, `b.md` (“B”) and `c.md`, also have `section: s`, but every page needs its own `section`. Change it on the page that was copied (and the `parent` of any pages under it).');
  assert.equal(finding.related.length, 2);
});
