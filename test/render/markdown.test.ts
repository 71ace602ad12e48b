import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gfmHeadingId, KramdownMarkdown, kramdownHeadingId } from '../../server/src/render/markdown';

function ids(make: typeof gfmHeadingId, ...texts: string[]): string[] {
  const used = new Map<string, number>();
  return texts.map((text) => make(text, used));
}

test('GFM heading ids (Jekyll\'s default kramdown input): lowercase, word characters, hyphens, numbered repeats', () => {
  assert.deepEqual(ids(gfmHeadingId, 'How the projects worked', 'A nurse’s view', 'Northern Data  Partnership', '2019: year one', 'snake_case & more'),
    ['how-the-projects-worked', 'a-nurses-view', 'northern-data--partnership', '2019-year-one', 'snake_case--more']);
  assert.deepEqual(ids(gfmHeadingId, 'Intro', 'Intro', 'Intro'), ['intro', 'intro-1', 'intro-2']);
});

test('kramdown-parser heading ids: leading non-letters dropped, ASCII only, "section" when nothing is left', () => {
  assert.deepEqual(ids(kramdownHeadingId, '2019: year one', '!!!', 'Café au lait', 'snake_case'),
    ['year-one', 'section', 'caf-au-lait', 'snakecase']);
  assert.deepEqual(ids(kramdownHeadingId, 'Intro', 'Intro', '???', '...'), ['intro', 'intro-1', 'section', 'section-1']);
});

test('headings get kramdown ids from their text, raw HTML left out, one counter per conversion', () => {
  const markdown = new KramdownMarkdown({ headingIds: 'gfm' });
  const html = markdown.render('## Northern Data <br> Partnership\n\n## `code` and *emphasis*\n\n## Repeat\n\n## Repeat\n');
  assert.match(html, /<h2 id="northern-data--partnership">Northern Data <br \/> Partnership<\/h2>/);
  assert.match(html, /<h2 id="code-and-emphasis">/);
  assert.match(html, /<h2 id="repeat">Repeat<\/h2>\n<h2 id="repeat-1">/);
  assert.match(markdown.render('## Repeat\n'), /id="repeat"/);
});

test('typography as kramdown: smart quotes, en and em dashes, ellipsis; (c) left alone', () => {
  const html = new KramdownMarkdown({ headingIds: 'gfm' }).render('"Quoted" and \'single\' -- then --- and... we\'d (c)\n');
  assert.equal(html, '<p>“Quoted” and ‘single’ – then — and… we’d (c)</p>\n');
});

test('parse_block_html: Markdown inside a block element is converted; markdown="0" keeps it raw', () => {
  const markdown = new KramdownMarkdown({ headingIds: 'gfm' });
  assert.match(markdown.render('<div class="box" markdown="1">\n**bold** text\n</div>\n'), /^<div class="box">\n<p><strong>bold<\/strong> text<\/p>\n<\/div>\n$/);
  assert.match(markdown.render('<div markdown="0">\n**bold**\n</div>\n'), /\*\*bold\*\*/);
});

test('inline attribute lists set classes and ids; code gets Rouge classes', () => {
  const markdown = new KramdownMarkdown({ headingIds: 'gfm' });
  assert.equal(markdown.render('A paragraph.\n{: .lead #first}\n'), '<p class="lead" id="first">A paragraph.</p>\n');
  // After a blank line an IAL is for the block that follows (kramdown 2.4).
  assert.match(markdown.render('A list:\n\n- one\n\n{: .plain}\nNext.\n'), /<ul>\n<li>one<\/li>\n<\/ul>\n<p class="plain">Next.<\/p>/);
  assert.match(markdown.render('Use `x`.\n'), /<code class="language-plaintext highlighter-rouge">x<\/code>/);
  assert.match(markdown.render('```ruby\nputs 1\n```\n'), /<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="nb">puts<\/span> <span class="mi">1<\/span>\n<\/code><\/pre><\/div><\/div>/);
});

test('code blocks are coloured as kramdown colours them with Rouge; a language Rouge lacks stays a bare <pre><code>', () => {
  const markdown = new KramdownMarkdown({ headingIds: 'gfm' });
  // Expected output is Jekyll 4.3's (kramdown 2.4 with Rouge 3.30).
  assert.equal(markdown.render('```yaml\na: 1\n```\n{: .foo #bar}\n'),
    '<div class="language-yaml foo highlighter-rouge" id="bar"><div class="highlight"><pre class="highlight"><code><span class="na">a</span><span class="pi">:</span> <span class="m">1</span>\n</code></pre></div></div>\n');
  assert.equal(markdown.render('    b: 2\n{: .language-yaml}\n'),
    '<div class="language-yaml highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="na">b</span><span class="pi">:</span> <span class="m">2</span>\n</code></pre></div></div>\n');
  assert.equal(markdown.render('```mermaid\ngraph <TD>\n```\n'), '<pre><code class="language-mermaid">graph &lt;TD&gt;\n</code></pre>\n');
  assert.equal(markdown.render('```RUBY\nx\n```\n'), '<pre><code class="language-RUBY">x\n</code></pre>\n');
  // Haskell is Rouge's but not the preview's: Jekyll's box (the theme styles it), the code uncoloured.
  assert.equal(markdown.render('```haskell\nx = 1 < 2\n```\n'),
    '<div class="language-haskell highlighter-rouge"><div class="highlight"><pre class="highlight"><code>x = 1 &lt; 2\n</code></pre></div></div>\n');
  assert.equal(markdown.render('    plain <b>\n'),
    '<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>plain &lt;b&gt;\n</code></pre></div></div>\n');
  assert.equal(markdown.render('Inline `"q" & <b>`.\n'), '<p>Inline <code class="language-plaintext highlighter-rouge">"q" &amp; &lt;b&gt;</code>.</p>\n');
});

test('source lines: top-level blocks carry data-line with the offset added', () => {
  const html = new KramdownMarkdown({ headingIds: 'gfm' }).render('First\n\n## Second\n\n- a\n- b\n', { lineOffset: 5 });
  assert.match(html, /<p data-line="5">First<\/p>/);
  assert.match(html, /<h2 id="second" data-line="7">/);
  assert.match(html, /<ul data-line="9">\n<li>a/);
});

test('inline HTML as kramdown reads it: tags it refuses are escaped text, inline script and style keep their quotes', () => {
  const md = new KramdownMarkdown({ headingIds: 'gfm' });
  // Expected output is kramdown 2.4's (Debian's ruby-kramdown, GFM input, Jekyll's smart quotes).
  assert.equal(
    md.render('Text <img src=x onerror=alert(1)> and <b onclick=x>b</b> <a href=javascript:x>y</a>'),
    '<p>Text &lt;img src=x onerror=alert(1)&gt; and <b onclick="x">b</b> &lt;a href=javascript:x&gt;y&lt;/a&gt;</p>\n',
  );
  assert.equal(
    md.render('inline <script>var s = "it\'s" && 1 < 2;</script> end <style>p{background:url("a.png")}</style> "q"'),
    '<p>inline <script>var s = "it\'s" && 1 < 2;</script> end <style>p{background:url("a.png")}</style> “q”</p>\n',
  );
});

test('an HTML block runs to its end tag as kramdown reads it: indented lines and blank lines inside a table stay HTML', () => {
  const source = 'Intro\n\n<table>\n  <tbody>\n    <tr>\n\n      <td>**a**</td>\n    </tr>\n  </tbody>\n</table>\n\nAfter';
  // kramdown 2.4 (GFM input, parse_block_html false as Jekyll's default) keeps the table as written.
  const table = '<table>\n  <tbody>\n    <tr>\n\n      <td>**a**</td>\n    </tr>\n  </tbody>\n</table>\n';
  assert.equal(new KramdownMarkdown({ headingIds: 'gfm' }).render(source), `<p>Intro</p>\n${table}<p>After</p>\n`);
  // With parse_block_html, a cell's content is Markdown.
  assert.match(new KramdownMarkdown({ headingIds: 'gfm', parseBlockHtml: true }).render('<div>\n**b**\n</div>\n'), /<div>\n<p><strong>b<\/strong><\/p>\n<\/div>/);
});
