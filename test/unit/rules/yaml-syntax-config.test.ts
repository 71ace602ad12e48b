import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConfig } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { EMPTY_SCHEMA, writeTempSite } from '../../helpers/site';

test('invalid YAML in _config.yml is explained on its line, with the site-wide consequence, and silences the other config checks', () => {
  const config = 'title: Results: the first year\nheader_pages:\n  - nowhere.md\n';
  const site = Site.load(writeTempSite({ '_config.yml': config }));
  const diagnostics = checkConfig(site, EMPTY_SCHEMA);
  assert.deepEqual(diagnostics.map((d) => d.code), ['yaml-syntax']);
  const [syntax] = diagnostics;
  assert.equal(syntax.file, '_config.yml');
  assert.deepEqual(syntax.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 30 } });
  assert.match(syntax.message, /^The value of `title` contains `: `.*Put the whole value in quotes/);
  assert.match(syntax.message, /Jekyll cannot read ANY of the site's settings/);
  assert.doesNotMatch(syntax.message, /front matter/);
});

test('a readable _config.yml has no yaml-syntax finding, and the setting turns it off there too', () => {
  const site = Site.load(writeTempSite({ '_config.yml': 'title: T\n' }));
  assert.deepEqual(checkConfig(site, EMPTY_SCHEMA), []);
  const broken = Site.load(writeTempSite({ '_config.yml': 'a: [1\n' }));
  assert.equal(checkConfig(broken, EMPTY_SCHEMA).length, 1);
  assert.deepEqual(checkConfig(broken, EMPTY_SCHEMA, { 'yaml-syntax': 'off' }), []);
});
