// Builds what the preview webview shows from a rendered page. Pure (no `vscode`): the unit tests run it
// in node and the browser test loads its output in Chromium.
import { parse, serialize, type DefaultTreeAdapterMap } from 'parse5';
import type { PreviewPage, PreviewProblem } from '../../../server/src/lsp/preview-protocol';
import type { PreviewContent, WebviewSettings } from './messages';
import {
  attribute, contentSecurityPolicy, isElement, sanitizeTree, sitePathOf, type PolicyOptions,
} from './security';

type Element = DefaultTreeAdapterMap['element'];

export interface ContentOptions {
  nonce: string;
  /** The webview URL of a site file, by its path in the built site ('/assets/logo.svg'). */
  resourceUri(sitePath: string): string;
  allowRemote: boolean;
}

/** The page, sanitized and with its URLs mapped, split into the parts the webview updates. */
export function previewContent(page: PreviewPage, options: ContentOptions): PreviewContent {
  const urls = { resourceUri: options.resourceUri, allowRemote: options.allowRemote, baseurl: page.baseurl, baseUrl: page.url || '/' };
  const stylesheets = new Map<string, string>();
  for (const { href, css } of page.stylesheets) {
    const sitePath = sitePathOf(href, urls);
    if (sitePath !== undefined) stylesheets.set(sitePath, css);
  }
  // parse5 parses as the browser does: a page without a layout (no <html>, <body>) still gets both.
  const document = parse(page.html);
  const root = document.childNodes.find(isElement)!;
  const head = root.childNodes.find((node) => isElement(node) && node.tagName === 'head') as Element;
  const body = root.childNodes.find((node) => isElement(node) && node.tagName === 'body') as Element;
  // The webview has its own title, charset, viewport and policy.
  head.childNodes = head.childNodes.filter((node) => !(isElement(node) && (node.tagName === 'title' || node.tagName === 'meta')));
  const context = { ...urls, nonce: options.nonce, stylesheets };
  const blocked = sanitizeTree(head, context) + sanitizeTree(body, context);
  return {
    title: page.title,
    lang: attribute(root, 'lang') ?? '',
    head: serialize(head).trim(),
    bodyAttributes: body.attrs.map((attr) => [attr.name, attr.value]),
    body: banner(page.problems, page.relPath) + serialize(body),
    remoteBlocked: blocked,
  };
}

export interface DocumentOptions extends PolicyOptions {
  /** The webview URL of the preview's script (dist/preview/index.js). */
  scriptUri: string;
  settings: WebviewSettings;
}

/**
 * The webview's whole HTML. Elements marked `data-jekyll-author` are the preview's own; the page comes
 * as data (`#jekyll-author-content`), which the webview's script sanitizes and shows.
 */
export function previewDocument(content: PreviewContent, options: DocumentOptions): string {
  const nonce = escapeHtml(options.nonce);
  const bodyAttributes = content.bodyAttributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(content.lang)}">
<head>
<meta charset="utf-8" data-jekyll-author>
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}" data-jekyll-author>
<meta name="viewport" content="width=device-width, initial-scale=1" data-jekyll-author>
<meta id="jekyll-author-settings" data-settings="${escapeHtml(JSON.stringify(options.settings))}" data-jekyll-author>
<title data-jekyll-author>${escapeHtml(content.title)}</title>
<style nonce="${nonce}" data-jekyll-author>${BANNER_CSS}</style>
<meta id="jekyll-author-content" data-content="${escapeHtml(JSON.stringify(content))}" data-jekyll-author>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}" defer data-jekyll-author></script>
</head>
<body${bodyAttributes}></body>
</html>
`;
}

const BANNER_ID = 'jekyll-author-banner';

// Shielded from the site's CSS (`all: revert`), so that problems read the same on every site.
const BANNER_CSS = `#${BANNER_ID}, #${BANNER_ID} * { all: revert; }
#${BANNER_ID} { display: block; margin: 0; padding: 8px 12px; font: 13px/1.4 system-ui, sans-serif;
  color: #3b2300; background: #fff4ce; border-bottom: 1px solid #d9a400; }
#${BANNER_ID} ul { margin: 0; padding-left: 18px; }
#${BANNER_ID} p { margin: 0; }`;

/**
 * The page's own problems, each linking to its line; problems in templates the author did not touch
 * (layouts, includes, other pages) collapsed into one line that opens to the list.
 */
function banner(problems: PreviewProblem[], pagePath: string | undefined): string {
  const item = (problem: PreviewProblem): string => {
    const where = [problem.file, problem.line === undefined ? undefined : `line ${problem.line + 1}`].filter(Boolean).join(', ');
    const target = `${problem.file ? ` data-problem-file="${escapeHtml(problem.file)}"` : ''}${problem.line === undefined ? '' : ` data-problem-line="${problem.line}"`}`;
    const link = where ? `<a href="#"${target}>${escapeHtml(where)}</a>: ` : '';
    return `<li>${link}${escapeHtml(problem.message)}</li>`;
  };
  const own = problems.filter((problem) => !problem.file || problem.file === pagePath);
  const templates = problems.filter((problem) => !own.includes(problem));
  if (own.length === 0 && templates.length === 0) return '';
  const collapsed = templates.length === 0 ? ''
    : `<details><summary>The site's templates have ${templates.length} problem${templates.length === 1 ? '' : 's'}</summary><ul>${templates.map(item).join('')}</ul></details>`;
  return `<div id="${BANNER_ID}" role="status">${own.length ? `<ul>${own.map(item).join('')}</ul>` : ''}${collapsed}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A page to show when there is no render to show: only the problems. */
export function problemsOnlyPage(title: string, problems: PreviewProblem[]): PreviewPage {
  return { html: '', title, stylesheets: [], problems, siteRoot: '', baseurl: '', url: '/', relPath: '', pages: {} };
}
