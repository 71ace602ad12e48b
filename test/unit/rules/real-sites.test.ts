import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { inferSchema } from '../../../server/src/schema/infer';
import { checkConfig, checkPage } from '../../../server/src/service/check';
import type { Site } from '../../../server/src/site/site';
import { tempSites } from '../../helpers/temp-sites';

const sites = tempSites();

/** `file:line code` (1-based line) of every finding on every page and `_config.yml`. */
function findings(site: Site, codes?: string[]): string[] {
  const schema = inferSchema(site);
  const all: Diagnostic[] = [...[...site.pages.values()].flatMap((page) => checkPage(site, page, schema)), ...checkConfig(site, schema)];
  return all.filter((d) => !codes || codes.includes(d.code)).map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`).sort();
}

const POST_LAYOUT = '---\n---\n<h1>{{ page.title }}</h1><time>{{ page.date | date: "%Y" }}</time>{{ content }}';

test('a {% gist %} in a post body without jekyll-gist stops the build: reported on its line', () => {
  const site = sites.load({
    '_layouts/post.html': POST_LAYOUT,
    '_posts/2024-01-02-hello.md': '---\nlayout: post\n---\nText.\n\n{% gist 5555251 gist.md %}\n',
  });
  assert.deepEqual(findings(site, ['unknown-tag']), ['_posts/2024-01-02-hello.md:6 unknown-tag']);
  const message = checkPage(site, site.pages.get('_posts/2024-01-02-hello.md')!, inferSchema(site)).find((d) => d.code === 'unknown-tag')!.message;
  assert.match(message, /jekyll-gist/);
});

test('Liquid in {% raw %}, and in a page with render_with_liquid: false, is not checked; with jekyll-gist loaded gist is fine', () => {
  const site = sites.load({
    '_config.yml': 'plugins: [jekyll-gist]\n',
    'raw.md': '---\n---\n{% raw %}{% nosuchtag %}{{ x | nosuchfilter }}{% endraw %}\n',
    'off.md': '---\nrender_with_liquid: false\n---\n{% nosuchtag %}\n',
    'gist.md': '---\n---\n{% gist 1 %}\n',
    'bad.md': '---\n---\n```\n{{ page.title | nosuchfilter }}\n```\n',
  });
  // Jekyll runs Liquid inside Markdown code blocks too: the filter there is checked.
  assert.deepEqual(findings(site, ['unknown-tag', 'unknown-filter']), ['bad.md:4 unknown-filter']);
});

test('a page\'s own {% if %} never closed, or an {% endif %} closing nothing, stops the build: reported on its line', () => {
  const site = sites.load({
    '_layouts/default.html': '---\n---\n{{ content }}',
    'open.md': '---\nlayout: default\ntitle: A\n---\nHello {% if page.title %} yes\n\nbar\n',
    'stray.md': '---\nlayout: default\n---\nText.\n\n{% endif %}\n',
    'closed.md': '---\nlayout: default\n---\n{% if page.title %}yes{% endif %}\n',
    'off.md': '---\nrender_with_liquid: false\n---\n{% if x %}\n',
  });
  assert.deepEqual(findings(site, ['liquid-syntax']), ['open.md:5 liquid-syntax', 'stray.md:6 liquid-syntax']);
  const [open] = checkPage(site, site.pages.get('open.md')!, inferSchema(site)).filter((d) => d.code === 'liquid-syntax');
  assert.match(open.message, /`\{% if %\}` is never closed: add `\{% endif %\}`.*Jekyll stops the build/);
});

test('fields read through site.posts, a collection, site.categories, paginator and group_by are known', () => {
  const site = sites.load({
    '_config.yml': 'collections:\n  recipes:\n    output: true\n',
    '_layouts/default.html': '---\n---\n{{ content }}',
    '_includes/list.html': '{% for p in include.items %}{{ p.teaser }}{% endfor %}',
    'index.html': '---\nlayout: default\n---\n'
      + '{% for post in site.posts %}{{ post.version }}{% endfor %}\n'
      + '{% for r in site.recipes %}{{ r.serves }}{% endfor %}\n'
      + '{% for post in site.categories.news %}{{ post.mood }}{% endfor %}\n'
      + '{% for post in paginator.posts %}{{ post.byline }}{% endfor %}\n'
      + '{% assign groups = site.posts | group_by: "year" %}{% for g in groups %}{% for p in g.items %}{{ p.place }}{% endfor %}{% endfor %}\n'
      + '{% include list.html items=site.posts %}\n',
    '_posts/2024-01-02-a.md': '---\nlayout: default\nversion: 1.2.3\nmood: calm\nbyline: me\nyear: 2024\nplace: here\nteaser: t\n---\n',
    '_recipes/soup.md': '---\nlayout: default\nserves: 2\n---\n',
    'own.md': '---\nlayout: default\nfilters: [a]\n---\n{% for f in page.filters %}{{ f }}{% endfor %}\n',
    'typo.md': '---\nlayout: default\nvershun: 1\n---\n',
  });
  assert.deepEqual(findings(site, ['unknown-field']), ['typo.md:3 unknown-field']);
});

test('a field a layout only tests, gives a default, or reads inside a test of it is never required', () => {
  const layout = '---\n---\n<h1>{{ page.title }}</h1>{% if page.related %}<ul>{% for r in page.related %}{{ r }}{% endfor %}</ul>{% endif %}'
    + '{% assign author = page.author %}{% if author %}{{ author }}{% endif %}{{ page.lead | default: "" }}{{ content }}';
  const files: Record<string, string> = { '_layouts/article.html': layout };
  for (const name of ['a', 'b', 'c', 'd']) files[`${name}.md`] = `---\nlayout: article\ntitle: ${name}\nrelated: [x]\nauthor: me\nlead: l\n---\n`;
  files['e.md'] = '---\nlayout: article\n---\n';
  assert.deepEqual(findings(sites.load(files), ['missing-required']), ['e.md:2 missing-required']);
  const schema = inferSchema(sites.load(files));
  assert.deepEqual(schema.layouts.article.required, ['title']);
});

test('a post or collection document is never missing the title, date or slug Jekyll takes from its file name', () => {
  const files: Record<string, string> = { '_layouts/post.html': POST_LAYOUT };
  for (const day of ['01', '02', '03', '04']) files[`_posts/2024-01-${day}-day-${day}.md`] = `---\nlayout: post\ntitle: Day ${day}\ndate: 2024-01-${day}\n---\n`;
  files['_posts/2024-01-05-no-front-matter-fields.md'] = '---\nlayout: post\n---\n';
  assert.deepEqual(findings(sites.load(files), ['missing-required']), []);
});

test('_config.yml settings Jekyll 4 refuses: relative_permalinks, markdown: redcarpet, pygments, paginate without its plugin', () => {
  const site = sites.load({
    '_config.yml': 'markdown: redcarpet\nhighlighter: pygments\nrelative_permalinks: true\npaginate: 5\n',
    'index.html': '---\n---\n{% for post in paginator.posts %}{{ post.title }}{% endfor %}\n',
  });
  const config = checkConfig(site, inferSchema(site)).filter((d) => d.code === 'removed-setting');
  assert.deepEqual(config.map((d) => `${d.range.start.line + 1} ${d.severity}`), ['1 error', '2 warning', '3 error', '4 warning']);
  assert.match(config[0].message, /Invalid Markdown processor given: redcarpet/);
  assert.equal(config[0].fixes[0].edits[0].newText, 'kramdown');
  const fine = sites.load({ '_config.yml': 'markdown: kramdown\nhighlighter: rouge\nrelative_permalinks: false\npaginate: 5\nplugins: [jekyll-paginate]\n' });
  assert.deepEqual(findings(fine, ['removed-setting']), []);
});

test('excerpt: in front matter is the documented way to set a post\'s summary, not a misused reserved name', () => {
  const site = sites.load({ '_posts/2024-01-02-a.md': '---\nexcerpt: A summary.\npath: x.md\n---\n' });
  assert.deepEqual(findings(site, ['reserved-field']), ['_posts/2024-01-02-a.md:3 reserved-field']);
});

test('a quoted title continued at column 0 reads as Psych reads it, with positions in the author\'s text', () => {
  const site = sites.load({ 'a.md': '---\ntitle: "A title that goes on\nat column 0"\nlayout: x\n---\n' });
  const page = site.pages.get('a.md')!;
  assert.deepEqual(page.frontMatter.problems, []);
  assert.equal(page.data.title, 'A title that goes on at column 0');
  const layout = page.frontMatter.root!.items[1].value as Parameters<typeof page.frontMatter.offsetsOf>[0];
  assert.equal(page.text.slice(...page.frontMatter.offsetsOf(layout)), 'x');
});

test('permalink: :title is a Ruby symbol Jekyll 4 refuses, dropping the front matter; GitHub Pages\' Jekyll 3 reads it as text', () => {
  const jekyll4 = sites.load({ 'a.md': '---\ntitle: A\npermalink: :title\n---\n' });
  const [finding] = findings(jekyll4, ['yaml-syntax']);
  assert.equal(finding, 'a.md:3 yaml-syntax');
  const githubPages = sites.load({ Gemfile: 'gem "github-pages", group: :jekyll_plugins\n', 'a.md': '---\ntitle: A\npermalink: :title\n---\n' });
  assert.deepEqual(findings(githubPages, ['yaml-syntax']), []);
  assert.equal(githubPages.pages.get('a.md')!.data.permalink, ':title');
});

test('h1-in-body follows kramdown: not a # without a space (GFM), in a code span, in an HTML block, or indented', () => {
  const layout = { '_layouts/doc.html': '---\n---\n<h1>{{ page.title }}</h1>{{ content }}' };
  const body = (name: string, text: string) => ({ [`${name}.md`]: `---\nlayout: doc\ntitle: T\n---\n${text}` });
  const site = sites.load({
    ...layout,
    ...body('hashtag', '#hashtag at the start of a line\n'),
    ...body('span', 'Write `<h1>` for a heading.\n'),
    ...body('html', '<div class="note">\n# not Markdown here\n</div>\n'),
    ...body('indented', 'Text.\n\n  # indented two spaces\n'),
    ...body('setext', 'Line one\nline two\n===\n'),
    ...body('real', 'Intro.\n# A real heading\n'),
  });
  assert.deepEqual(findings(site, ['h1-in-body']), ['real.md:6 h1-in-body']);
});
