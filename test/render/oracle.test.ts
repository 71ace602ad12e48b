/**
 * Every filter and tag against Jekyll's own output: one small site, one line per case, built by
 * Jekyll and rendered by the preview's engine, compared case by case.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { jekyllBuild, jekyllMissing, tempFolder } from './fidelity-harness';
import { ORACLE_CASES, ORACLE_SITE } from './oracle-cases';

const folders: string[] = [];
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Each case between markers, so that one case's output cannot spill into another's. */
const page = ['---', 'layout: none', '---', ...ORACLE_CASES.map((liquid, index) => `<case ${index}>${liquid}</case ${index}>`), ''].join('\n');

/** Each case's output; blanks between tags are left out, as they change nothing a reader sees. */
function outputsOf(html: string): string[] {
  return ORACLE_CASES.map((_, index) => {
    const match = new RegExp(`<case ${index}>([\\s\\S]*?)</case ${index}>`).exec(html);
    return match ? match[1].replace(/>\s+</g, '><').replace(/>\s+$/, '>') : '(no output)';
  });
}

test('each filter and tag prints what Jekyll prints', { skip: jekyllMissing }, async () => {
  const root = writeTempSite({ ...ORACLE_SITE, 'cases.html': page });
  const destination = tempFolder('oracle-out');
  folders.push(root, destination);
  await jekyllBuild(root, destination);
  const expected = outputsOf(fs.readFileSync(path.join(destination, 'cases.html'), 'utf8'));
  const actual = outputsOf((await renderPage(Site.load(root), 'cases.html', { stylesheets: false })).html);
  const differences = ORACLE_CASES
    .map((liquid, index) => ({ liquid, jekyll: expected[index], preview: actual[index] }))
    .filter((row) => row.jekyll !== row.preview);
  for (const row of differences) console.log(`${row.liquid}\n  Jekyll:  ${JSON.stringify(row.jekyll)}\n  preview: ${JSON.stringify(row.preview)}`);
  console.log(`${ORACLE_CASES.length - differences.length} of ${ORACLE_CASES.length} cases print what Jekyll prints`);
  assert.deepEqual(differences, []);
});

/** A Markdown page with no layout, as Jekyll builds it and as the preview renders it; blank lines between blocks, which change nothing a reader sees, left out. */
async function jekyllAndPreview(config: string, markdown: string): Promise<{ jekyll: string; preview: string }> {
  const root = writeTempSite({ '_config.yml': config, 'code.md': `---\nlayout: none\n---\n${markdown}\n` });
  const destination = tempFolder('oracle-code');
  folders.push(root, destination);
  await jekyllBuild(root, destination);
  const blocks = (html: string): string => html.replace(/>\n+</g, '>\n<').trim();
  return {
    jekyll: blocks(fs.readFileSync(path.join(destination, 'code.html'), 'utf8')),
    preview: blocks((await renderPage(Site.load(root), 'code.md', { stylesheets: false })).html),
  };
}

test('code blocks, {% highlight %} (with and without linenos) and code spans are coloured as Jekyll colours them', { skip: jekyllMissing }, async () => {
  const page = [
    '{% highlight ruby %}\ndef greet(name) = "Hi #{name} & <you>"\n{% endhighlight %}',
    '{% highlight YAML linenos %}\na: 1\nb: [x, "y"]\n{% endhighlight %}',
    '{% highlight nosuchlang %}\na < b\n{% endhighlight %}',
    '```liquid\n{% raw %}{% for post in site.posts %}{{ post.title | escape }}{% endfor %}{% endraw %}\n```',
    '```sh\nbundle exec jekyll serve > log.txt\n```\n{: .wide}',
    '```mermaid\ngraph <TD>\n```',
    '    indented: code\n{: .language-yaml}',
    'Inline `"x" & <y>` code.',
  ].join('\n\n');
  const { jekyll, preview } = await jekyllAndPreview('title: x\n', page);
  assert.equal(preview, jekyll);
});

test('a site whose highlighter is not Rouge: kramdown leaves code uncoloured, {% highlight %} colours it for pygments and escapes it for others', { skip: jekyllMissing }, async () => {
  const page = '```ruby\nputs "x"\n```\n\n    plain\n\nInline `<x>`.\n\n{% highlight ruby %}\nputs \'x\' & y\n{% endhighlight %}\n';
  for (const highlighter of ['pygments', 'none']) {
    const { jekyll, preview } = await jekyllAndPreview(`title: x\nhighlighter: ${highlighter}\n`, page);
    assert.equal(preview, jekyll, `highlighter: ${highlighter}`);
  }
});

test('the {% seo %} title leaves out script text and does not escape `&amp;` twice, as jekyll-seo-tag', { skip: jekyllMissing }, async () => {
  const root = writeTempSite({
    '_config.yml': 'title: Site & Co\nplugins: [jekyll-seo-tag]\n',
    'page.html': '---\nlayout: none\ntitle: "Tom &amp; Jerry <script>alert(1)</script><b>bold</b>"\n---\n{% seo %}\n',
  });
  const destination = tempFolder('oracle-seo');
  folders.push(root, destination);
  await jekyllBuild(root, destination);
  const titleOf = (html: string): string | undefined => /<title>[\s\S]*?<\/title>/.exec(html)?.[0];
  const jekyll = titleOf(fs.readFileSync(path.join(destination, 'page.html'), 'utf8'));
  const preview = titleOf((await renderPage(Site.load(root), 'page.html', { stylesheets: false })).html);
  assert.ok(jekyll);
  assert.equal(preview, jekyll);
});

test('site.baseurl prints as _config.yml writes it (`/` stays `/`, none is nothing), and the URL filters still drop its slash', { skip: jekyllMissing }, async () => {
  const page = '<a href="{{ site.baseurl }}">[{{ site.baseurl }}]</a> {% if site.baseurl %}set{% endif %} {{ "/a" | relative_url }}\n';
  for (const config of ['baseurl: /\n', 'baseurl: /docs/\n', 'title: x\n']) {
    const { jekyll, preview } = await jekyllAndPreview(config, page);
    assert.equal(preview, jekyll, config);
  }
});
