// Writes, from the rule modules, the `jekyllAuthor.rules` setting's per-rule entries in package.json
// (the settings UI lists every rule with its description and default) and the README's table of checks.
// Run after adding or changing a rule: `npm run sync-manifest` (a unit test fails while they disagree).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { readmeRuleTable, ruleSettingsSchema } = require('../out/server/src/service/settings.js');
const manifestPath = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
manifest.contributes.configuration.properties['jekyllAuthor.rules'].properties = ruleSettingsSchema();
fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log('package.json: jekyllAuthor.rules updated');

const readmePath = new URL('../README.md', import.meta.url);
const readme = fs.readFileSync(readmePath, 'utf8');
const table = /(<!-- checks: [^\n]*-->\n)[^]*?(\n<!-- checks end -->)/;
if (!table.test(readme)) throw new Error('README.md has lost the markers around its table of checks');
fs.writeFileSync(readmePath, readme.replace(table, (_, open, close) => `${open}${readmeRuleTable()}${close}`));
console.log('README.md: table of checks updated');
