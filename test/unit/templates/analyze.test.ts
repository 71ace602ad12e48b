import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLayout, analyzeTemplate, FieldRead, TemplateAnalysis } from '../../../server/src/templates/analysis';

/** Compact form of reads: "via:path|filters@line". */
function reads(list: FieldRead[]): string[] {
  return list.map(r => `${r.via}:${r.path.join('.')}${r.filters.length ? '|' + r.filters.join('|') : ''}@${r.line}`);
}
function has(a: TemplateAnalysis | { reads: FieldRead[] }, ...expected: string[]): void {
  const got = reads(a.reads);
  for (const e of expected) assert.ok(got.includes(e), `missing read ${e}; got:\n  ${got.join('\n  ')}`);
}

// Modelled on the real site's `section-home` layout (see corpus README).
const SECTION_HOME = `---
layout: core
---
<div id="intro-wrapper">
  {%- assign subs = site.pages | where: "parent", page.section | sort: 'weight' -%}
  <ul class="section-menu">
    <li class="section-menu__heading">{{ page.title }}</li>
    {%- for sub_page in subs -%}
    <li><a href="{{ sub_page.url | relative_url }}" title="{{ sub_page.level }}">{{ sub_page.title }}</a></li>
    {%- endfor -%}
  </ul>
  <div class="intro">
    <h1>{{ page.title }}</h1>
    {{ page.intro | markdownify }}
  </div>
</div>
<section class="article-continuation">
  <div class="left">{{ content }}</div>
  {% if page.sidebar_image %}
  <div class="right">
    <img class="sidebar__image" src="{{ page.sidebar_image | relative_url }}">
    <p class="sidebar__caption">{{ page["sidebar_image_caption"] }}</p>
  </div>
  {% endif %}
</section>
`;

test('section-home: page reads, filters, lines (front matter keeps line numbers)', () => {
  const a = analyzeTemplate('_layouts/section-home.html', SECTION_HOME);
  assert.equal(a.template, '_layouts/section-home.html');
  assert.equal(a.layoutParent, 'core');
  assert.deepEqual(a.problems, []);
  has(a,
    'page:section@4', 'page:title@6', 'page:title@12', 'page:intro|markdownify@13',
    'page:sidebar_image@18', 'page:sidebar_image|relative_url@20', 'page:sidebar_image_caption@21');
  const intro = a.reads.find(r => r.path[0] === 'intro')!;
  assert.equal(intro.expression, 'page.intro | markdownify');
  assert.equal(intro.template, '_layouts/section-home.html');
  // `content` is not a page field read
  assert.ok(!a.reads.some(r => r.path.includes('content')));
});

test('section-home: menu over site.pages → reads via pages, reference and ordering', () => {
  const a = analyzeTemplate('_layouts/section-home.html', SECTION_HOME);
  has(a, 'pages:parent|where@4', 'pages:weight|sort@4', 'pages:url|relative_url@8', 'pages:level@8', 'pages:title@8');
  assert.ok(!a.reads.some(r => r.via === 'page' && ['url', 'level', 'parent', 'weight'].includes(r.path[0])));
  assert.deepEqual(a.references.map(r => [r.from, r.to, r.line]), [['parent', 'section', 4]]);
  assert.deepEqual(a.orderings.map(o => [o.field, o.within, o.line]), [['weight', 'parent', 4]]);
  assert.equal(a.references[0].expression, `assign subs = site.pages | where: "parent", page.section | sort: 'weight'`);
});

test('default: list of maps in page.resources', () => {
  const src = [
    '<h1>{{ page.title }}</h1>',
    '<ul class="resources">',
    '{% for resource in page.resources %}',
    '  {% if resource.path %}<li><a href="{{ resource.path | relative_url }}">{{ resource.title }}</a></li>',
    '  {% else %}<li><a href="{{ resource.url }}">{{ resource.title | escape }}</a></li>{% endif %}',
    '{% endfor %}',
    '</ul>',
    '{{ resource.title }}',
  ].join('\n');
  const a = analyzeTemplate('_layouts/default.html', src);
  assert.deepEqual(a.problems, []);
  assert.equal(a.layoutParent, undefined);
  assert.deepEqual(reads(a.reads), [
    'page:title@0',
    'page:resources@2',
    'page:resources.[].path@3',
    'page:resources.[].path|relative_url@3',
    'page:resources.[].title@3',
    'page:resources.[].url@4',
    'page:resources.[].title|escape@4',
    // after endfor, `resource` is no longer the loop variable
  ]);
});

test('inline filters on a for collection are analysed (and flagged: Liquid ignores them)', () => {
  const src = '{% for sub_page in site.pages | where: "parent", page.section %}<a href="{{ sub_page.url }}">{{ sub_page.title }}</a>{% endfor %}';
  const a = analyzeTemplate('_includes/menu.html', src);
  has(a, 'page:section@0', 'pages:parent|where@0', 'pages:url@0', 'pages:title@0');
  assert.deepEqual(a.references.map(r => [r.from, r.to]), [['parent', 'section']]);
  assert.equal(a.problems.length, 1);
  assert.match(a.problems[0].message, /ignores filters/);
});

test('capture, assign chains, first/last, where_exp', () => {
  const src = [
    '{% capture section %}{{ page.section }}{% endcapture %}',
    '{% assign kids = site.pages | where: "parent", section %}',
    '{% assign sorted = kids | sort: "weight" %}',
    '{% assign top = sorted | first %}{{ top.title }}',
    '{% assign others = site.html_pages | where_exp: "p", "p.parent == page.parent" %}',
    '{% for o in others %}{{ o.nav_title | default: o.title }}{% endfor %}',
    '{% if page.resources.size > 0 %}{{ page.resources.first.title }}{% endif %}',
  ].join('\n');
  const a = analyzeTemplate('_layouts/x.html', src);
  assert.deepEqual(a.problems, []);
  has(a, 'page:section@0', 'pages:parent|where@1', 'pages:weight|sort@2', 'pages:title@3',
    'pages:parent@4', 'page:parent@4', 'pages:nav_title|default@5', 'pages:title@5',
    'page:resources@6', 'page:resources.[].title@6');
  assert.deepEqual(a.references.map(r => [r.from, r.to, r.line]), [['parent', 'section', 1], ['parent', 'parent', 4]]);
  // ordering keeps the `within` of the earlier where through the variable
  assert.deepEqual(a.orderings.map(o => [o.field, o.within, o.line]), [['weight', 'parent', 2]]);
});

test('whitespace control, comment, raw, plugin tags and liquid tag do not break analysis', () => {
  const src = [
    '{%- comment -%} {{ page.hidden }} {% if %} {%- endcomment -%}',
    '{% raw %}{{ page.raw }}{% endraw %}',
    '{% seo %}{% feed_meta %}{% highlight ruby %}x{% endhighlight %}',
    '<body class="{{ page.layout | slugify }}">',
    '{% # inline comment page.nope %}',
    '{% liquid',
    '  assign t = page.subtitle | upcase',
    '  echo t',
    '%}',
  ].join('\n');
  const a = analyzeTemplate('_layouts/core.html', src);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(reads(a.reads), ['page:layout|slugify@3', 'page:subtitle|upcase@6', 'page:subtitle@7']);
});

test('stray quote (Jekyll ignores it): problem on its line, rest still analysed', () => {
  const src = [
    '{% for sub_page in site.pages %}',
    "  {%- if sub_page.url == page.url -%}{%- assign classes = 'class=\"active\"'' -%}{%- endif -%}",
    '  <li {{ classes }}><a href="{{ sub_page.url | realative_url }}">{{ sub_page.title | mardownify }}</a></li>',
    '{% endfor %}',
    '{{ page.footer_note }}',
  ].join('\n');
  const a = analyzeTemplate('_includes/section-menu.html', src);
  assert.equal(a.problems.length, 1);
  const p = a.problems[0];
  assert.equal(p.line, 1);
  assert.equal(p.endLine, 1);
  assert.ok(p.column > src.split('\n')[1].indexOf('assign'));
  assert.match(p.message, /unterminated string/);
  has(a, 'pages:url@1', 'page:url@1', 'pages:url|realative_url@2', 'pages:title|mardownify@2', 'page:footer_note@4');
});

test('tags liquidjs refuses yield a problem and are re-read leniently', () => {
  const src = [
    '{{ page.title }}',
    '{% assign label = page.label = "x" | upcase %}',
    "{% assign subs = site.pages | where: 'parent', page.section | sort weight %}",
    '{% for s in subs %}{{ s.title }}{% endfor %}',
    '{{ page.after }}',
  ].join('\n');
  const a = analyzeTemplate('_includes/x.html', src);
  assert.deepEqual(a.problems.map(p => p.line), [1, 2]);
  assert.match(a.problems[0].message, /expected "\|" before filter/);
  assert.match(a.problems[1].message, /expected ":" after filter name/);
  has(a, 'page:title@0', 'page:label|upcase@1', 'pages:parent|where@2', 'page:section@2', 'pages:title@3', 'page:after@4');
  assert.deepEqual(a.references.map(r => [r.from, r.to]), [['parent', 'section']]);
  assert.deepEqual(a.orderings, []); // `sort weight` has no argument in Liquid's lax mode
});

test('unbalanced and unclosed tags are problems, never exceptions', () => {
  // `{{ page.b` runs to the next `}}` (as in Liquid), swallowing the for tag
  const a = analyzeTemplate('t.html', '{% if page.a %}\n{% endfor %}\n{{ page.b \n{% for x in page.c %}{{ x.d }}\n{{ page.e }}\n{% unless page.f %}\n{{ page.g');
  const msgs = a.problems.map(p => `${p.line}:${p.message}`);
  assert.deepEqual(msgs, [
    '1:Unexpected endfor: no open for',
    '3:Liquid syntax error in output: expected "|" before filter (Jekyll ignores it leniently)',
    '6:output "{{ page.g" not closed',
    '0:tag if not closed',
    '5:tag unless not closed',
  ]);
  has(a, 'page:a@0', 'page:b@2', 'page:e@4', 'page:f@5');
});

test('never throws on odd input', () => {
  const inputs: unknown[] = [
    '', '{%', '{{', '}}%}', '{% %}', '{%- -%}', '{{ }}', '{% raw %}{{ x', '{% comment %}', '---\nlayout: x\n',
    '{{ page' + '['.repeat(20000) + ' }}', '{% if a %}'.repeat(5000), '{{ (' + '('.repeat(5000) + ' }}',
    '{% include %}', '{% include {{ %}', '{% for %}', '{% assign %}', '{% capture %}{% endcapture %}',
    '{{ page.a | where_exp: "p", "p. == (" }}', '\u0000\uffff{{\u2028}}', undefined, null, 42,
  ];
  let seed = 7;
  const frags = ['{%', '%}', '{{', '}}', ' page.', 'x', '|', 'where:', '"a"', "'", ',', 'for y in', 'endfor', 'if', 'endif', 'include a.html', '=', '[', ']', '\n', 'raw', 'endraw', 'comment', 'endcomment', 'include.p'];
  for (let i = 0; i < 2000; i++) {
    let s = '';
    for (let j = 0; j < 30; j++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; s += frags[seed % frags.length]; }
    inputs.push(s);
  }
  for (const s of inputs) {
    const a = analyzeTemplate('t.html', s as string);
    assert.ok(Array.isArray(a.reads) && Array.isArray(a.problems));
    const l = analyzeLayout('t', p => (p === '_layouts/t.html' || p.startsWith('_includes/') ? (s as string) : undefined));
    assert.ok(Array.isArray(l.reads));
  }
});

test('includes: params, include.x reads, dynamic names', () => {
  const layout = analyzeTemplate('_layouts/default.html',
    '{% include section-menu.html parent=page.parent title="Menu" %}\n{% include {{ page.widget }} %}\n{% include_relative notes.md %}');
  assert.deepEqual(layout.includes.map(i => [i.name, i.params, i.line]), [
    ['section-menu.html', ['parent', 'title'], 0], ['{{ page.widget }}', [], 1], ['notes.md', [], 2],
  ]);
  has(layout, 'page:parent@0', 'page:widget@1');

  const menu = analyzeTemplate('_includes/section-menu.html',
    '<h2>{{ include.title }}</h2>{% assign subs = site.pages | where: "parent", include.parent %}{% for s in subs %}{{ s.title }}{% endfor %}');
  assert.deepEqual(menu.readsIncludeParams, ['parent', 'title']);
  // include.* are not page reads on their own; the reference target is unknown without the caller
  has(menu, 'pages:parent|where@0', 'pages:title@0');
  assert.ok(!menu.reads.some(r => r.via === 'page'));
  assert.deepEqual(menu.references, []);
});

const SITE: Record<string, string> = {
  '_layouts/section-home.html': SECTION_HOME.replace('<div id="intro-wrapper">', '<div id="intro-wrapper">{% include section-menu.html parent=page.section %}'),
  '_layouts/core.html': '<!DOCTYPE html>\n<body class="{{ page.layout | slugify }}">{% seo %}\n{% include header.html %}\n{{ content }}\n{% include footer.html %}</body>',
  '_layouts/default.md': '---\nlayout: core\n---\n{{ page.title }}',
  '_includes/header.html': '<header>{% for p in site.header_pages %}{{ p }}{% endfor %}{% include nav.html %}</header>',
  '_includes/footer.html': '<footer>{{ page.footer_text }}{% include missing.html %}{% include {{ page.extra }} %}</footer>',
  '_includes/section-menu.html': [
    '{%- assign subs = site.pages | where: "parent", include.parent | sort: "weight" -%}',
    '{%- for sub_page in subs -%}',
    '<a href="{{ sub_page.url }}">{{ sub_page.title }}</a>',
    '{%- include section-menu.html parent=sub_page.section -%}',
    '{%- endfor -%}',
    '{{ include.parent | escape }}{{ include.unset }}',
  ].join('\n'),
  // cycle: nav → crumbs → nav
  '_includes/nav.html': '{{ page.nav_label }}{% include crumbs.html from=page.parent %}',
  '_includes/crumbs.html': '{{ include.from }}{% include nav.html %}',
};

test('analyzeLayout: chain, include params mapped through, recursion and cycles terminate', () => {
  const requested: string[] = [];
  const l = analyzeLayout('section-home', p => { requested.push(p); return SITE[p]; });
  assert.deepEqual(l.chain, ['_layouts/section-home.html', '_layouts/core.html']);
  const menu = l.reads.filter(r => r.template === '_includes/section-menu.html');
  // include.parent at the top level is page.section; in the recursive call it is sub_page.section
  assert.ok(reads(menu).includes('page:section@0'), reads(menu).join(', '));
  assert.ok(reads(menu).includes('pages:section@0'), reads(menu).join(', '));
  assert.ok(reads(menu).includes('page:section|escape@5'), reads(menu).join(', '));
  assert.ok(reads(menu).includes('pages:section|escape@5'), reads(menu).join(', '));
  has({ reads: menu }, 'pages:parent|where@0', 'pages:weight|sort@0', 'pages:url@2', 'pages:title@2', 'pages:section@3');
  assert.deepEqual(
    l.references.map(r => [r.template, r.from, r.to]),
    [['_layouts/section-home.html', 'parent', 'section'], ['_includes/section-menu.html', 'parent', 'section']]);
  assert.ok(l.orderings.some(o => o.template === '_includes/section-menu.html' && o.field === 'weight' && o.within === 'parent'));
  // core + header + nav/crumbs cycle + footer
  has(l, 'page:layout|slugify@1', 'page:footer_text@0', 'page:nav_label@0', 'page:parent@0');
  assert.ok(l.reads.some(r => r.template === '_includes/crumbs.html' && r.via === 'page' && r.path[0] === 'parent'));
  assert.deepEqual(l.missingIncludes.map(i => [i.template, i.name]), [
    ['_includes/footer.html', 'missing.html'], ['_includes/footer.html', '{{ page.extra }}'],
  ]);
  assert.deepEqual(l.problems, []);
  // no duplicates
  const keys = l.reads.map(r => JSON.stringify(r));
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(requested.length < 30);
});

test('analyzeLayout: .md layouts, missing layouts, layout cycles', () => {
  const d = analyzeLayout('default', p => SITE[p]);
  assert.deepEqual(d.chain, ['_layouts/default.md', '_layouts/core.html']);
  has(d, 'page:title@3');

  const m = analyzeLayout('nope', p => SITE[p]);
  assert.deepEqual(m.chain, []);
  assert.match(m.problems[0].message, /not found/);

  const cyc: Record<string, string> = {
    '_layouts/a.html': '---\nlayout: b\n---\n{{ page.a }}',
    '_layouts/b.html': '---\nlayout: "a"\n---\n{{ page.b }}',
  };
  const c = analyzeLayout('a', p => cyc[p]);
  assert.deepEqual(c.chain, ['_layouts/a.html', '_layouts/b.html']);
  assert.match(c.problems[0].message, /cycle/);
  has(c, 'page:a@3', 'page:b@3');

  const throwing = analyzeLayout('a', () => { throw new Error('io'); });
  assert.deepEqual(throwing.chain, []);
});

test('built-in page variables are still reported', () => {
  const a = analyzeTemplate('t.html', '{{ page.url }}{{ page.content }}{{ page.path }}{{ page.dir }}{{ page.name }}{{ page.id }}{{ page.collection }}{{ page.date | date: "%Y" }}{{ page.excerpt }}');
  assert.deepEqual(a.reads.map(r => r.path[0]), ['url', 'content', 'path', 'dir', 'name', 'id', 'collection', 'date', 'excerpt']);
});

test('front matter with CRLF and BOM keeps lines; layout null means none', () => {
  const a = analyzeTemplate('t.html', '\ufeff---\r\nlayout: null\r\ntitle: x\r\n---\r\n\r\n{{ page.title }}');
  assert.equal(a.layoutParent, undefined);
  assert.deepEqual(reads(a.reads), ['page:title@5']);
  const b = analyzeTemplate('t.html', "---\nlayout: 'core' # shell\n---\n{{ page.x }}");
  assert.equal(b.layoutParent, 'core');
});
