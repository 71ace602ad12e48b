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
