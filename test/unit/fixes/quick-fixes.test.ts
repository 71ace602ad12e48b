import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/rules/rule';
import type { SiteSchema } from '../../../server/src/schema/schema';
import { checkConfig, checkTemplate } from '../../../server/src/service/check';
import { applyEditGroups } from '../../../server/src/service/fixes';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { Site } from '../../../server/src/site/site';
import { checkWithRule, EXAMPLE_SITE, writeTempSite } from '../../helpers/site';

/** The lines a fix changes: [lines before, lines after], without the unchanged lines around them. */
function changedLines(before: string, after: string): [string[], string[]] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [a.slice(head, a.length - tail), b.slice(head, b.length - tail)];
}

function applyFix(text: string, diagnostic: Diagnostic, title: string): string {
  const fix = diagnostic.fixes.find((candidate) => candidate.title === title);
  assert.ok(fix, `${diagnostic.code} offers "${title}"; it offers ${JSON.stringify(diagnostic.fixes.map((f) => f.title))}`);
  return applyEditGroups(text, [fix.edits]).text;
}

/** Every fix the example site's findings offer, before → after (file, rule, fix title, lines before, lines after, safe). */
const EXAMPLE_FIXES: [string, string, string, string[], string[], boolean][] = [
  ['broken/bad-parent.md', 'unknown-reference', 'Change `parent` to `research`', ['parent: research/no-such-project'], ['parent: research'], false],
  ['broken/bad-parent.md', 'unknown-reference', 'Change `parent` to `research/air-quality`', ['parent: research/no-such-project'], ['parent: research/air-quality'], false],
  ['broken/colon-title.md', 'yaml-syntax', 'Put the value in quotes', ['title: Results: the first year'], ['title: "Results: the first year"'], false],
  ['broken/dash-without-space.md', 'unknown-field', 'Add the space after the dash (`- path`)',
    ['  -path: /assets/reports/air-quality-report.pdf', '  title: Air quality final report'],
    ['  - path: /assets/reports/air-quality-report.pdf', '    title: Air quality final report'], false],
  ['broken/duplicate-key.md', 'duplicate-key', 'Delete this `title` (Jekyll ignores it)', ['title: The first title'], [], true],
  ['broken/float-level.md', 'ambiguous-scalar', 'Put the value in quotes', ['level: 5.10'], ['level: "5.10"'], false],
  ['broken/h1-body.md', 'h1-in-body', 'Make it a level-two heading', ['# A second page title'], ['## A second page title'], false],
  ['broken/missing-file.md', 'missing-file', 'Add the leading `/`', ['  - path: assets/reports/air-quality-report.pdf'], ['  - path: /assets/reports/air-quality-report.pdf'], true],
  ['broken/no-intro.md', 'missing-required', 'Add `intro`', [], ['intro: |', '  TODO: write the intro here.'], false],
  ['broken/reserved-path.md', 'reserved-field', 'Delete the `path` line', ['path: /assets/reports/old-report.pdf'], [], false],
  ['broken/reserved-path.md', 'reserved-field', 'Rename to `file_path`', ['path: /assets/reports/old-report.pdf'], ['file_path: /assets/reports/old-report.pdf'], false],
  ['broken/resource-typo.md', 'unknown-field', 'Rename to `resources`', ['resource:'], ['resources:'], false],
  ['broken/section-mismatch.md', 'section-mismatch', 'Change the section to `about/section-mismatch`', ['section: broken/section-mismatch'], ['section: about/section-mismatch'], false],
  ['broken/unclosed.md', 'unclosed-front-matter', 'Close the front matter before line 7', [], ['---'], false],
  ['broken/unknown-layout.md', 'unknown-layout', 'Change the layout to `section-home`', ['layout: section-hom'], ['layout: section-home'], false],
  ['broken/wrapped-title.md', 'yaml-syntax', 'Indent the line by 8 spaces', ['  across the three regions'], ['        across the three regions'], false],
  ['_includes/broken-examples.html', 'unknown-filter', 'Change the filter to `markdownify`',
    ['<div class="broken-intro">{{ page.intro | mardownify }}</div>'], ['<div class="broken-intro">{{ page.intro | markdownify }}</div>'], false],
  ['_includes/broken-examples.html', 'unknown-filter', 'Change the filter to `relative_url`',
    ['<a href="{{ page.url | realative_url }}">{{ page.title }}</a>'], ['<a href="{{ page.url | relative_url }}">{{ page.title }}</a>'], false],
  ['_includes/broken-examples.html', 'filter-arguments', "Write `sort: 'weight'`",
    ['{%- assign children = site.pages | where: "parent", page.section | sort weight -%}'],
    ['{%- assign children = site.pages | where: "parent", page.section | sort: \'weight\' -%}'], false],
  ['_includes/broken-examples.html', 'liquid-syntax', 'Delete the stray quote',
    ['{%- assign classes = \'class="active"\'\' -%}'], ['{%- assign classes = \'class="active"\' -%}'], false],
];

test('every fix offered on the example site changes exactly the expected lines', () => {
  const workspace = SiteWorkspace.open(EXAMPLE_SITE);
  const diagnostics = workspace.allDiagnostics();
  for (const [file, code, title, before, after, safe] of EXAMPLE_FIXES) {
    const diagnostic = diagnostics.find((d) => d.file === file && d.code === code && d.fixes.some((fix) => fix.title === title));
    assert.ok(diagnostic, `${file}: ${code} offering "${title}"`);
    const text = workspace.site.pages.get(file)?.text ?? fs.readFileSync(workspace.absolutePath(file), 'utf8');
    assert.deepEqual(changedLines(text, applyFix(text, diagnostic, title)), [before, after], `${file}: ${title}`);
    assert.equal(diagnostic.fixes.find((fix) => fix.title === title)!.safe, safe, `${title} is ${safe ? '' : 'not '}safe`);
  }
});

test('block-indent evens out the intro of impact.md (safe)', () => {
  const workspace = SiteWorkspace.open(EXAMPLE_SITE);
  const diagnostic = workspace.diagnosticsFor('impact.md').find((d) => d.code === 'block-indent')!;
  const text = workspace.site.pages.get('impact.md')!.text;
  const [before, after] = changedLines(text, applyFix(text, diagnostic, 'Indent every line the same (4 spaces)'));
  assert.deepEqual(before.map((line) => /^ */.exec(line)![0].length), [3]);
  assert.deepEqual(after.map((line) => /^ */.exec(line)![0].length), [4]);
  assert.equal(before[0].trim(), after[0].trim());
});

function pageFix(frontMatter: string, code: string, title: string, files: Record<string, string> = {}, schema?: SiteSchema): string {
  const text = `---\n${frontMatter}---\nBody\n`;
  const [diagnostic] = checkWithRule({ 'page.md': text, ...files }, 'page.md', code, schema);
  assert.ok(diagnostic, `${code} on ${JSON.stringify(frontMatter)}`);
  return applyFix(text, diagnostic, title).replace(/^---\n/, '').replace(/---\nBody\n$/, '');
}

test('comment-in-value quotes the whole value (safe)', () => {
  assert.equal(pageFix('title: Issue #4\n', 'comment-in-value', 'Put the whole value in quotes'), 'title: "Issue #4"\n');
  assert.equal(pageFix('title: C# #1 thing\n', 'comment-in-value', 'Put the whole value in quotes'), 'title: "C# #1 thing"\n');
});

test('yaml-syntax: the space after a dash, lining a field up, tabs, and closing a quote', () => {
  assert.equal(pageFix('resources:\n  - path: /a.pdf\n    title: A\n  -path: /b.pdf\n    title: B\n', 'yaml-syntax', 'Add a space after the dash (`- path:`)'),
    'resources:\n  - path: /a.pdf\n    title: A\n  - path: /b.pdf\n    title: B\n');
  assert.equal(pageFix('title: x\n  weight: 1\n', 'yaml-syntax', 'Line `weight` up with `title`'), 'title: x\nweight: 1\n');
  assert.equal(pageFix('resources:\n\t- a\n', 'yaml-syntax', 'Replace the tabs with spaces'), 'resources:\n  - a\n');
  assert.equal(pageFix("title: 'The first year\nweight: 2\n", 'yaml-syntax', 'Close the quote at the end of line 2'), "title: 'The first year'\nweight: 2\n");
});

test('missing-required adds one field, or all the missing ones at once', () => {
  const schema: SiteSchema = {
    source: 'file', origins: {}, problems: [], common: {},
    layouts: { default: { properties: { title: { type: 'string' }, weight: { type: 'integer' }, tags: { type: 'array' } }, required: ['title', 'weight', 'tags'] } },
  };
  const layouts = { '_layouts/default.html': '{{ content }}' };
  assert.equal(pageFix('layout: default\ntitle: T\nweight: 1\n', 'missing-required', 'Add `tags`', layouts, schema), 'layout: default\ntitle: T\nweight: 1\ntags: []\n');
  assert.equal(pageFix('layout: default\n', 'missing-required', 'Add all 3 missing fields (`title`, `weight`, `tags`)', layouts, schema),
    'layout: default\ntitle: "TODO"\nweight: 0\ntags: []\n');
});

test('template fixes: an unknown tag, a missing include', () => {
  const root = writeTempSite({ '_config.yml': 'title: T\n', '_includes/menu.html': '<nav></nav>\n' });
  const site = Site.load(root);
  const text = '{% inlcude menu.html %}\n{% include menus.html %}\n';
  const diagnostics = checkTemplate(site, '_layouts/x.html', text);
  const tag = diagnostics.find((d) => d.code === 'unknown-tag')!;
  assert.equal(applyFix(text, tag, 'Change the tag to `include`'), '{% include menu.html %}\n{% include menus.html %}\n');
  const include = diagnostics.find((d) => d.code === 'missing-include')!;
  assert.equal(applyFix(text, include, 'Include `menu.html` instead'), '{% inlcude menu.html %}\n{% include menu.html %}\n');
});

test('_config.yml fixes: a defaults path and layout, and a value with an unquoted ": "', () => {
  const config = [
    'title: T',
    'defaults:',
    '  - scope:',
    '      path: "reserch"',
    '    values:',
    '      layout: pgae',
    '',
  ].join('\n');
  const site = Site.load(writeTempSite({ '_config.yml': config, '_layouts/page.html': '{{ content }}', 'research/a.md': '---\nlayout: page\n---\n' }));
  const diagnostics = checkConfig(site, { source: 'inferred', common: {}, layouts: {}, origins: {}, problems: [] });
  const [scope, layout] = diagnostics.filter((d) => d.code === 'defaults-scope');
  assert.match(applyFix(config, scope, 'Change the path to `research`'), /path: "research"\n/);
  assert.match(applyFix(config, layout, 'Change the layout to `page`'), /layout: page\n/);

  const broken = 'title: Results: the first year\n';
  const brokenSite = Site.load(writeTempSite({ '_config.yml': broken }));
  const [syntax] = checkConfig(brokenSite, { source: 'inferred', common: {}, layouts: {}, origins: {}, problems: [] });
  assert.equal(applyFix(broken, syntax, 'Put the value in quotes'), 'title: "Results: the first year"\n');
});
