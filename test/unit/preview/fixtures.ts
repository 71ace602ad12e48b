// A hand-made render, shaped as the renderer writes one (layout, section menu, data-line on the page's blocks),
// with the hostile content a page may carry.
import type { PreviewPage } from '../../../server/src/lsp/preview-protocol';
import type { ContentOptions } from '../../../client/src/preview/document';

export const NONCE = 'n0nce';
export const CSP_SOURCE = 'https://resource.test';

export const contentOptions = (change: Partial<ContentOptions> = {}): ContentOptions => ({
  nonce: NONCE,
  allowRemote: false,
  resourceUri: (sitePath) => `${CSP_SOURCE}/site${sitePath}`,
  ...change,
});

export function page(body: string, change: Partial<PreviewPage> = {}): PreviewPage {
  return {
    html: `<!DOCTYPE html>
<html lang="en_GB">
  <head>
    <meta charset="utf-8">
    <title>Research | Northern Data Partnership</title>
    <link rel="stylesheet" href="/assets/css/main.css">
  </head>
  <body class="section-home">
    <main class="page-content">${body}</main>
  </body>
</html>`,
    title: 'Research',
    stylesheets: [{ href: '/assets/css/main.css', css: 'body { background: url(../images/city.svg); } #intro-wrapper { color: red; }' }],
    problems: [],
    siteRoot: 'file:///site',
    baseurl: '',
    url: '/research/',
    ...change,
  };
}
