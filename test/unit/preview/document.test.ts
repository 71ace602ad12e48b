import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewContent, previewDocument, problemsOnlyPage } from '../../../client/src/preview/document';
import { contentOptions, CSP_SOURCE, NONCE, page } from './fixtures';

const settings = { resource: 'file:///site/research.md', locked: false, version: 1, line: 3 };
const documentOptions = { nonce: NONCE, cspSource: CSP_SOURCE, allowRemote: false, scriptUri: `${CSP_SOURCE}/ext/index.js`, settings };

test('the compiled stylesheet replaces its link, inline with the nonce, its URLs mapped', () => {
  const content = previewContent(page('<p data-line="12">Text</p>'), contentOptions());
  assert.doesNotMatch(content.head, /<link/);
  assert.match(content.head, /<style data-jekyll-author-stylesheet="\/assets\/css\/main\.css" nonce="n0nce">/);
  assert.match(content.head, /url\("https:\/\/resource\.test\/site\/assets\/images\/city\.svg"\)/);
  assert.doesNotMatch(content.head, /<title>|<meta/);
  assert.equal(content.lang, 'en_GB');
  assert.equal(content.title, 'Research');
  assert.deepEqual(content.bodyAttributes, [['class', 'section-home']]);
  assert.match(content.body, /<main class="page-content"><p data-line="12">Text<\/p><\/main>/);
});

test('a stylesheet with no compiled CSS links to the site file', () => {
  const content = previewContent(page('', { stylesheets: [] }), contentOptions());
  assert.match(content.head, /<link rel="stylesheet" href="https:\/\/resource\.test\/site\/assets\/css\/main\.css">/);
});

test('the page\'s problems come first, plainly, linking to their 1-based line; the templates\' problems are one collapsed line', () => {
  const content = previewContent(page('<p>x</p>', {
    relPath: 'research.md',
    problems: [
      { message: 'The front matter is not valid YAML: <bad>', line: 2 }, { message: 'No layout "nope" in _layouts/', file: '_config.yml' },
      { message: 'Liquid syntax error', file: '_includes/menu.html', line: 4 }, { message: 'Stray quote', file: 'research.md', line: 9 },
    ],
  }), contentOptions());
  assert.match(content.body, /^<div id="jekyll-author-banner" role="status"><ul><li><a href="#" data-problem-line="2">line 3<\/a>: The front matter is not valid YAML: &lt;bad&gt;<\/li><li><a href="#" data-problem-file="research.md" data-problem-line="9">research.md, line 10<\/a>: Stray quote<\/li><\/ul>/);
  assert.match(content.body, /<details><summary>The site's templates have 2 problems<\/summary><ul><li><a href="#" data-problem-file="_config.yml">_config.yml<\/a>: No layout/);
  assert.match(content.body, /data-problem-file="_includes\/menu.html" data-problem-line="4">_includes\/menu.html, line 5<\/a>: Liquid syntax error<\/li><\/ul><\/details><\/div>/);
  assert.doesNotMatch(previewContent(page('<p>x</p>'), contentOptions()).body, /jekyll-author-banner/);
});

test('a page without a layout (content alone) still gets a head and a body', () => {
  const content = previewContent(page('', { html: '<h2 id="a" data-line="5">A</h2>\n<p data-line="7">B</p>', problems: [{ message: 'Layout "gone" does not exist: showing the content alone.' }] }), contentOptions());
  assert.equal(content.head, '');
  assert.match(content.body, /showing the content alone\.<\/li><\/ul><\/div><h2 id="a" data-line="5">A<\/h2>\n<p data-line="7">B<\/p>$/);
  const failed = previewContent(problemsOnlyPage('research.md', [{ message: 'The preview could not be rendered: boom' }]), contentOptions());
  assert.match(failed.body, /boom/);
});

test('the document carries the policy first, its settings, and only the nonce\'d script', () => {
  const html = previewDocument(previewContent(page('<p>x</p><script>no()</script>'), contentOptions()), documentOptions);
  const head = html.slice(0, html.indexOf('</head>'));
  assert.match(head, /^<!DOCTYPE html>\n<html lang="en_GB">\n<head>\n<meta charset="utf-8" data-jekyll-author>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-n0nce';/);
  assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), [`<script nonce="n0nce" src="${CSP_SOURCE}/ext/index.js" defer data-jekyll-author>`]);
  const settingsAttribute = /data-settings="([^"]*)"/.exec(html)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(settingsAttribute), settings);
  assert.match(html, /<body class="section-home">/);
  assert.match(html, /<title data-jekyll-author>Research<\/title>/);
});
