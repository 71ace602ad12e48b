import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferSchema } from '../../../server/src/schema/infer';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkPage } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { applyFirstFix, checkWithRule, EXAMPLE_SITE } from '../../helpers/site';

const FILE_SCHEMA: SiteSchema = {
  source: 'file', file: '_jekyll-author.schema.json', origins: {}, problems: [],
  common: {},
  layouts: {
    'section-home': {
      properties: { intro: { type: 'string', description: 'the text in the turquoise box' }, title: { type: 'string' } },
      required: ['intro'],
    },
    default: {
      properties: { resources: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, path: { type: 'string' } }, required: ['title'] } } },
    },
  },
};
const LAYOUTS = { '_layouts/section-home.html': '{{ page.intro }}', '_layouts/default.html': '{{ page.title }}' };

test('on the example site, the section-home page without an intro is reported on its layout (inferred: a warning)', () => {
  const site = Site.load(EXAMPLE_SITE);
  const page = site.pages.get('broken/no-intro.md')!;
  const diagnostics = checkPage(site, page, inferSchema(site)).filter((d) => d.code === 'missing-required');
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message, 'Pages with the `section-home` layout need an `intro` (read by `_layouts/section-home.html` line 14: `page.intro | markdownify`); add `intro: |` followed by the text indented.');
  assert.deepEqual(diagnostic.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 20 } });
  assert.equal(diagnostic.fixes[0].safe, false);
  assert.equal(
    applyFirstFix(page.text, diagnostic).split('---')[1],
    '\n# deliberate defect: a section-home page with no intro\ntitle: Section home without an intro\nsection: broken/no-intro\nlayout: section-home\nintro: |\n  TODO: write the intro here.\n',
  );
});

test('with a schema file it is an error and the message uses the field\'s description', () => {
  const text = '---\ntitle: Privacy\nlayout: section-home\n---\nBody\n';
  const [diagnostic, ...rest] = checkWithRule({ ...LAYOUTS, 'privacy.md': text }, 'privacy.md', 'missing-required', FILE_SCHEMA);
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'error');
  assert.equal(diagnostic.message, 'Pages with the `section-home` layout need an `intro` (the text in the turquoise box); add `intro: ` followed by the text.');
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: Privacy\nlayout: section-home\nintro: "TODO"\n---\nBody\n');
});

test('when the layout comes from the defaults, the finding sits on the opening ---', () => {
  const files = {
    ...LAYOUTS,
    '_config.yml': 'title: T\ndefaults:\n  - scope: { path: "" }\n    values: { layout: section-home }\n',
    'privacy.md': '---\ntitle: Privacy\n---\n',
  };
  const [diagnostic] = checkWithRule(files, 'privacy.md', 'missing-required', FILE_SCHEMA);
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
});

test('an empty value counts as missing and is reported on its key', () => {
  const text = '---\nlayout: section-home\nintro:\n---\n';
  const [diagnostic] = checkWithRule({ ...LAYOUTS, 'p.md': text }, 'p.md', 'missing-required', FILE_SCHEMA);
  assert.equal(diagnostic.message, 'Pages with the `section-home` layout need an `intro` (the text in the turquoise box), but it is empty here; write the text after `intro:`.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
  assert.equal(diagnostic.fixes.length, 0);
});

test('a field missing from a list item is reported on the item', () => {
  const text = '---\nlayout: default\nresources:\n  - path: /a.pdf\n---\n';
  const [diagnostic] = checkWithRule({ ...LAYOUTS, 'p.md': text }, 'p.md', 'missing-required', FILE_SCHEMA);
  assert.equal(diagnostic.message, 'Each item of `resources` needs a `title`; add `title: ` followed by the text.');
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 16 } });
  assert.equal(applyFirstFix(text, diagnostic), '---\nlayout: default\nresources:\n  - path: /a.pdf\n    title: "TODO"\n---\n');
});

test('pages that have the field, and pages whose YAML is broken, are not reported', () => {
  const files = { ...LAYOUTS, 'ok.md': '---\nlayout: section-home\nintro: |\n  Hello\n---\n', 'bad.md': '---\nlayout: section-home\ntitle: a: b\n---\n' };
  assert.deepEqual(checkWithRule(files, 'ok.md', 'missing-required', FILE_SCHEMA), []);
  assert.deepEqual(checkWithRule(files, 'bad.md', 'missing-required', FILE_SCHEMA), []);
});
