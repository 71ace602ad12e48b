import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { checkTemplate } from '../../../server/src/service/check';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { Site } from '../../../server/src/site/site';
import { copyExampleSite, EXAMPLE_SITE, writeTempSite } from '../../helpers/site';

const CLI = path.resolve(__dirname, '../../../../bin/jekyll-author');

/** `line:character-endCharacter code` (0-based), the form the assertions compare. */
const placed = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code}`;

function checkText(text: string, files: Record<string, string> = {}, relPath = '_layouts/page.html'): Diagnostic[] {
  const site = Site.load(writeTempSite({ '_config.yml': 'title: T\n', ...files }));
  return checkTemplate(site, relPath, text);
}

test('the example site: broken-examples.html has exactly its five deliberate mistakes, the real templates none', () => {
  const workspace = SiteWorkspace.open(EXAMPLE_SITE);
  const templates = workspace.checkedFiles().filter((file) => /^_(layouts|includes)\//.test(file));
  assert.ok(templates.includes('_layouts/core.html') && templates.includes('_includes/section-menu.html'));
  for (const template of templates) {
    const found = workspace.diagnosticsFor(template);
    if (template !== '_includes/broken-examples.html') assert.deepEqual(found.map(placed), [], template);
  }
  const broken = workspace.diagnosticsFor('_includes/broken-examples.html');
  assert.deepEqual(broken.map(placed), [
    '10:42-52 unknown-filter',
    '11:23-36 unknown-filter',
    '12:67-78 filter-arguments',
    '13:37-42 liquid-syntax',
    '14:11-28 missing-include',
  ]);
  assert.deepEqual(broken.map((d) => d.severity), ['warning', 'warning', 'warning', 'error', 'error']);
  assert.match(broken[0].message, /There is no filter `mardownify`.*Did you mean `markdownify`\?/);
  assert.match(broken[1].message, /Did you mean `relative_url`\?/);
  assert.match(broken[2].message, /silently drops `weight`.*Write `sort: 'weight'`/);
  assert.match(broken[3].message, /never closed.*stray quote/);
  assert.match(broken[4].message, /no file `_includes\/missing-file.html`/);
});

test('liquid-syntax: a block never closed, a closing tag with nothing open, on their lines', () => {
  const found = checkText('<p>\n{% if page.title %}\n{{ page.title }}\n</p>\n{% endfor %}\n').filter((d) => d.code === 'liquid-syntax');
  assert.deepEqual(found.map(placed), ['1:0-19 liquid-syntax', '4:0-12 liquid-syntax']);
  assert.match(found[0].message, /`\{% if %\}` is never closed: add `\{% endif %\}`/);
  assert.match(found[1].message, /`\{% endfor %\}` closes a `\{% for %\}` that was never opened/);
});

test('liquid-syntax leaves `sort weight` to filter-arguments, and a good template alone', () => {
  const found = checkText('{% assign a = site.pages | sort weight %}\n');
  assert.deepEqual(found.map(placed), ['0:27-38 filter-arguments']);
  assert.deepEqual(checkText('{% for p in site.pages %}{{ p.title | escape }}{% endfor %}\n'), []);
});

test('unknown-filter: plugins the site loads define filters; an unloaded plugin\'s filter names the plugin', () => {
  assert.deepEqual(checkText('{{ page.title | emojify }}\n', { '_config.yml': 'plugins:\n  - jemoji\n' }), []);
  const [unloaded] = checkText('{{ page.title | emojify }}\n');
  assert.equal(placed(unloaded), '0:16-23 unknown-filter');
  assert.match(unloaded.message, /plugin `jemoji`, which the site does not load/);
  assert.equal(unloaded.fixes.length, 0);
  const [unknownPlugin] = checkText('{{ page.title | shout }}\n', { '_config.yml': 'plugins:\n  - jekyll-shout\n' });
  assert.equal(unknownPlugin.severity, 'information');
  assert.match(unknownPlugin.message, /`jekyll-shout`, which may define it/);
});

test('unknown-tag: `seo` needs jekyll-seo-tag, loaded through plugins, the jekyll_plugins group or github-pages', () => {
  const [missing] = checkText('<head>{% seo %}</head>\n');
  assert.equal(placed(missing), '0:9-12 unknown-tag');
  assert.equal(missing.severity, 'error');
  assert.match(missing.message, /comes from the plugin `jekyll-seo-tag`, which the site does not load/);
  assert.deepEqual(checkText('{% seo %}\n', { '_config.yml': 'plugins: [jekyll-seo-tag]\n' }), []);
  // GitHub Pages turns on its default set (jekyll-gist among them); jekyll-seo-tag only when listed.
  const githubPages = { Gemfile: 'gem "github-pages", group: :jekyll_plugins\n' };
  assert.deepEqual(checkText('{% gist 123 %}\n', githubPages), []);
  assert.equal(checkText('{% seo %}\n', githubPages).length, 1);
  assert.deepEqual(checkText('{% seo %}\n', { ...githubPages, '_config.yml': 'plugins: [jekyll-seo-tag]\n' }), []);
  assert.deepEqual(checkText('{% seo %}\n', { Gemfile: 'group :jekyll_plugins do\n  gem "jekyll-seo-tag"\nend\n' }), []);
  // A gem outside the group is installed but not loaded.
  assert.equal(checkText('{% seo %}\n', { Gemfile: 'gem "jekyll-seo-tag"\n' }).length, 1);
});

test('filter-arguments: inserts the colon, quoting a property name', () => {
  const [sort] = checkText('{{ site.pages | sort weight | map: "title" }}\n');
  assert.equal(placed(sort), '0:16-27 filter-arguments');
  const [append] = checkText('{{ page.title | append " more" }}\n');
  assert.equal(append.fixes[0].title, 'Write `append: " more"`');
});

test('missing-include: did-you-mean, include_relative beside the template, dynamic names skipped, a theme softens it', () => {
  const files = { '_includes/section-menu.html': '', '_layouts/part.html': '' };
  const [typo] = checkText('{% include section-menus.html %}\n', files);
  assert.equal(placed(typo), '0:11-29 missing-include');
  assert.match(typo.message, /Did you mean `section-menu.html`\?/);
  assert.deepEqual(checkText('{% include_relative part.html %}\n{% include {{ page.widget }}.html %}\n', files), []);
  const [relative] = checkText('{% include_relative parts.html %}\n', files);
  assert.match(relative.message, /no file `_layouts\/parts.html`.*Did you mean `part.html`\?/);
  const [themed] = checkText('{% include head.html %}\n', { '_config.yml': 'theme: jekyll-theme-not-installed-anywhere\n' });
  assert.equal(themed.severity, 'information');
});

test('check lists the templates\' findings, and --fix leaves fixes that change the page alone', () => {
  const root = copyExampleSite();
  const result = spawnSync(process.execPath, [CLI, 'check', '--root', root, '--format', 'json'], { encoding: 'utf8' });
  const codes = (JSON.parse(result.stdout) as { diagnostics: { file: string; code: string }[] }).diagnostics
    .filter((d) => d.file === '_includes/broken-examples.html').map((d) => d.code);
  assert.deepEqual(codes, ['unknown-filter', 'unknown-filter', 'filter-arguments', 'liquid-syntax', 'missing-include']);

  const page = path.join(root, 'broken', 'issue-number.md');
  fs.writeFileSync(page, '---\ntitle: Issue #4\n---\nText\n');
  spawnSync(process.execPath, [CLI, 'check', '--root', root, '--fix'], { encoding: 'utf8' });
  // Quoting would make the title show `#4`, and the filter fix would change the include: both change what Jekyll builds.
  assert.equal(fs.readFileSync(page, 'utf8'), '---\ntitle: Issue #4\n---\nText\n');
  assert.match(fs.readFileSync(path.join(root, '_includes', 'broken-examples.html'), 'utf8'), /mardownify/);
});
