// Times the code colouring of one page of 30 code blocks (Ruby, YAML, Liquid, HTML, JavaScript, CSS,
// shell, Markdown; about 12 lines each), as the preview colours them on each keystroke: the first
// page in a fresh process (each lexer's regexes compiled on first use) and the median and 95th
// percentile of repeated pages.
// Usage (after `npx tsc -p .`): node bench/highlight.mjs [--runs 200] [--json]
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { findLexer, highlight } = require(path.join(repo, 'out/server/src/render/highlight/index.js'));

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } } });

const SAMPLES = {
  ruby: 'module Jekyll\n  class RenderTimeTag < Liquid::Tag\n    def initialize(tag_name, text, tokens)\n      super\n      @text = text\n    end\n\n    def render(context)\n      "#{@text} #{Time.now}"\n    end\n  end\nend\nLiquid::Template.register_tag(\'render_time\', Jekyll::RenderTimeTag)\n',
  yaml: 'title: My Blog\nbaseurl: ""\nurl: "https://example.com"\nplugins:\n  - jekyll-feed\n  - jekyll-seo-tag\ndefaults:\n  - scope:\n      path: ""\n      type: "posts"\n    values:\n      layout: "post"\n      comments: true # on by default\n',
  liquid: '{% for post in site.posts limit: 5 %}\n  <article>\n    <h2><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></h2>\n    {% if post.excerpt %}\n      {{ post.excerpt | strip_html | truncatewords: 30 }}\n    {% endif %}\n    {% assign words = post.content | number_of_words %}\n    <p>{{ words }} words, {{ post.date | date: "%b %-d, %Y" }}</p>\n  </article>\n{% endfor %}\n',
  html: '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <title>{{ page.title }}</title>\n    <link rel="stylesheet" href="/assets/main.css">\n    <style>body { margin: 0 auto; max-width: 40em; }</style>\n  </head>\n  <body class="home">\n    <!-- content -->\n    <main>{{ content }}</main>\n  </body>\n</html>\n',
  javascript: 'document.addEventListener("DOMContentLoaded", () => {\n  const toggle = document.querySelector(".nav-toggle");\n  const menu = document.getElementById("menu");\n  let open = false;\n  toggle.addEventListener("click", (event) => {\n    event.preventDefault();\n    open = !open;\n    menu.classList.toggle("open", open);\n    console.log(`menu ${open ? "opened" : "closed"}`);\n  });\n});\n',
  css: '.site-header {\n  border-top: 5px solid #424242;\n  min-height: 55.95px;\n  position: relative;\n}\n.site-title:hover, .site-title:visited {\n  color: #828282;\n  font-size: 1.625rem !important;\n}\n@media screen and (max-width: 600px) {\n  .page-link { padding: 5px 10px; }\n}\n',
  shell: 'gem install bundler jekyll\njekyll new my-awesome-site\ncd my-awesome-site\nbundle add webrick\nexport JEKYLL_ENV=production\nbundle exec jekyll build --destination "$HOME/site" > build.log 2>&1\nfor f in _posts/*.md; do\n  echo "checking $f"\ndone\n',
  markdown: '---\nlayout: post\ntitle: Welcome\n---\n# A heading\n\nSome *emphasis*, **strong** text and `code`.\n\n- a [link](https://jekyllrb.com "Jekyll")\n- another item\n\n> a quote\n\n```ruby\nputs "hi"\n```\n',
};
const languages = Object.keys(SAMPLES);
const blocks = Array.from({ length: 30 }, (_, i) => [languages[i % languages.length], SAMPLES[languages[i % languages.length]]]);
const chars = blocks.reduce((sum, [, code]) => sum + code.length, 0);
const page = () => { for (const [language, code] of blocks) highlight(code, findLexer(language)); };

let start = performance.now();
page();
const firstMs = performance.now() - start;
const times = [];
for (let i = 0; i < Number(values.runs); i++) {
  start = performance.now();
  page();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
const result = { blocks: blocks.length, chars, firstMs: +firstMs.toFixed(2), p50Ms: +at(50).toFixed(2), p95Ms: +at(95).toFixed(2) };
if (values.json) console.log(JSON.stringify(result));
else console.log(`${result.blocks} code blocks (${chars} characters): first page ${result.firstMs} ms (lexers compiled), then p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms`);
