/**
 * Liquid expressions whose output the renderer must print exactly as Jekyll 4.3 does: every filter
 * and tag Jekyll and Liquid have, and Jekyll's objects printed whole. `oracle.test.ts` builds them
 * with Jekyll and compares case by case.
 */

/** The files of the small site the cases run in (besides the page holding them). */
export const ORACLE_SITE: Record<string, string> = {
  '_config.yml': [
    'title: Oracle & Co',
    'url: https://example.org',
    'baseurl: /base',
    'timezone: UTC',
    'plugins: [jekyll-feed]',
    'collections:',
    '  notes:',
    '    output: false',
    '',
  ].join('\n'),
  '_data/people.yml': [
    '- {name: Ada, age: 36, team: core, joined: 2020-01-02}',
    '- {name: Bob, age: 7, team: docs}',
    '- {name: cy, team: core, age: 12.5}',
    '- {name: Dee}',
    '',
  ].join('\n'),
  '_data/settings.yml': 'h: {a: 1, b: "two", c: [1, 2], d: null, e: true, f: 1.5}\nlist: [1, "x", [2, 3], {k: v}, null]\nwhen: 2021-03-04 05:06:07\n',
  '_data/members.csv': 'name,role,"quoted, header"\nAnn,lead,"x, y"\nBob,,""\n\n',
  '_data/places/towns.tsv': 'town\tpeople\nLeeds\t800000\n',
  '_notes/first.md': '---\ntitle: First note\norder: 2\n---\nThe *first* note, in {{ page.title }}.\n',
  '_notes/second.md': '---\norder: 1\n---\nSecond.\n',
  '_includes/greet.html': 'Hello {{ include.who | default: "nobody" }}{% if include.n %} x{{ include.n }}{% endif %}',
  'about.md': '---\ntitle: About\n---\nAbout.\n',
  'assets/file.txt': 'static\n',
};

/**
 * One expression per case: the Liquid of one line of the page. (`highlight` is compared apart:
 * Rouge's colouring spans are not reproduced, only its markup and text.)
 */
export const ORACLE_CASES: string[] = [
  // Jekyll's objects printed whole
  '{{ jekyll.version }} {{ jekyll.environment }}{% if jekyll.environment == "production" %} live{% endif %}',
  '{{ site.data.settings.h }}',
  '{{ site.data.settings.list }}',
  '{{ site.data.people | last }}',
  '{{ site.notes | where: "title", "First note" | first }}',
  '{{ site.notes | sort: "order" | map: "title" | join: "," }}',
  '{{ site.data.settings.h | jsonify }}',
  '{{ site.data.people | jsonify }}',
  '{{ site.data.members | jsonify }}',
  '{% for m in site.data.members %}{{ m.name }}={{ m.role | default: "-" }}/{{ m["quoted, header"] }};{% endfor %}',
  '{{ site.data.places.towns | inspect }}',
  '{{ site.data.settings.h | inspect }}',
  '{{ site.data.settings.list | inspect }}',
  '{{ \'a"b\' | inspect }}',
  '{{ nil | inspect }}',
  // Quoted strings hold no escapes in Ruby's Liquid
  '{{ "It\'s" | replace: "\'", "\\\'" }} {{ "a\\nb" | size }} {{ \'a\\\' | append: "x" }} {{ "\\u0041" }}',
  '{{ "It\'s a" | replace: "\'", "[\\0|\\&|\\`|\\\'|\\1|\\\\|\\z|\\]" }} {{ "aXbX" | replace_first: "X", "<\\&>" }} {{ "abc" | replace: "", "-" }} {{ "a.b" | replace: ".", "$&" }}',
  '{{ site.data.settings.when }}',
  '{{ site.data.people.first.joined }}',
  // where / sort / group_by and their _exp forms
  '{{ site.data.people | where: "team", "core" | map: "name" | join: "," }}',
  '{{ site.data.people | where_exp: "p", "p.age > 10" | map: "name" | join: "," }}',
  '{{ site.data.people | where_exp: "p", "p.team == nil" | map: "name" | join: "," }}',
  '{{ site.data.people | sort: "age" | map: "name" | join: "," }}',
  '{{ site.data.people | sort: "age", "last" | map: "name" | join: "," }}',
  '{{ site.data.people | sort: "name" | map: "name" | join: "," }}',
  '{{ site.data.people | group_by: "team" | map: "name" | join: "," }}',
  '{% assign g = site.data.people | group_by: "team" %}{% for x in g %}[{{ x.name }}:{{ x.size }}:{{ x.items | map: "name" | join: "+" }}]{% endfor %}',
  '{% assign g = site.data.people | group_by_exp: "p", "p.age > 10" %}{% for x in g %}[{{ x.name }}:{{ x.size }}]{% endfor %}',
  '{% assign g = "a,bb,c" | split: "," | group_by_exp: "x", "x | size" %}{% for y in g %}{% if y.name == 1 %}one{% endif %}[{{ y.name }}:{{ y.size }}]{% endfor %}',
  '{{ site.data.people | find: "name", "Bob" }}',
  '{{ site.data.people | find_exp: "p", "p.age < 10" | map: "name" }}',
  '{{ site.data.people | map: "age" | compact | join: "," }}',
  '{{ site.data.people | map: "team" | uniq | join: "," }}',
  // arrays
  '{{ site.data.people | map: "name" | array_to_sentence_string }}',
  '{{ site.data.people | map: "name" | array_to_sentence_string: "or" }}',
  '{% assign a = "a,b" | split: "," %}{{ a | array_to_sentence_string }}',
  '{% assign a = "a,b,c" | split: "," | push: "d" | unshift: "z" %}{{ a | join: "-" }} {{ a | pop | join: "-" }} {{ a | shift | join: "-" }}',
  '{{ "c,a,B" | split: "," | sort | join }} {{ "c,a,B" | split: "," | sort_natural | join }}',
  '{% capture text %}  a b\n\t c  {% endcapture %}{{ text | split: " " | join: "|" }} {{ "abc" | split: "" | join: "|" }} {{ ",a,,b,," | split: "," | join: "|" }} {{ "" | split: "," | size }}',
  '{{ "1,2,3" | split: "," | reverse | join: "" }} {{ "1,2,3" | split: "," | size }} {{ "1,2,3" | split: "," | last }}',
  '{{ "a b c" | split: " " | concat: site.data.settings.h.c | join: "," }}',
  '{{ site.data.settings.h.c | sum }} {{ "abc" | reject: "x" }} {{ "a b" | squish }}',
  // strings
  '{{ "Hello World & <Friends>" | xml_escape }} {{ "a<b" | escape }} {{ "a&amp;b" | escape_once }}',
  '{{ "foo bar/baz?x=1&y=é" | cgi_escape }} {{ "foo bar/baz?x=1&y=é" | uri_escape }} {{ "a b+c" | url_encode }} {{ "a%20b" | url_decode }}',
  '{{ "The _config.yml file!" | slugify }} {{ "The _config.yml file!" | slugify: "pretty" }} {{ "The _config.yml file!" | slugify: "raw" }}',
  '{{ "The _config.yml file!" | slugify: "ascii" }} {{ "Café Ünïcode" | slugify: "latin" }} {{ "Hello World" | slugify: "none" }}',
  '{{ \'"Hi," she said -- it is the 1990s... ok\' | smartify }} {{ "It\'s <b>bold</b>" | smartify }}',
  '{{ \'a "lone quote and "quoted"s\' | smartify }}',
  '{{ "one two  three\n four" | number_of_words }} {{ "  a \n\t b  " | normalize_whitespace }}',
  '{{ "3.9" | to_integer }} {{ 7.2 | to_integer }} {{ true | to_integer }}',
  '{{ "hello" | capitalize }} {{ "Hello" | downcase }} {{ "x" | upcase }} {{ "  x  " | strip }}|{{ "  x  " | lstrip }}|{{ "  x  " | rstrip }}|',
  '{{ "abcabc" | replace: "b", "x" }} {{ "abcabc" | replace_first: "b", "x" }} {{ "abcabc" | remove: "b" }} {{ "abcabc" | remove_first: "b" }}',
  '{{ "Ground control to Major Tom." | truncate: 20 }} {{ "Ground control to Major Tom." | truncatewords: 3 }} {{ "abc" | truncate: 2, "" }}',
  '{{ "a\nb" | newline_to_br }} {{ "<p>x <b>y</b></p>" | strip_html }} {{ "a\nb" | strip_newlines }}',
  '{{ "abc" | slice: 1 }} {{ "abc" | slice: 1, 5 }} {{ "abc" | slice: -2, 2 }} {{ "abc" | append: "d" | prepend: "_" }}',
  '{{ "# Title\n\nSome *text*" | markdownify }}',
  // numbers
  '{{ 10 | divided_by: 4 }} {{ 10 | divided_by: 4.0 }} {{ 3 | times: 1.5 }} {{ 5 | minus: 7 }} {{ 5 | plus: "3" }} {{ 7 | modulo: 3 }}',
  '{{ 3.14159 | round: 2 }} {{ 2.5 | round }} {{ 4.2 | ceil }} {{ 4.8 | floor }} {{ -3 | abs }} {{ 4 | at_least: 5 }} {{ 4 | at_most: 3 }}',
  // dates
  '{{ site.data.settings.when | date_to_xmlschema }} {{ site.data.settings.when | date_to_rfc822 }}',
  '{{ site.data.settings.when | date_to_string }} {{ site.data.settings.when | date_to_string: "ordinal", "US" }} {{ site.data.settings.when | date_to_long_string }}',
  '{{ site.data.settings.when | date: "%Y-%m-%d %H:%M %a %b %-d %j" }} {{ "2020-02-29" | date: "%d/%m/%y" }}',
  // URLs and the site
  '{{ "/about/" | relative_url }} {{ "about" | relative_url }} {{ "/about/" | absolute_url }} {{ "https://x.org/a" | absolute_url }}',
  '{% link about.md %} {% link assets/file.txt %}',
  '{{ site.static_files | map: "path" | join: "," }} {{ site.static_files.first.extname }}',
  '{{ site.html_pages | map: "url" | join: "," }}',
  '{{ site.collections | map: "label" | join: "," }}',
  // tags
  '{% include greet.html who="Ann" n=3 %} {% include greet.html %}',
  '{% feed_meta %}',
  '{% capture c %}x{{ 1 | plus: 1 }}{% endcapture %}{{ c }}{% increment i %}{% increment i %}{% decrement j %}',
  '{% for x in (1..5) limit: 3 offset: 1 %}{{ x }}{% unless forloop.last %},{% endunless %}{% endfor %} {% for x in (1..3) reversed %}{{ x }}{% endfor %}',
  '{% cycle "a", "b" %}{% cycle "a", "b" %}{% cycle "a", "b" %} {% case 2 %}{% when 1 %}one{% when 2, 3 %}two-three{% else %}other{% endcase %}',
  '{% tablerow x in (1..3) cols: 2 %}{{ x }}{% endtablerow %}',
  '{% raw %}{{ not liquid }}{% endraw %} {% comment %}gone{% endcomment %}{% if "" %}empty-is-true{% endif %}{% if nil %}no{% else %}nil-false{% endif %}',
];
