/**
 * The code colouring against Rouge itself: snippets in every language the preview colours (written
 * here, and every code block of the real sites in ../shared/corpus) highlighted by Ruby's Rouge
 * and by ours must give the same HTML, byte for byte.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { colours, findLexer, highlight, highlightWithLineNumbers, plaintext } from '../../server/src/render/highlight';
import { SITES_ROOT, sitesMissing } from '../helpers/corpus';

const rougeMissing: string | false = spawnSync('ruby', ['-e', 'require "rouge"'], { encoding: 'utf8' }).status === 0
  ? false : 'ruby with the rouge gem is not installed (CI installs Debian\'s jekyll, which brings both)';

interface Snippet {
  language: string;
  code: string;
  /** Where the snippet comes from, for the failure message. */
  source: string;
}

/** Rouge's output for each snippet, by one Ruby process: `HTML` alone, or in `HTMLTable` as Jekyll's `linenos` asks. */
function rougeHtml(snippets: Snippet[], lineNumbers = false): string[] {
  const script = `
    require "rouge"; require "json"
    out = JSON.parse(STDIN.read).map do |(lang, code)|
      lexer = Rouge::Lexer.find_fancy(lang, code) || Rouge::Lexers::PlainText
      formatter = Rouge::Formatters::HTML.new
      formatter = Rouge::Formatters::HTMLTable.new(formatter, css_class: "highlight", gutter_class: "gutter", code_class: "code") if ${lineNumbers}
      formatter.format(lexer.lex(code))
    end
    print JSON.generate(out)`;
  const result = spawnSync('ruby', ['-e', script], { input: JSON.stringify(snippets.map((s) => [s.language, s.code])), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

function ourHtml(snippet: Snippet, lineNumbers = false): string {
  const lexer = findLexer(snippet.language) ?? plaintext;
  return lineNumbers ? highlightWithLineNumbers(snippet.code, lexer) : highlight(snippet.code, lexer);
}

function differences(snippets: Snippet[], lineNumbers = false): string[] {
  const expected = rougeHtml(snippets, lineNumbers);
  return snippets.flatMap((snippet, index) => {
    const ours = ourHtml(snippet, lineNumbers);
    if (ours === expected[index]) return [];
    let at = 0;
    while (ours[at] === expected[index][at]) at++;
    return [`${snippet.language} from ${snippet.source}, from character ${at}:\n  Rouge: ${JSON.stringify(expected[index].slice(at, at + 160))}\n  ours:  ${JSON.stringify(ours.slice(at, at + 160))}`];
  });
}

/** Snippets written for the parts of each language that real sites use less often. */
const WRITTEN: [string, string][] = [
  ['ruby', 'def greet(name) = "Hi #{name} & <you>"\n'],
  ['ruby', 'x = <<~SQL\n  SELECT * FROM t WHERE a = #{a}\nSQL\ny = <<-EOS.strip\n  two\n  EOS\nputs x, y\n'],
  ['ruby', 'a = %w(one two three)\nb = %i[a b]\nc = %r{^/path/(\\d+)}i\nd = %Q(interp #{x} (nested))\ne = %q<lit>\nf = :sym; g = :"dyn#{1}"; h = {key: 1, \'k\' => 2}\n'],
  ['ruby', 'class Foo < Bar::Baz\n  attr_reader :x\n  def self.call(*args, **opts, &blk) = new(*args).tap { |o| o.run! }\n  def <=>(other); x <=> other.x; end\nend\nclass << self\nend\n'],
  ['ruby', 'n = 1_000 + 0x1F + 0b1010 + 017 + 1.5e3\nv = cond ? a : b\nw = x ?y:z\nif str =~ /a[bc]+\\/d/ then $1 end\n@a, @@b, $c = 1, 2, 3\n__END__\nignored\n'],
  ['ruby', 'puts `ls #{dir}`\nz = ?a\nq = obj&.method&.call\nr = [1, 2].map(&:to_s).join(",")\n=begin\ncomment\n=end\n'],
  ['ruby', 'été = \'☃ 😀\'\n'],
  ['yaml', '---\n# comment\nkey: value\nlist:\n  - one\n  - two: 2\n    three: [a, \'b\', "c\\n"]\nblock: |\n  line one\n  line two\nfolded: >-\n  folded text\nanchor: &anc\n  x: 1\nref: *anc\ntagged: !!str 123\nempty:\nnum: 3.14 # trailing\n...\n'],
  ['yml', 'defaults:\n  -\n    scope:\n      path: ""\n      type: "posts"\n    values:\n      layout: "post"\n'],
  ['liquid', '{% assign posts = site.posts | where: "category", "news" | sort: \'date\' %}\n{% for post in posts limit:3 reversed %}\n  <a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a>\n{% endfor %}\n{% comment %} note {% endcomment %}\n{% raw %}{{ not liquid }}{% endraw %}\n{% include card.html title=page.title %}\n{% if a == 1 and b contains \'x\' %}yes{% elsif c %}no{% else %}maybe{% endif %}\n{% cycle \'odd\', \'even\' %}{{- forloop.index -}}\n'],
  ['html', '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <style>body { color: #333; margin: 0 auto; }</style>\n  <script>var x = 1; if (x < 2) { alert(\'hi\'); }</script>\n</head>\n<body class=main data-x=\'1\'>\n  <!-- a comment -->\n  <p>Text &amp; more &copy;</p>\n  <img src="a.png" alt=""/>\n</body>\n</html>\n'],
  ['javascript', 'const re = /ab+c/gi;\nlet t = `hello ${name}!`;\nfunction f(a, b = 2) { return a?.b ?? b; }\nclass A extends B { static m() { return { key: \'v\', n: 0x1f }; } }\n// line\n/* block */\nx = y ? 1 : 2;\n'],
  ['js', 'var a = 1;\n'],
  ['css', '@media (max-width: 600px) {\n  .nav > li:hover, #id::before { color: #fff !important; margin: 0 1.5em; background: url(x.png); }\n}\n@import \'x.css\';\na { -webkit-transition: all .2s; }\n'],
  ['scss', '$base: 16px;\n@mixin box($r: 4px) { border-radius: $r; }\n.card {\n  &:hover { color: darken(#333, 10%); }\n  .title { font-size: $base * 2; @include box(2px); }\n  // comment\n}\n@import "minima";\n'],
  ['sass', '// comment\n  goes on\n@import base\n$color: #333\n=mixin($a)\n  margin: $a\n.nav\n  +mixin(2px)\n  :color red\n  a:hover\n    color: darken($color, 10%)\n'],
  ['apache', '# .htaccess\nErrorDocument 404 /404.html\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n  RewriteRule ^old/(.*)$ /new/$1 [R=301,L]\n  Options +FollowSymLinks -Indexes\n  MadeUpDirective on off\n</IfModule>\n<Files "*.md">\n  Require all denied\n</Files>\n'],
  ['nginx', 'server {\n  listen 80;\n  server_name example.com;\n  error_page 404 /404.html;\n  location ~ \\.php$ { include fastcgi_params; gzip on; }\n}\n'],
  ['sh', '#!/bin/bash\nset -e\nfor f in *.md; do\n  echo "File: $f ${f%.md}" >> out.txt\ndone\ncase $1 in\n  start) run ;;\nesac\ncat <<EOF\nhello $USER\nEOF\nVAR=$(date +%Y) && export VAR\n'],
  ['bash', 'echo $HOME\n'],
  ['console', '$ bundle exec jekyll serve\nConfiguration file: _config.yml\n   Server running...\n...\n$ ls -la # list\n'],
  ['python', 'from os.path import join as j\nimport sys, re\n@decorator(x=1)\nclass Foo(Base):\n    """Doc string."""\n    def __init__(self, a=0x1F, b=1.5e-3, c=10j, d=0b101, e=0o17):\n        s = f"value {a!r:>10} and {{literal}} {b + 1}"\n        r = r\'raw\\n string\' + b\'bytes\\x00\' + u"uni\\u1234" + \'it\\\'s\'\n        t = \'\'\'triple\n        quoted\'\'\' if a is not None else """other"""\n        return [x ** 2 for x in range(10) if x % 2 == 0 and not x in {1: 2}]\n    async def run(self): await self.go(); raise ValueError("bad") from None\n# comment here\nprint >>sys.stderr, "x", `y`, 123L, 0, 007\nlambda q: q // 2 >> 1 <<= 3\nx = a.b.c @ d\n'],
  ['json', '{\n  "name": "x",\n  "n": -1.5e3,\n  "list": [true, false, null, {"a": "b\\"c"}]\n}\n'],
  ['diff', 'diff --git a/x b/x\nindex 1..2\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n context\n'],
  ['markdown', '---\ntitle: Hi\n---\n# Heading\n\nSome *em* and **strong** and `code` with a [link](http://x.com "t").\n\n- item\n1. one\n> quote\n\n```ruby\nputs 1\n```\n\n```unknownlang\nraw\n```\n\n[ref]: http://example.com\n<div class="x">html</div>\n'],
  ['text', 'plain <b> & text\n'],
  ['nosuchlang', 'a < b'],
];

/** The code blocks of the real sites in a language the preview colours: fences and `{% highlight %}` blocks. */
function corpusSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)^ {0,3}\1[ \t]*$/gm;
  const tag = /\{%-?\s*highlight\s+([\w+#.-]+)[^%]*%\}\n?([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g;
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(md|markdown|html)$/.test(entry.name)) {
        const text = fs.readFileSync(file, 'utf8');
        const source = path.relative(SITES_ROOT, file);
        for (const [, , language, code] of text.matchAll(fence)) if (colours(language)) snippets.push({ language, code, source });
        for (const [, language, code] of text.matchAll(tag)) if (colours(language)) snippets.push({ language, code: code.replace(/^[\r\n]+|[\r\n]+$/g, ''), source });
      }
    }
  };
  visit(SITES_ROOT);
  return snippets;
}

test('every language the preview colours gives Rouge\'s HTML, written snippets', { skip: rougeMissing }, () => {
  const snippets = WRITTEN.map(([language, code], index) => ({ language, code, source: `written snippet ${index}` }));
  assert.deepEqual(differences(snippets), []);
});

test('every code block of the real sites in a language the preview colours gives Rouge\'s HTML', { skip: rougeMissing || sitesMissing }, () => {
  const snippets = corpusSnippets();
  const counts = new Map<string, number>();
  for (const { language } of snippets) counts.set(findLexer(language)!.tag, (counts.get(findLexer(language)!.tag) ?? 0) + 1);
  console.log(`${snippets.length} code blocks: ${[...counts].map(([tag, count]) => `${tag} ${count}`).join(', ')}`);
  assert.ok(snippets.length > 400, `${snippets.length} code blocks found`);
  assert.deepEqual(differences(snippets), []);
});

test('line numbers (`{% highlight … linenos %}`) as Rouge\'s table, whether or not the code ends with a line break', { skip: rougeMissing }, () => {
  const snippets = [['ruby', 'def f\n  1\nend'], ['yaml', 'a: 1\n'], ['text', '']].map(([language, code]) => ({ language, code, source: 'linenos' }));
  assert.deepEqual(differences(snippets, true), []);
});

test('languages resolve by Rouge\'s tags and aliases, case and all; options after `?` are left aside; Rouge\'s other languages are plain text', () => {
  assert.equal(findLexer('rb')?.tag, 'ruby');
  assert.equal(findLexer('yml')?.tag, 'yaml');
  assert.equal(findLexer('bash')?.tag, 'shell');
  assert.equal(findLexer('js')?.tag, 'javascript');
  assert.equal(findLexer('md')?.tag, 'markdown');
  assert.equal(findLexer('text')?.tag, 'plaintext');
  assert.equal(findLexer('console?lang=sh')?.tag, 'console');
  assert.equal(findLexer('Ruby'), undefined);
  assert.equal(findLexer('mermaid'), undefined);
  // A language Rouge colours and the preview does not: Jekyll's markup around the plain text.
  assert.equal(findLexer('go')?.tag, 'plaintext');
  assert.equal(colours('go'), false);
  assert.equal(findLexer('py')?.tag, 'python');
  assert.equal(colours('yml'), true);
});

test('a code block the lexer cannot read still gives all its text, escaped', () => {
  for (const code of ['def (((', '"unclosed', 'a: [1, {b', '{% if %}{{', '<div <<<', '`${', '\u0000\uffff😀']) {
    for (const language of ['ruby', 'yaml', 'liquid', 'html', 'javascript', 'css', 'scss', 'shell', 'console', 'json', 'markdown', 'diff', 'python']) {
      const html = highlight(code, findLexer(language)!);
      const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      assert.equal(text, code, `${language}: ${JSON.stringify(code)}`);
    }
  }
});
