import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConfig } from '../../../server/src/service/check';
import { applyEditGroups } from '../../../server/src/service/fixes';
import { Site } from '../../../server/src/site/site';
import { EMPTY_SCHEMA, writeTempSite } from '../../helpers/site';

const PAGES = {
  'impact.md': '---\ntitle: Impact\n---\n',
  'about.md': '---\ntitle: About\n---\n',
  'people/index.md': '---\ntitle: People\n---\n',
};
function run(config: string) {
  const site = Site.load(writeTempSite({ ...PAGES, '_config.yml': config }));
  return checkConfig(site, EMPTY_SCHEMA).filter((d) => d.code === 'config-missing-page');
}

test('a header_pages entry naming no page is reported on the entry, with a suggestion and a removal', () => {
  const config = 'title: T\nheader_pages:\n  - introduction.md\n  - impact.md\n  - abuot.md\n';
  const diagnostics = run(config);
  assert.equal(diagnostics.length, 2);
  const [introduction, typo] = diagnostics;
  assert.equal(introduction.file, '_config.yml');
  assert.equal(introduction.severity, 'warning');
  assert.equal(introduction.message,
    'There is no page `introduction.md` in the site, so this entry of `header_pages` leads nowhere and its menu leaves it out. Correct the file name, or remove the entry.');
  assert.deepEqual(introduction.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 19 } });
  assert.equal(introduction.fixes[0].title, 'Remove this entry');
  assert.equal(applyEditGroups(config, [introduction.fixes[0].edits]).text, 'title: T\nheader_pages:\n  - impact.md\n  - abuot.md\n');
  assert.match(typo.message, /Did you mean `about\.md`\?$/);
  assert.equal(applyEditGroups(config, [typo.fixes[0].edits]).text, 'title: T\nheader_pages:\n  - introduction.md\n  - impact.md\n  - about.md\n');
});

test('footer entries of type page and any list entry ending in .md or .html are checked', () => {
  const config = 'footer:\n  - type: page\n    value: privacy\n  - type: text\n    value: "© 2020 gone.md"\nlinks:\n  - /missing.html\n  - https://example.org/x.html\n';
  const diagnostics = run(config);
  assert.deepEqual(diagnostics.map((d) => d.range.start.line), [2, 6]);
});

test('existing pages, by path or by URL, are fine; settings that are not links are skipped', () => {
  assert.deepEqual(run('header_pages:\n  - impact.md\n  - /about.md\n  - people/index.md\nfooter:\n  - type: page\n    value: about.md\nexclude:\n  - README.md\n'), []);
});
