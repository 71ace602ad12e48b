/**
 * kramdown's extensions as Jekyll converts them: each case a Markdown page of one small site, built
 * by Jekyll and rendered by the preview, compared whole (blank lines and indentation aside).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jekyllMissing } from './fidelity-harness';
import { oracleSite } from './oracle-site';

const CASES: Record<string, string> = {
  'toc': '# Title\n{: .no_toc }\n\n* TOC\n{:toc}\n\n## One *em* [link](x)\n\n### Sub\n\n## Two\n\n#### Deep\n\n# Top\n',
  'toc-ordered-with-attributes': '1. x\n{:toc .cls #myid}\n\n## A\n{: #custom}\n## B\n',
  'toc-without-headers': 'Text.\n\n* here\n{:toc}\n\nMore.\n',
  'ial-key-values': 'A paragraph.\n{: .lead #first title="a title" data-x=\'single\'}\n\n- item\n{: .plain}\n',
  'ial-before-and-after-blocks': '- one\n\n{: .plain}\n\nPara\n\n{: .next}\n\n> quote\n\n{: .q}\n\n## Head\n{: .h}\ntext\n\n```\ncode\n```\n\n{: .c}\nafter code\n\n{: .important }\n> {: .warning }\n> A paragraph\n\n{: .last}\n',
  'ial-line-ends-a-paragraph': "I'm a label\n{: .label }\n\nblue\n{: .label .label-blue }\ngreen\n{: .label .label-green }\n\nx\n{: .a}\n{: .b}\ny\n",
  'span-ials': '[Link](https://x.org){: .btn }\n[Two](y){: .btn .btn-blue #two title="t" }\n\n*em*{: .e} **strong**{:.s} ![i](x.png){: .img} `code`{: .c} `rb`{: .language-ruby} text{: .no}\n',
  'list-items-with-and-without-paragraphs': '- a\n- b\n\n  > quote\n\n- c\n- d\n\ntext\n\n- e\n\n- f\n\ntext\n\n1. x\n2. y\n\n   more\n3. z\n',
  'span-elements-start-paragraphs': '<button type="button" class="btn">Button</button>\n\n<span class="fs-6">\n[Big](https://x.org){: .btn }\n</span>\n\n<custom-el>\n\n*raw*\n\n</custom-el>\n',
  'markdown-attribute-inside-raw-html': '<div class="note">\n  <h5>Title</h5>\n  <p markdown="1">Use `server: true` in the *site\'s*\n   config.</p>\n  <div markdown="1">\n## Inside\n\n- a\n- b\n\n</div>\n <span markdown="0">*raw*</span>\n</div>\n\nafter\n',
  'strong-outside-emphasis': 'you do ***not*** need\n',
  'footnotes': 'Text with a note[^1] and another[^b] and again[^1], none[^none].\n\n[^1]: First note\n    continued.\n\n[^b]: Second *note*.\n\n    Second paragraph.\n\n[^unused]: Never used.\n\nAfter.\n',
  'footnote-ending-in-a-list': 'See[^list].\n\n[^list]: Items:\n\n    - one\n    - two\n',
  'gfm-task-lists-and-strikethrough': '- plain first\n- [ ] open\n- [x] done\n- plain after\n\n1. [X] numbered\n\n~~gone~~ text\n',
  'include-quoted-parameter': '{% include quoted.html label="say \\"hi\\"" other=\'it\\\'s\' %}\n',
};

const SITE: Record<string, string> = {
  '_config.yml': 'title: kramdown\n',
  '_includes/quoted.html': '<b>{{ include.label }}</b> {{ include.other }}',
  ...Object.fromEntries(Object.entries(CASES).map(([name, text]) => [`${name}.md`, `---\nlayout: none\n---\n${text}`])),
};

const built = oracleSite(SITE);

/** Blank lines and indentation between tags change nothing a reader sees. */
const withoutBlankLines = (html: string): string => html.replace(/\n\s*/g, '\n').trim();

for (const name of Object.keys(CASES)) {
  test(`kramdown as Jekyll runs it: ${name}`, { skip: jekyllMissing }, async () => {
    const { jekyll, preview } = await built.bothOf(`${name}.md`);
    assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
  });
}
