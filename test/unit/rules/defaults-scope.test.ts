import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { checkConfig, checkPage } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { EMPTY_SCHEMA, EXAMPLE_SITE, writeTempSite } from '../../helpers/site';

function check(config: string, files: Record<string, string> = {}): Diagnostic[] {
  const site = Site.load(writeTempSite({ '_config.yml': config, ...files }));
  return checkConfig(site, EMPTY_SCHEMA).filter((d) => d.code === 'defaults-scope');
}

const PAGES = { '_layouts/page.html': '{{ content }}', 'research/a.md': '---\nlayout: page\n---\n', 'people/b.md': '---\ntitle: B\n---\n' };

test('a scope path that matches no file is reported on the path, with the folder it probably meant', () => {
  const [finding] = check('defaults:\n  - scope:\n      path: "reserch"\n    values:\n      lang: en\n', PAGES);
  assert.deepEqual(finding.range, { start: { line: 2, character: 12 }, end: { line: 2, character: 21 } });
  assert.match(finding.message, /No file of the site is at `reserch` or below it.*Did you mean `research`\?/);
  // With a type, the files must be of that type.
  const [typed] = check('defaults:\n  - scope:\n      path: research\n      type: posts\n    values:\n      lang: en\n', PAGES);
  assert.match(typed.message, /No file of type `posts`/);
});

test('paths that match, an empty path, and globs are fine', () => {
  assert.deepEqual(check('defaults:\n  - scope:\n      path: research\n    values:\n      lang: en\n  - scope:\n      path: ""\n    values:\n      lang: en\n  - scope:\n      path: "*/a.md"\n    values:\n      lang: en\n', PAGES), []);
  assert.deepEqual(check('title: x\n', PAGES), []);
  // The example site's two entries both match.
  const example = Site.load(EXAMPLE_SITE);
  assert.deepEqual(checkConfig(example, EMPTY_SCHEMA).filter((d) => d.code === 'defaults-scope'), []);
});

test('a missing layout is reported here only when no page takes it from the entry (unknown-layout covers those)', () => {
  // The one page under research/ sets its own layout: nothing but this check reports the typo.
  const unused = check('defaults:\n  - scope:\n      path: research\n    values:\n      layout: pgae\n', PAGES);
  assert.equal(unused.length, 1);
  assert.deepEqual(unused[0].range, { start: { line: 4, character: 14 }, end: { line: 4, character: 18 } });
  assert.match(unused[0].message, /There is no layout `pgae`.*Did you mean `page`\?/);

  const config = 'defaults:\n  - scope:\n      path: people\n    values:\n      layout: pgae\n';
  assert.deepEqual(check(config, PAGES), []);
  const site = Site.load(writeTempSite({ '_config.yml': config, ...PAGES }));
  const onPage = checkPage(site, site.pages.get('people/b.md')!, EMPTY_SCHEMA).filter((d) => d.code === 'unknown-layout');
  assert.equal(onPage.length, 1, 'unknown-layout reports it on the page that gets it');
});
