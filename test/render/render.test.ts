import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { copyExampleSite, EXAMPLE_SITE, tempDir, writeTempSite } from '../helpers/site';
import { articleOf, textOf } from './html';

const CLI = path.resolve(__dirname, '../../../bin/jekyll-author');
const exampleSite = Site.load(EXAMPLE_SITE);

function menuOf(html: string): { href: string; title: string; text: string }[] {
  const menu = /<ul class="section-menu">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...menu.matchAll(/<a href="([^"]*)" title="([^"]*)">([^<]*)<\/a>/g)].map(([, href, title, text]) => ({ href, title, text }));
}

test('a section-home page: menu items in weight order, h1, intro paragraphs, sidebar image and caption', async () => {
  const { html, title, problems } = await renderPage(exampleSite, 'research.md');
  assert.equal(title, 'Research');
  assert.deepEqual(problems, []);
  assert.deepEqual(menuOf(html), [
    { href: '/research/air-quality.html', title: '2.1', text: 'Air quality and breathing' },
    { href: '/broken/copied-section.html', title: '2.4', text: 'Heart health follow-up' },
    { href: '/research/heart-health.html', title: '2.2', text: 'Heart health in the community' },
  ]);
  assert.match(html, /<h2 class="section-menu__heading">Research<\/h2>/);
  assert.match(html, /<div class="intro">\s*<h1>Research<\/h1>\s*<p>The research strand ran projects on air quality, heart health and the links between them.<\/p>\s*<p>Each project paired an academic team/);
  assert.match(html, /<img class="sidebar__image" src="\/assets\/images\/city.svg" alt="A stylised skyline of one of the partner cities">/);
  assert.match(html, /<figcaption class="sidebar__caption">A stylised skyline of one of the partner cities<\/figcaption>/);
  assert.match(html, /<h2 id="how-the-projects-worked">How the projects worked<\/h2>/);
  assert.match(html, /<body class="section-home">/);
  assert.match(html, /<title>Research \| Northern Data Partnership<\/title>/, 'jekyll-seo-tag is loaded by the example site');
});

test('a default page: h1, resources list through relative_url, nested section menu, the header marks nothing active', async () => {
  const { html } = await renderPage(exampleSite, 'research/heart-health.md');
  assert.match(html, /<body class="default">/, 'jekyll-default-layout gives the page the default layout');
  assert.match(html, /<h1>Heart health in the community<\/h1>\s*<ul class="resources">\s*<li class="resources__item"><a href="\/assets\/reports\/heart-health-summary.pdf">Heart health summary<\/a><\/li>\s*<\/ul>/);
  assert.match(html, /<li class="section-menu__item section-menu__item--active">\s*<a href="\/research\/heart-health.html"/);
  assert.match(html, /<ul class="section-menu"><li class="section-menu__item">\s*<a href="\/research\/air-quality\/sensor-network.html"/, 'children of a menu item are nested');
  assert.match(html, /<h2 id="joining-the-picture-up">/);
});

test('defaults from _config.yml are merged: lang for research pages, the default layout for people pages', async () => {
  assert.match((await renderPage(exampleSite, 'research/air-quality.md')).html, /<html lang="en_GB">/);
  assert.match((await renderPage(exampleSite, 'people/training.md')).html, /<body class="default">/);
});

test('the stylesheet the page links is compiled from assets/css/main.scss with _sass/ imports', async () => {
  const { stylesheets } = await renderPage(exampleSite, 'research.md');
  assert.equal(stylesheets.length, 1);
  assert.equal(stylesheets[0].href, '/assets/css/main.css');
  assert.match(stylesheets[0].css, /#intro-wrapper/);
  assert.match(stylesheets[0].css, /#00A2AD/i);
});

test('editing a sibling page (site.setFile) changes the section menu', async () => {
  const site = Site.load(copyExampleSite());
  const before = menuOf((await renderPage(site, 'impact.md')).html).map((item) => item.text);
  assert.deepEqual(before, ['Stories from the programme', 'Jobs and investment']);
  const economy = site.pages.get('impact/economy.md');
  assert.ok(economy);
  site.setFile('impact/economy.md', economy.text.replace('title: Jobs and investment', 'title: Jobs, money and firms').replace('weight: 2', 'weight: 0'));
  const after = menuOf((await renderPage(site, 'impact.md')).html).map((item) => item.text);
  assert.deepEqual(after, ['Jobs, money and firms', 'Stories from the programme']);
});

test('source lines: content blocks carry their line in the page file', async () => {
  const { html } = await renderPage(exampleSite, 'research.md', { sourceLines: true });
  const lines = fs.readFileSync(path.join(EXAMPLE_SITE, 'research.md'), 'utf8').split('\n');
  const heading = /<h2 id="how-the-projects-worked" data-line="(\d+)">/.exec(html);
  assert.ok(heading);
  assert.equal(lines[Number(heading[1])], '## How the projects worked');
});

test('invalid front matter: rendered as Jekyll does, without it (default layout, no title), with the problem and its line', async () => {
  const { html, problems } = await renderPage(exampleSite, 'broken/colon-title.md');
  assert.match(html, /<body class="default">/);
  assert.match(html, /<h1><\/h1>/);
  assert.match(html, /The title contains a colon followed by a space/);
  assert.equal(problems[0].file, 'broken/colon-title.md');
  assert.equal(problems[0].line, 2);
  assert.match(problems[0].message, /^The value of `title` contains `: `, which YAML reads as the start of another field\. Put the whole value in quotes/);
});

test('unclosed front matter: the whole file is the page text', async () => {
  const { html, problems } = await renderPage(exampleSite, 'broken/unclosed.md');
  assert.match(html, /<hr \/>\s*<h1 id="deliberate-defect-this-front-matter-is-opened-but-never-closed">/);
  assert.match(problems[0].message, /no closing ---/);
});

test('a missing layout: the content alone, and a problem saying why', async () => {
  const { html, problems } = await renderPage(exampleSite, 'broken/unknown-layout.md');
  assert.equal(html.trim(), '<p>This page asks for the layout <code class="language-plaintext highlighter-rouge">section-hom</code>, which does not exist in <code class="language-plaintext highlighter-rouge">_layouts/</code>.</p>');
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['broken/unknown-layout.md', 6]]);
  assert.match(problems[0].message, /"section-hom" does not exist/);
});

test('a site without a section-home layout gets the built-in one: intro box, menu, intro, content, sidebar image', async () => {
  const root = writeTempSite({
    '_config.yml': 'title: Bare\n',
    'topic.md': '---\ntitle: Topic\nsection: topic\nlayout: section-home\nintro: The *intro*.\nsidebar_image: /img/a.png\nsidebar_image_caption: A caption\n---\nBody text.\n',
    'topic/child.md': '---\ntitle: Child\nparent: topic\nweight: 1\nlevel: "1.1"\n---\nChild.\n',
  });
  const { html, problems } = await renderPage(Site.load(root), 'topic.md');
  assert.match(html, /<div id="intro-wrapper">/);
  assert.deepEqual(menuOf(html), [{ href: '/topic/child.html', title: '1.1', text: 'Child' }]);
  assert.match(html, /<h1>Topic<\/h1>\s*<p>The <em>intro<\/em>.<\/p>/);
  assert.match(textOf(articleOf(html) ?? ''), /^Body text\.$/);
  assert.match(html, /<img class="sidebar__image" src="\/img\/a.png"/);
  assert.match(html, /<figcaption class="sidebar__caption">A caption<\/figcaption>/);
  assert.match(problems[0].message, /built-in/);
});

test('include and include_relative cannot read outside the site, also through a symbolic link', async () => {
  const outside = tempDir('jekyll-author-outside-');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'TOP SECRET');
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    '_layouts/plain.html': '<main>{{ content }}</main>{% include ../../../../../../../etc/passwd %}{% include linked.html %}',
    'page.md': '---\nlayout: plain\n---\nBefore {% include_relative ../../../../../../etc/passwd %} {% include_relative secret-link.txt %} after\n',
  });
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, '_includes-link'));
  fs.mkdirSync(path.join(root, '_includes'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, '_includes', 'linked.html'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret-link.txt'));
  const { html, problems } = await renderPage(Site.load(root), 'page.md');
  assert.doesNotMatch(html, /root:|TOP SECRET/);
  assert.match(html, /<main><p>Before\s+after<\/p>\n<\/main>/);
  const messages = problems.map((p) => p.message).join('\n');
  assert.match(messages, /include \.\.\/\.\.\/.*leaves the site folder/);
  assert.match(messages, /include_relative \.\.\/\.\.\/.*leaves the site folder/);
  assert.match(messages, /linked.html links to a file outside the site folder/);
  assert.match(messages, /secret-link.txt links to a file outside the site folder/);
});

test('Jekyll\'s lenient Liquid: the stray quote renders and is reported; unknown filters pass the value through; no seo plugin, no output', async () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    '_includes/nav.html': '{%- assign classes = \'class="active"\'\' -%}<a {{ classes }}>{{ page.title | mardownify }}</a>',
    '_layouts/plain.html': '{% include nav.html %}|{{ content }}|{% seo %}',
    'page.html': '---\nlayout: plain\ntitle: "Hello"\n---\nBody',
  });
  const { html, problems } = await renderPage(Site.load(root), 'page.html');
  assert.equal(html, '<a class="active">Hello</a>|Body|', 'no seo output: the site does not load jekyll-seo-tag');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, '_includes/nav.html');
  assert.equal(problems[0].line, 0);
  assert.match(problems[0].message, /unterminated string .*leniently/);
});

test('Jekyll filters: where with nil, sort with nils first or last, relative_url with baseurl, jsonify, slugify', async () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\nbaseurl: /base\nurl: https://example.org\n',
    'a.md': '---\ntitle: A\nweight: 2\n---\n',
    'b.md': '---\ntitle: B\n---\n',
    'c.md': '---\ntitle: C\nweight: 10\n---\n',
    'list.html': [
      '---', 'title: List', '---',
      '{{ site.pages | sort: "weight" | map: "title" | join: "," }}',
      '{{ site.pages | sort: "weight", "last" | map: "title" | join: "," }}',
      '{{ site.pages | where: "weight", 10 | map: "title" | join: "," }}',
      '{{ site.pages | where: "weight", nil | map: "title" | join: "," }}',
      '{{ "/x y.html" | relative_url }} {{ "a" | absolute_url }} {{ "Hello, World!" | slugify }} {{ page.title | jsonify }}',
      '{{ "It\'s -- done" | smartify }} {{ "a b  c" | number_of_words }} {{ "x" | no_such_filter }}',
    ].join('\n'),
  });
  const { html } = await renderPage(Site.load(root), 'list.html');
  assert.deepEqual(html.split('\n'), [
    'B,List,A,C', 'A,C,B,List', 'C', 'B,List',
    '/base/x%20y.html https://example.org/base/a hello-world "List"',
    'It’s – done 3 x',
  ]);
});

test('a tag liquidjs refuses is re-read the way lax Liquid reads it, and reported with its line', async () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    'page.html': '---\ntitle: x\n---\nline one\n{{ "b,a" | split: "," | sort weight | join: "-" }}\n{% no_such_tag %}end',
  });
  const { html, problems } = await renderPage(Site.load(root), 'page.html');
  assert.equal(html, 'line one\na-b\nend');
  assert.deepEqual(problems.map((p) => [p.file, p.line]), [['page.html', 1], ['page.html', 2]]);
  assert.match(problems[0].message, /reads .* as \{\{ "b,a" \| split: "," \| sort \| join: "-" \}\}/);
  assert.match(problems[1].message, /Jekyll stops the build here; the preview leaves \{% no_such_tag %\} out/);
});

test('render CLI: full page to stdout or -o FILE; exit 2 for a file that is not a page', () => {
  const stdout = spawnSync(process.execPath, [CLI, 'render', path.join(EXAMPLE_SITE, 'research.md')], { encoding: 'utf8' });
  assert.equal(stdout.status, 0, stdout.stderr);
  assert.match(stdout.stdout, /^<!DOCTYPE html>[\s\S]*<h1>Research<\/h1>[\s\S]*<\/html>\n$/);
  const out = path.join(tempDir('jekyll-author-render-'), 'page.html');
  // PAGE relative to --root, from another working folder.
  const toFile = spawnSync(process.execPath, [CLI, 'render', 'impact.md', '--root', EXAMPLE_SITE, '-o', out], { cwd: os.tmpdir(), encoding: 'utf8' });
  assert.equal(toFile.status, 0, toFile.stderr);
  assert.match(fs.readFileSync(out, 'utf8'), /<h1>Impact<\/h1>/);
  const notPage = spawnSync(process.execPath, [CLI, 'render', path.join(EXAMPLE_SITE, 'assets/css/main.scss')], { encoding: 'utf8' });
  assert.equal(notPage.status, 2);
  assert.match(notPage.stderr, /not a page/);
  assert.equal(spawnSync(process.execPath, [CLI, 'render'], { encoding: 'utf8' }).status, 2);
});

test('render CLI: a page whose Liquid runs longer than liquidjs\'s 2 s limit renders whole', () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    'long.md': '---\nlayout: none\n---\n{% for i in (1..2000) %}{% for j in (1..1000) %}{% assign k = j %}{% endfor %}{% endfor %}Looped {{ k }} times.\n',
  });
  const run = spawnSync(process.execPath, [CLI, 'render', 'long.md', '--root', root], { encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '<p>Looped 1000 times.</p>\n');
});

test('a document printed whole prints its rendered output, as Jekyll\'s Document#to_s; a hash prints as Ruby prints it', async () => {
  const { html } = await renderPage(exampleSite, 'research.md');
  assert.doesNotMatch(html, /\[object Object\]/);
  assert.match(html, /<div class="site-footer__left">\s*<h3 id="about-the-partnership">About the partnership<\/h3>/);
  assert.match(html, /<div class="site-footer__right">\s*<h4 id="contact">Contact<\/h4>\s*<p>Write to the programme office at <a href="mailto:hello@example.org">/);
  const site = Site.load(writeTempSite({ '_config.yml': 'title: x\nmenu: {a: 1, b: [x, null]}\n', 'p.html': '---\nlayout: none\n---\n{{ site.menu }}|{{ site.menu.b }}' }));
  assert.equal((await renderPage(site, 'p.html')).html, '{"a"=>1, "b"=>["x", nil]}|x');
});
