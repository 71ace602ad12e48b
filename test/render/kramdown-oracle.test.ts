/**
 * kramdown's extensions as Jekyll converts them: each case a Markdown page of one small site, built
 * by Jekyll and rendered by the preview, compared whole (blank lines and indentation aside).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jekyllMissing } from './fidelity-harness';
import { withoutBlankLines } from './html';
import { oracleSite } from './oracle-site';

const CASES: Record<string, string> = {
  'raw-html-written-again': '<DIV Class=x id=\'a"b\' data-x hidden>a > b & c &amp; &nbsp; <x 1 < 2\n<br><IMG SRC="a.png"><p>para</p>'
    + '<svg viewBox="0 0 1 1"><rect width="3"/></svg>\n<!-- c --><span>s</span>\n</DIV>\n\n<div></div>\n\n'
    + '<script type="t">if (a < b && c) {}</script>\n\n<div id="">x</div>\n\n<table>\n  <tr><td>1</td></tr>\n</table>\n',
  'tables-without-a-separator-line': 'a | b\n\nOptions: x | y\n\n| r1 | r2 |\n| s1 | s2 |\n\na | b\nc\n\n| x\n\n\\| not\n\nx |\n\n- li | x\n\n'
    + 'a | b | c\nd | e\n\n*em* | **b** | [l](u)\n\n`a|b` text\n\n<span>a|b</span>\n\n[l|k](u) z\n',
  'table-alignment': '| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n',
  'line-ends': 'a \nb\n\nc\t\nd\n\ne  \nf\n\n*g* \nh\n\n[x](y) \n  z\n',
  'toc': '# Title\n{: .no_toc }\n\n* TOC\n{:toc}\n\n## One *em* [link](x)\n\n### Sub\n\n## Two\n\n#### Deep\n\n# Top\n',
  'toc-ordered-with-attributes': '1. x\n{:toc .cls #myid}\n\n## A\n{: #custom}\n## B\n',
  'toc-without-headers': 'Text.\n\n* here\n{:toc}\n\nMore.\n',
  'ial-key-values': 'A paragraph.\n{: .lead #first title="a title" data-x=\'single\'}\n\n- item\n{: .plain}\n',
  'ial-before-and-after-blocks': '- one\n\n{: .plain}\n\nPara\n\n{: .next}\n\n> quote\n\n{: .q}\n\n## Head\n{: .h}\ntext\n\n```\ncode\n```\n\n{: .c}\nafter code\n\n{: .important }\n> {: .warning }\n> A paragraph\n\n{: .last}\n',
  'ial-line-ends-a-paragraph': "I'm a label\n{: .label }\n\nblue\n{: .label .label-blue }\ngreen\n{: .label .label-green }\n\nx\n{: .a}\n{: .b}\ny\n",
  'span-ials': '[Link](https://x.org){: .btn }\n[Two](y){: .btn .btn-blue #two title="t" }\n\n*em*{: .e} **strong**{:.s} ![i](x.png){: .img} `code`{: .c} `rb`{: .language-ruby} text{: .no}\n',
  'list-lazy-lines-stay-in-the-item': '1. Install\n```sh\ngem install\n```\n2. Next\n# Head\n3. Three\n> quote\n4. Four\n---\n5. five\n<div>x</div>\n6. six\n    indented\n* other\n\nafter\n\n- a\n<span>span</span> stays\n{: .ial}\n- b\n\n```\nnot lazy after a blank\n```\n',
  'smart-quotes-one-at-a-time-as-kramdown-places-them': 'defined as:  "To support the adoption.”  Two “MVP” projects\n*"word"* and "*word*" and don\'t and \'tis the \'80s, "\'Quoted\' words" and <span>"s"</span> said "hi".\n"`[`", "`]`", or "` #`". and \'`x`\' then "a `b` c" end, `html-proofer`\'s README, "[link](x)" and ["q"](y)\nHe said \'no\'. "Nested \'single\' quotes" and 5\' 10" tall; x"y; "quoted"s; end "\n',
  'span-html-content-read-as-kramdown-reads-it': 'Flags: <code>--config a,b</code>, keys <kbd>Ctrl</kbd>+<kbd>*</kbd>, <u>"u" *e* --x</u>, <span>*e* "quoted words" --</span>, <var>a_b_c</var>, <mark>"m"</mark>, <x-el>"x" a<b</x-el>, <code markdown="1">*m*</code>, <em markdown="0">*raw*</em>, <samp>\\*esc\\*</samp> and <br>"q" <br/> <img src="i.png" alt="x">\n',
  'span-ials-on-html-elements': '<span>New</span>{: .label .label-green } and <span class="a" title=t>x</span>{: .b #i data-x="1"} and <img src="x.png">{: .c} and <b>y</b> {: .no} and <em><span>n</span></em>{: .outer}\n',
  'header-ids-in-braces': '## Back to Top {#back-to-top-doc}\n\n# Title {#t1} #\n\nSetext {#s-id}\n------\n\n## Both {#a}\n{: #b}\n\n## Not {#1bad}\n\n## Code `x` {#c:d.e}\n\n* toc\n{:toc}\n',
  'list-items-with-and-without-paragraphs': '- a\n- b\n\n  > quote\n\n- c\n- d\n\ntext\n\n- e\n\n- f\n\ntext\n\n1. x\n2. y\n\n   more\n3. z\n',
  'span-elements-start-paragraphs': '<button type="button" class="btn">Button</button>\n\n<span class="fs-6">\n[Big](https://x.org){: .btn }\n</span>\n\n<custom-el>\n\n*raw*\n\n</custom-el>\n',
  'only-the-markdown-attribute-counts': '<div data-markdown="1">\n*a* "q"\n</div>\n\n<div markdown="1" data-x="y">\n*b*\n</div>\n\n<section data-markdown="0" markdown=1>\n*c*\n</section>\n',
  'markdown-attribute-inside-raw-html': '<div class="note">\n  <h5>Title</h5>\n  <p markdown="1">Use `server: true` in the *site\'s*\n   config.</p>\n  <div markdown="1">\n## Inside\n\n- a\n- b\n\n</div>\n <span markdown="0">*raw*</span>\n</div>\n\nafter\n',
  'strong-outside-emphasis': 'you do ***not*** need\n',
  'footnotes': 'Text with a note[^1] and another[^b] and again[^1], none[^none].\n\n[^1]: First note\n    continued.\n\n[^b]: Second *note*.\n\n    Second paragraph.\n\n[^unused]: Never used.\n\nAfter.\n',
  'footnote-ending-in-a-list': 'See[^list].\n\n[^list]: Items:\n\n    - one\n    - two\n',
  'gfm-task-lists-and-strikethrough': '- plain first\n- [ ] open\n- [x] done\n- plain after\n\n1. [X] numbered\n\n~~gone~~ text\n',
  'definition-lists': 'Term\n: Definition\n\nApple\nOrange\n: Fruit one\n: Fruit two\n  continued lazily\n\nTerm *em*\n{: .cl}\n\n: para def\n\n: second para def\n\nTerm A\n: def A\nTerm B\n: def B\n\n{: .dlclass}\nTerm x\n: {: .ddc} def x\n\n{:.dtc} Term y\n: def y\n\n    indented paragraph inside\n\n    * list inside\n',
  'definition-lists-nested-and-ended': '- item\n\n  Term in list\n  : def in list\n\n> Quote term\n> : quote def\n\nEmpty def\n: \n\nIAL only\n: {: .only}\n    text after ial-only line\n\nTabbed\n:\ttab def\n\nAfter dl paragraph.\n\nCode term `x`\n: def with `code` and [link](y)\n\n  continuation paragraph\n\nPara then\n: def\n\n# Heading after\n\nA\n: one\n^\n: not a def\n\nNot a term\n\n: def after blank with para\n',
  'abbreviations': 'The HTML spec and W3C are HTMLish. HTML!\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]:  World Wide Web Consortium\n*[empty]:\n\nAn empty abbreviation and `HTML` in code, [HTML](x) link, **HTML** strong.\n\n# HTML header\n',
  'abbreviations-in-blocks-notes-and-tables': '<div>HTML in a block</div>\n\n<span>HTML</span> in span, Hi-Fi and \"HTML\" quoted, HTML\'s, HTMLs, (HTML), _HTML, R&D.\nLine start\nHTML at line start.\n\n| HTML | b |\n|------|---|\n| HTML | W3C |\n\nText[^n] here.\n\n[^n]: Note about HTML.\n\n- item HTML\n  *[Hi-Fi]: high fidelity\n\nHi-Fi\n: HTML term def\n\n![HTML image](x.png)\n\n*[HTML]: Hyper \"Text\" & <Markup>\n*[R&D]: research\n   *[W3C]: indented three\n    *[NO]: indented four is code\n',
  'abbreviation-in-toc': '* toc\n{:toc}\n\n## HTML title\n\n*[HTML]: Hyper\n',
  'extensions-comment-nomarkdown-options': '{::options toc_levels=\"2..3\" /}\n\n* toc\n{:toc}\n\n# One\n\n## Two\n\n### Three\n\n#### Four\n\n{::comment}\nThis is a comment\nwith *markdown*\n{:/comment}\n\nText {::comment}inline hidden{:/comment} after and {::nomarkdown}<b>*raw*</b>{:/nomarkdown} end.\n\n{::nomarkdown}\n<div>*not markdown*</div>\n{:/}\n\n{::nomarkdown type=\"latex\"}\n\\latex\n{:/}\n\n{::options auto_id_prefix=\"p-\" /}\n\n{::comment /}\n\n{::unknown}x{:/unknown}\n\n{::comment}\nno stop tag\n',
  'options-turning-header-ids-off': '# Has id?\n\n{::options auto_ids=\"false\" /}\n\n## No id here\n{: #but-this}\n',
  'ial-lines-ending-paragraphs': 'I\'m a label\n{: .label }\n\nblue\n{: .label .label-blue }\ngreen\n{: .label .label-green }\n**bold**\n{: .label }\n\n- item\n{: .plain}\n',
  'span-ials-after-strikethrough-and-text': '[Link button](https://just-the-docs.com){: .btn }\n\n[Link](x){: .btn .btn-purple } and *em*{: #e .c} and **strong**{: title=\"t\"} and ![img](i.png){: .pic} and ~~del~~{: .d}\n\ntext{: .lost} and [spaced](y) {: .lost2} and `code`{: .code}\n',
  'footnote-numbers-from-the-page-options': '{::options footnote_nr="4" /}\n\nOne[^a] and two[^b], one again[^a].\n\n[^b]: Bee.\n[^a]: Ay.\n',
  'include-quoted-parameter': '{% include quoted.html label="say \\"hi\\"" other=\'it\\\'s\' %}\n',
};

/** Cases in a site whose `kramdown:` config changes header ids, the table of contents, smart quotes and footnote numbers. */
const CONFIGURED_CASES: Record<string, string> = {
  'config-footnote-number': 'Note[^n].\n\n[^n]: The note.\n',
  'config-id-prefix-toc-levels-straight-quotes': '* toc\n{:toc}\n\n# \"Quoted\" title\n\n## Two\'s\n\n### Three\n\nText with \'single\' and \"double\" quotes -- and dashes...\n',
};

function pagesOf(cases: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(cases).map(([name, text]) => [`${name}.md`, `---\nlayout: none\n---\n${text}`]));
}

const built = oracleSite({
  '_config.yml': 'title: kramdown\n',
  '_includes/quoted.html': '<b>{{ include.label }}</b> {{ include.other }}',
  ...pagesOf(CASES),
});

const builtConfigured = oracleSite({
  '_config.yml': 'title: configured\nkramdown:\n  auto_id_prefix: "h-"\n  toc_levels: "1,3"\n  smart_quotes: apos,apos,quot,quot\n  footnote_nr: 7\n',
  ...pagesOf(CONFIGURED_CASES),
});

for (const [cases, site] of [[CASES, built], [CONFIGURED_CASES, builtConfigured]] as const) {
  for (const name of Object.keys(cases)) {
    test(`kramdown as Jekyll runs it: ${name}`, { skip: jekyllMissing }, async () => {
      const { jekyll, preview } = await site.bothOf(`${name}.md`);
      assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
    });
  }
}
