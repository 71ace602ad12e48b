import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadSiteSchema } from '../../../server/src/schema/load';
import { checkSite } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { EXAMPLE_SITE } from '../../helpers/site';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus/connectedhealthcities');
const MINE = new Set(['missing-required', 'wrong-type', 'ambiguous-scalar', 'unknown-field', 'reserved-field', 'invalid-value']);

/** The real site's content with the example site's templates laid over it, as the corpus README suggests. */
function corpusSite(): Site {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-corpus-'));
  fs.cpSync(CORPUS, root, { recursive: true });
  for (const dir of ['_layouts', '_includes', '_sass', 'assets/css']) {
    fs.cpSync(path.join(EXAMPLE_SITE, dir), path.join(root, dir), { recursive: true });
  }
  fs.writeFileSync(path.join(root, 'Gemfile'), 'gem "github-pages", group: :jekyll_plugins\n');
  return Site.load(root);
}

test('on the real corpus the schema rules find the stray path: and the section-home page without an intro, nothing else', (t) => {
  if (!fs.existsSync(CORPUS)) {
    t.skip(`the corpus is not at ${CORPUS}`);
    return;
  }
  const site = corpusSite();
  const found = checkSite(site, loadSiteSchema(site)).filter((d) => MINE.has(d.code)).map((d) => `${d.code} ${d.file}:${d.range.start.line + 1}`);
  assert.deepEqual(found.sort(), [
    'missing-required privacy.md:4',
    'reserved-field greater-manchester/care-pathway-1-building-lhs-for-stroke/stroke-secondary-prevention.md:7',
  ]);
});
