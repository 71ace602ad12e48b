import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewContent } from '../../../client/src/preview/document';
import {
  contentSecurityPolicy, createNonce, isScriptUrl, resolveResource, rewriteCssUrls, type UrlContext,
} from '../../../client/src/preview/security';
import { contentOptions, CSP_SOURCE, NONCE, page } from './fixtures';

const body = (html: string, allowRemote = false) => previewContent(page(html), contentOptions({ allowRemote })).body;

test('the policy runs only scripts with the nonce and loads only from the webview unless remote is allowed', () => {
  const policy = contentSecurityPolicy({ nonce: NONCE, cspSource: CSP_SOURCE, allowRemote: false });
  const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), `'nonce-${NONCE}'`);
  assert.equal(directives.get('style-src'), `${CSP_SOURCE} 'nonce-${NONCE}'`);
  assert.equal(directives.get('img-src'), `${CSP_SOURCE} data:`);
  assert.doesNotMatch(policy, /\shttps:[\s;]|unsafe-eval|\*/);
  const remote = contentSecurityPolicy({ nonce: NONCE, cspSource: CSP_SOURCE, allowRemote: true });
  assert.match(remote, /img-src \S+ data: https:/);
  assert.match(remote, /style-src \S+ 'nonce-n0nce' https:/);
  assert.doesNotMatch(remote, /script-src[^;]*https:/);
});

test('nonces are fresh, long and safe in an attribute', () => {
  const a = createNonce();
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, createNonce());
});

test('drops <script> elements, inline and linked, in head and body', () => {
  const result = previewContent(page('<p>a</p><script>window.ran = 1</script><script src="/x.js"></script><svg><script>1</script></svg>',
    { html: '<html><head><script>bad()</script></head><body><p>b</p><SCRIPT>x()</SCRIPT></body></html>' }), contentOptions());
  assert.doesNotMatch(result.head + result.body, /<script|bad\(\)|x\(\)/i);
  assert.doesNotMatch(body('<p>a</p><script>window.ran = 1</script><svg><script>1</script></svg>'), /script|ran/i);
});

test('drops event handler attributes: <img onerror>, <body onload>, SVG onload', () => {
  const html = body('<img src="/assets/x.png" onerror="window.ran = 1" OnClick="x()"><svg onload="y()"><circle onmouseover="z()"/></svg>');
  assert.doesNotMatch(html, /onerror|onclick|onload|onmouseover|ran/i);
  assert.match(html, /<img src="https:\/\/resource\.test\/site\/assets\/x\.png">/);
  const result = previewContent(page('', { html: '<body onload="x()" class="c"><p>x</p></body>' }), contentOptions());
  assert.deepEqual(result.bodyAttributes, [['class', 'c']]);
});

test('drops javascript: URLs however they are spelled, and keeps other links', () => {
  const html = body('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="jav&#x61;script:alert(1)">c</a>'
    + '<a href="java\tscript:alert(1)">d</a><form action="javascript:x()"></form><a href="/research/">e</a><a href="https://example.org/">f</a>'
    + '<svg><a xlink:href="javascript:alert(1)"><text>g</text></a></svg>');
  assert.doesNotMatch(html, /javascript/i);
  assert.match(html, /<a href="\/research\/">e<\/a>/);
  assert.match(html, /<a href="https:\/\/example\.org\/">f<\/a>/);
  assert.equal(isScriptUrl('\u0001javascript:x'), true);
  assert.equal(isScriptUrl('/javascript/page'), false);
});

test('drops <iframe>, <object>, <embed>, <base>, <meta http-equiv=refresh> and their content', () => {
  const html = body('<iframe src="https://example.org" srcdoc="<script>x</script>">inner</iframe>'
    + '<object data="/x.swf"><param name="a">fallback</object><embed src="/x.swf"><base href="https://evil.example/">'
    + '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>kept</p>');
  assert.doesNotMatch(html, /iframe|object|embed|<base|refresh|evil|inner|fallback|param/i);
  assert.match(html, /<p>kept<\/p>/);
  const head = previewContent(page('', { html: '<head><meta http-equiv="refresh" content="0"><base href="/x/"></head><body></body>' }), contentOptions()).head;
  assert.doesNotMatch(head, /refresh|base/);
});

test('remote images, stylesheets and CSS URLs stay out unless allowed, counted for the question the extension asks', () => {
  const html = '<html><head><link rel="stylesheet" href="https://fonts.example/css"></head>'
    + '<body><img src="https://tracker.example/pixel.gif"><img srcset="//cdn.example/a.png 2x, /assets/b.png 1x">'
    + '<div style="background: url(https://cdn.example/bg.png)">x</div></body></html>';
  const blocked = previewContent(page('', { html }), contentOptions());
  assert.doesNotMatch(blocked.head + blocked.body, /fonts\.example|tracker\.example|cdn\.example/);
  assert.match(blocked.body, /srcset="https:\/\/resource\.test\/site\/assets\/b\.png 1x"/);
  assert.equal(blocked.remoteBlocked, 4);
  assert.doesNotMatch(blocked.body, /jekyll-author-banner/, 'no banner on every page: the extension asks once per workspace');
  const allowed = previewContent(page('', { html }), contentOptions({ allowRemote: true }));
  assert.match(allowed.head, /<link rel="stylesheet" href="https:\/\/fonts\.example\/css">/);
  assert.match(allowed.body, /src="https:\/\/tracker\.example\/pixel\.gif"/);
  assert.match(allowed.body, /srcset="https:\/\/cdn\.example\/a\.png 2x, /);
  assert.equal(allowed.remoteBlocked, 0);
});

test('site-relative, page-relative and baseurl-prefixed URLs become webview URLs', () => {
  const context: UrlContext = { ...contentOptions(), baseurl: '/chc', baseUrl: '/research/projects/' };
  assert.equal(resolveResource('/assets/images/city.svg', context), `${CSP_SOURCE}/site/assets/images/city.svg`);
  assert.equal(resolveResource('/chc/assets/logo.svg#icon', context), `${CSP_SOURCE}/site/assets/logo.svg#icon`);
  assert.equal(resolveResource('../img/a%20b.png?v=2', context), `${CSP_SOURCE}/site/research/img/a b.png`);
  assert.equal(resolveResource('/../../etc/passwd', context), `${CSP_SOURCE}/site/etc/passwd`);
  assert.equal(resolveResource('file:///etc/passwd', context), undefined);
  assert.equal(resolveResource('data:text/html,<script>1</script>', context), undefined);
  assert.equal(resolveResource('data:image/png;base64,AAAA', context), 'data:image/png;base64,AAAA');
  assert.equal(resolveResource('#local', context), '#local');
});

test('CSS url() and @import are rewritten against the stylesheet, remote ones neutralised', () => {
  const context: UrlContext = { ...contentOptions(), baseurl: '', baseUrl: '/assets/css/main.css' };
  const { css, blocked } = rewriteCssUrls(`@import "https://fonts.example/a.css";
a { background: url('../images/x.png') } b { background: url(https://cdn.example/y.png) no-repeat } c { mask: url(#m) }`, context);
  assert.equal(blocked, 2);
  assert.match(css, /@import none;/);
  assert.match(css, /url\("https:\/\/resource\.test\/site\/assets\/images\/x\.png"\)/);
  assert.match(css, /background: none no-repeat/);
  assert.match(css, /url\("#m"\)/);
});
