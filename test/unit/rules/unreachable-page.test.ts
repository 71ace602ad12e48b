import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkSite } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { writeTempSite } from '../../helpers/site';

const SCHEMA: SiteSchema = {
  source: 'file', layouts: {}, origins: {}, problems: [],
  common: { type: 'object', properties: { parent: { type: 'string', refersTo: 'section' }, section: { type: 'string' } } },
};

const CONFIG = 'header_pages:\n  - impact.md\nfooter:\n  - type: page\n    value: about.md\n  - type: text\n    value: "© 2024"\n';
const SITE = {
  '_config.yml': CONFIG,
  '_layouts/default.html': '{{ content }}\n',
  'index.md': '---\nlayout: default\n---\n',
  'impact.md': '---\nlayout: default\nsection: impact\n---\n',
  'impact/stories.md': '---\nlayout: default\nsection: impact/stories\nparent: impact\n---\n',
  'impact/stories/one.md': '---\nlayout: default\nsection: impact/stories/one\nparent: impact/stories\n---\n',
  'about.md': '---\nlayout: default\nsection: about\n---\n',
  'findings.md': '---\nlayout: default\ntitle: Findings\nsection: findings\n---\n',
  'findings/how.md': '---\nlayout: default\nsection: findings/how\nparent: findings\n---\n',
  'no-layout.md': '---\nlayout: none\n---\n',
  '_things/doc.md': '---\nlayout: default\n---\n',
};

function run(files: Record<string, string>) {
  const site = Site.load(writeTempSite(files));
  return checkSite(site, SCHEMA).filter((d) => d.code === 'unreachable-page');
}

test('only the top page of a branch no menu reaches is reported', () => {
  const diagnostics = run(SITE);
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.file, 'findings.md');
  assert.equal(diagnostic.severity, 'information');
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  assert.equal(diagnostic.message,
    'No menu leads to this page: it has no `parent`, and `_config.yml` does not list it. Give it a `parent` (the `section` of the page whose menu should list it), or add `findings.md` to `header_pages` in `_config.yml`. The page under it cannot be reached either.');
});

test('a page listed anywhere in _config.yml, or with a parent, is reachable', () => {
  const config = `${CONFIG}extra_links:\n  - /findings.html\n`;
  assert.deepEqual(run({ ...SITE, '_config.yml': config }), []);
  assert.deepEqual(run({ ...SITE, 'findings.md': '---\nlayout: default\nsection: impact/findings\nparent: impact\n---\n' }), []);
});

test('a parent chain that loops is reported on each page of the loop', () => {
  const diagnostics = run({
    ...SITE,
    'findings.md': '---\nlayout: default\nsection: findings\nparent: findings/how\n---\n',
  });
  assert.deepEqual(diagnostics.map((d) => d.file).sort(), ['findings.md', 'findings/how.md']);
  const loop = diagnostics.find((d) => d.file === 'findings.md')!;
  assert.equal(loop.message,
    'The `parent` chain of this page goes round in a circle (`findings.md` → `findings/how.md` → `findings.md`), so no menu leads to it. Set the `parent` of one of these pages to the `section` of a page that is in a menu.');
  assert.deepEqual(loop.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 20 } });
});

test('sites that build menus some other way get no findings', () => {
  assert.deepEqual(run({
    '_config.yml': 'title: T\n', '_layouts/default.html': '{{ content }}\n',
    'a.md': '---\nlayout: default\n---\n', 'b.md': '---\nlayout: default\n---\n', 'c.md': '---\nlayout: default\n---\n',
  }), []);
});
