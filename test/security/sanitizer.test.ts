// The preview's second wall behind the Content Security Policy: DOMPurify, run in the webview's
// own DOM, so that what it checks is what the browser builds (mutation XSS lives in the gap between
// a sanitizer's parser and the browser's). Known mXSS payloads, through the whole preview (the
// extension's code, then the webview's) and straight into the webview (the extension's bypassed),
// in Chromium: no element of the page may carry an event handler, a script URL or a script.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PreviewPage } from '../../server/src/lsp/preview-protocol';
import { browserMissing, PreviewBrowser } from '../helpers/webview';

declare const document: any;

const skip = browserMissing;
if (skip) console.log(`# skipping the sanitizer tests: ${skip}`);

/** Known mutation-XSS and filter-evasion payloads (DOMPurify's and the issue's). */
const PAYLOADS: Record<string, string> = {
  'math mtext table mglyph style (issue 13)': '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  'nested form (issue 13)': '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  'svg p style': '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  'svg p style 2': '<svg><p><style><a id="</style><img src=1 onerror=alert(1)>">',
  'math mi style': '<math><mi><style><img src=x onerror=alert(1)></style></mi></math>',
  'noscript title': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'h1 a h6 mglyph svg mtext style': '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>',
  'svg style img': '<svg><style><img src=x onerror=alert(1)></style></svg>',
  'xmp title': '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
  'template img': '<template><img src onerror=alert(1)></template>',
  'select template style comment': '<select><template><style><!--</style><img src onerror=alert(1)>--></template></select>',
  'noembed title': '<noembed><img title="</noembed><img src onerror=alert(1)>"></noembed>',
  'entity javascript link': '<a href="&#106;avascript:alert(1)">x</a><a href="java&#x09;script:alert(1)">y</a>',
  'svg animate href': '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">z</text></a></svg>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  'object data': '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  'svg foreignObject': '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
  'form formaction': '<form><button formaction="javascript:alert(1)">go</button></form>',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'base href': '<base href="javascript:alert(1)//">',
  'style in math annotation': '<math><annotation-xml encoding="text/html"><style><img src=x onerror=alert(1)></style></annotation-xml></math>',
};

/** What would run, or could, among the page's own elements (those the preview did not add). */
function liveDanger(): string[] {
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    if (element.closest('[data-jekyll-author]')) continue;
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'base', 'frame'].includes(tag) || (tag === 'meta' && element.hasAttribute('http-equiv'))) found.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || /^(javascript|vbscript|data:text\/html)/.test(value) || (name === 'values' && value.includes('javascript:'))) {
        found.push(`<${tag} ${name}="${attribute.value}">`);
      }
    }
  }
  return found;
}

let browser: PreviewBrowser;
const page = (html: string): PreviewPage => ({
  html: `<!DOCTYPE html><html><head></head><body>${html}</body></html>`, title: 'payload', problems: [], stylesheets: [], siteRoot: '', baseurl: '', url: '/',
} as unknown as PreviewPage);

before(async () => { if (!skip) browser = await PreviewBrowser.launch(); });
after(async () => { await browser?.close(); });

test('known mXSS payloads leave nothing live, through the whole preview', { skip }, async () => {
  const failures: string[] = [];
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    const opened = await browser.open(`whole-${name.replace(/\W+/g, '-')}`, page(payload));
    const danger: string[] = await opened.page.evaluate(liveDanger);
    if (danger.length > 0) failures.push(`${name}: ${danger.join(' ')}`);
    await opened.page.close();
  }
  assert.deepEqual(failures, []);
});

test('…and nothing live when they reach the webview unsanitized (the extension side bypassed)', { skip }, async () => {
  const failures: string[] = [];
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    const opened = await browser.open(`raw-${name.replace(/\W+/g, '-')}`, page(payload), (content) => ({ ...content, body: payload }));
    const danger: string[] = await opened.page.evaluate(liveDanger);
    if (danger.length > 0) failures.push(`${name}: ${danger.join(' ')}`);
    await opened.page.close();
  }
  assert.deepEqual(failures, []);
});
