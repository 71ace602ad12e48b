/**
 * A big page is rendered in pieces (Liquid a batch of tags at a time, Markdown a stretch of blocks at
 * a time): the output is the same as rendering whole, and the memory it takes grows far slower than
 * the page (rendering whole, a 5 MB page of tags took 400 MB, a 50 MB one 2.9 GB).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { Drop } from 'liquidjs';
import { bigText } from '../../server/src/render/big-text';
import { JekyllLiquid, RenderProblem } from '../../server/src/render/liquid';
import { KramdownMarkdown, MarkdownOptions } from '../../server/src/render/markdown';
import { renderPageSync } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { SITE_NAMES, SITES_ROOT, sitesMissing } from '../helpers/corpus';
import { EXAMPLE_SITE, tempDir } from '../helpers/site';

const defaults = { ...bigText };
after(() => Object.assign(bigText, defaults));

/** Runs `render` whole, then in the smallest pieces there are; both results. */
function wholeAndInPieces<T>(render: () => T): [T, T] {
  Object.assign(bigText, defaults);
  const whole = render();
  Object.assign(bigText, { liquidChars: 0, markdownChars: 1 });
  try {
    return [whole, render()];
  } finally {
    Object.assign(bigText, defaults);
  }
}

function engine(root = '/nonexistent'): JekyllLiquid {
  return new JekyllLiquid({
    root, baseurl: () => '', url: () => '', highlighter: () => 'rouge', markdownify: (text) => text, smartify: (text) => text,
    urlOfFile: () => undefined, urlOfPost: () => undefined, loadsSeoTag: () => false, ownPluginTags: () => [], generation: () => 0,
  });
}

const LIQUID_CASES = [
  'a {{ page.title }} b {% if page.title %}yes{% else %}no{% endif %} c',
  'x  \n  {%- if true -%}  \n  kept  \n  {%- endif -%}  \n  y {{- page.title -}}  z',
  '{% raw %} {{- not trimmed -}} {% endraw %}  {{- page.title }}',
  '{% assign n = 0 %}{% for i in (1..3) %}{% assign n = n | plus: i %}{% endfor %}{{ n }}{% capture c %}[{{ n }}]{% endcapture %}{{ c }}',
  'before {% break %} after {{ page.title }}',
  'ok {{ page.title | nosuchfilter }} {% if page.title == "T" %}eq{% endif %}',
  'line 1\n{% if %}\nline 3 {{ page.title | }}\n{% endfor %}',
  'A stray {% endif %} then {{ page.title }} and {% unknowntag x %}',
  'unclosed {% if page.title %} to the end',
  'an unclosed tag {% if page.title at the end',
  'an unclosed output {{ page.title',
  '{% include missing.html %} after',
  '{{ 1 | divided_by: 0 }} after the error',
  '{% for i in (1..3) %}{{ i }}{% if i == 2 %}{% break %}{% endif %}{% endfor %}',
  // What the batches render without liquidjs's generators (liquid-sync.ts): every kind of value, filter, branch and error.
  '{{ page.items }} {{ page.items[1] }} {{ page["title"] }} {{ page.items.size }} {{ page.items.first }} {{ page.hash }} {{ page.hash.k }} [{{ page.nothing }}] {{ page.count }} {{ page.when }}',
  '{{ "quoted" }} {{ 5 }} {{ 2.5 }} {{ true }} [{{ nil }}] [{{ empty }}] {{ (1..3) }} {{ page.missing.deeper }} {{ missing }} {{ page.fn }} {{ page.drop }} {{ page.drop.name }}',
  '{{ page.title | upcase }} {{ page.title | append: "!" | downcase }} {{ page.missing | default: "dflt" }} {{ page.items | join: ", " }} {{ page.count | plus: page.count }}',
  '{% if page.missing %}a{% elsif page.nothing %}b{% elsif page.count > 2 %}c{% else %}d{% endif %} {% if page.missing.deep | default: true %}e{% endif %} {% if page.nothing %}f{% elsif page.missing %}g{% else %}else {{ page.title }}{% endif %}',
  '{% if page.title %}{% if page.items %}{{ page.items.last }}{% else %}no{% endif %}{% endif %}{% unless page.title %}u{% else %}nu{% endunless %}',
  '{% if page.items contains "a" and page.count %}both{% endif %}{% if page.drop %}drop{% endif %}{% if empty %}x{% else %}not empty{% endif %}',
  'text {{ page.boom }} never printed',
  '{% if page.boom %}never{% endif %} after',
  '{% if page.title %}in if\n{{ page.boom }}{% endif %} after',
  '{% if page.title %}{% break %}{% endif %} after break',
  '{% assign page_title = page.title | append: "?" %}{{ page_title }}{% capture c %}{{ page_title }}!{% endcapture %}{{ c }}{% increment n %}{{ n }}',
];

/** A page with values of every kind a template reads, and one that throws when read. */
class NamedDrop extends Drop {
  name = 'dropped';
  override valueOf(): string {
    return 'drop value';
  }
}
const PAGE = {
  title: 'T', items: ['a', 'b'], hash: { k: 'v' }, nothing: null, count: 3, when: new Date(0), fn: () => 'called', drop: new NamedDrop(),
  get boom(): string {
    throw new Error('boom');
  },
};

test('Liquid rendered a batch of tags at a time gives the same text and problems as parsed whole', () => {
  const liquid = engine();
  for (const text of LIQUID_CASES) {
    for (const copies of [1, 150]) {
      const source = `${text}\n`.repeat(copies);
      const [whole, inBatches] = wholeAndInPieces(() => {
        const problems: RenderProblem[] = [];
        return { html: liquid.render(source, 'page.md', { page: PAGE }, problems, 'page.md'), problems };
      });
      assert.deepEqual(inBatches, whole, `${copies} × ${JSON.stringify(text)}`);
    }
  }
});

const MARKDOWN_CASES = [
  'See [the ref][r] and[^n1] more.\n\nPara two[^n1] with "quotes".\n\n[^n1]: A note.\n\nThird [r].\n\n[r]: http://x.org\n',
  '# Head\n\nText\n\n# Head\n\nText\n{: .cls}\n\n{: .next}\n\nApplied\n\n- a\n- b\n\nAfter list\n\n1. one\n\n2. two\n\nEnd\n',
  '<div>\n\nblank inside\n\n</div>\n\nAfter div\n\n```\ncode\n\nTail in code\n```\n\nDone\n',
  '* [toc]\n{:toc}\n\n# A\n\ntext\n\n## B\n\nx\n',
  '> quote\n\nlazy\n\n    code\n\nNot code\n\nTerm\n: def\n\nOther\r\n\r\nWindows lines\n\nA nul \0 char\n',
  '<div markdown="1">\n\nInside *markdown*\n\nStill inside\n\n</div>\n\nOutside\n\n```\nnever closed\n\nText\n',
  'Term\n: def one\n\nTerm two\n: def two\n\nAfter\n\nApple\n\n: A fruit\n\nOrange\n: Another\n\nText after\n',
  'HTML is here.\n\nMore HTML text\n\n*[HTML]: Hyper Text Markup Language\n\nEnd HTML\n',
  'Para\n\n{::comment}\nhidden\n\nstill hidden\n{:/comment}\n\nAfter\n\n# Head one\n\n{::options auto_ids="false" /}\n\n# Head two\n',
];

/** Every Markdown page of the example site and the real sites, and the cases above. */
function markdownTexts(): string[] {
  const texts = [...MARKDOWN_CASES];
  const roots = [EXAMPLE_SITE, ...(sitesMissing ? [] : SITE_NAMES.map((name) => path.join(SITES_ROOT, name)))];
  for (const root of roots) {
    for (const file of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (/\.(md|markdown)$/.test(file) && !file.split(path.sep).includes('node_modules')) {
        texts.push(fs.readFileSync(path.join(root, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
      }
    }
  }
  return texts;
}

test('Markdown converted a stretch of blocks at a time gives the same HTML as converted whole', () => {
  if (sitesMissing) console.log(`# only the example site's pages: ${sitesMissing}`);
  const texts = markdownTexts();
  const ways: [MarkdownOptions, number | undefined][] = [[{ headingIds: 'gfm' }, 4], [{ headingIds: 'kramdown', parseBlockHtml: true }, undefined]];
  for (const [options, lineOffset] of ways) {
    const markdown = new KramdownMarkdown(options);
    for (const text of texts) {
      const [whole, inStretches] = wholeAndInPieces(() => markdown.render(text, { lineOffset }));
      assert.equal(inStretches, whole, `${JSON.stringify(options)} ${JSON.stringify(text.slice(0, 80))}`);
    }
  }
});

test('every page of the example site renders the same in pieces as whole', () => {
  const site = Site.load(EXAMPLE_SITE);
  for (const relPath of site.pages.keys()) {
    const [whole, inPieces] = wholeAndInPieces(() => renderPageSync(site, relPath, { stylesheets: false, sourceLines: true }));
    assert.deepEqual(inPieces, whole, relPath);
  }
});

const LINE = 'Paragraph {{ page.title }} with {% if page.title %}a tag{% endif %} and text.\n\n';

/** Peak resident memory a render of `copies` lines of tags adds, in a process of its own. */
function peakGrowth(copies: number): { bytes: number; characters: number } {
  const root = tempDir('jekyll-author-big-');
  fs.writeFileSync(path.join(root, '_config.yml'), 'title: Big\n');
  fs.writeFileSync(path.join(root, 'big.md'), `---\ntitle: Big\n---\n${LINE.repeat(copies)}`);
  const script = `
    const { Site } = require(${JSON.stringify(require.resolve('../../server/src/site/site'))});
    const { renderPageSync } = require(${JSON.stringify(require.resolve('../../server/src/render/page'))});
    const site = Site.load(${JSON.stringify(root)});
    global.gc();
    const before = process.memoryUsage().rss;
    const html = renderPageSync(site, 'big.md', { stylesheets: false, timeLimitMs: Infinity }).html;
    if (!html.includes('<p>Paragraph Big with a tag and text.</p>')) throw new Error('not rendered: ' + html.slice(0, 200));
    process.stdout.write(String(process.resourceUsage().maxRSS * 1024 - before));`;
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return { bytes: Number(child.stdout), characters: LINE.length * copies };
}

test('the memory a big page takes grows far slower than the page', () => {
  // 1 MB and 2 MB of tags: rendered whole, each added character took about 80 bytes at its peak.
  const small = peakGrowth(13_000);
  const large = peakGrowth(26_000);
  const perAddedCharacter = (large.bytes - small.bytes) / (large.characters - small.characters);
  console.log(`peak growth: ${(small.bytes / 1e6).toFixed(1)} MB for 1 MB of tags, ${(large.bytes / 1e6).toFixed(1)} MB for 2 MB; ${perAddedCharacter.toFixed(1)} bytes per added character`);
  assert.ok(large.bytes / small.bytes < 3, `twice the page took ${(large.bytes / small.bytes).toFixed(2)} times the memory`);
  assert.ok(perAddedCharacter < 30, `${perAddedCharacter.toFixed(1)} bytes of memory per added character of the page`);
});
