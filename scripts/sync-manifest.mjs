// Writes the `jekyllAuthor.rules` setting's per-rule entries in package.json from the rule
// modules, so the settings UI lists every rule with its description and default.
// Run after adding a rule: `npm run sync-manifest` (a unit test fails while they disagree).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ruleSettingsSchema } = require('../out/server/src/service/settings.js');
const manifestPath = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
manifest.contributes.configuration.properties['jekyllAuthor.rules'].properties = ruleSettingsSchema();
fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log('package.json: jekyllAuthor.rules updated');
