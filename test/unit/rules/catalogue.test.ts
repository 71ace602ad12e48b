import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULES } from '../../../server/src/rules';
import { readmeRuleTable, ruleIds, ruleSettingsSchema } from '../../../server/src/service/settings';

const REPO = path.resolve(__dirname, '../../../..');

test('every rule has a unique id, a module of its own and a documentation page', () => {
  const ids = ALL_RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  const modules = fs.readdirSync(path.join(REPO, 'server/src/rules')).map((file) => file.replace(/\.ts$/, ''));
  for (const { id } of ruleIds()) {
    assert.ok(fs.existsSync(path.join(REPO, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
    const doc = fs.readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
    assert.match(doc, new RegExp(`^# ${id}\\n`), `docs/rules/${id}.md starts with its id`);
    assert.match(doc, /Default severity/);
  }
  for (const id of ids) assert.ok(modules.includes(id), `server/src/rules/${id}.ts holds rule ${id}`);
});

test('the settings in package.json list every rule with its description', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const listed = manifest.contributes.configuration.properties['jekyllAuthor.rules'].properties;
  assert.deepEqual(listed, ruleSettingsSchema(), 'run `npm run sync-manifest` after changing rules');
});

test('the README\'s table of checks is the rules\' own ids, severities and descriptions', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const table = /<!-- checks: [^\n]*-->\n([^]*?)\n<!-- checks end -->/.exec(readme);
  assert.ok(table, 'README.md keeps the markers around its table of checks');
  assert.equal(table[1], readmeRuleTable(), 'run `npm run sync-manifest` after changing rules');
  for (const { id } of ruleIds()) assert.match(table[1], new RegExp(`\\[\`${id}\`\\]\\(docs/rules/${id}\\.md\\)`), `README lists ${id}`);
});
