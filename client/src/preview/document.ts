// Builds what the preview webview shows from a rendered page. Pure (no `vscode`): the unit tests run it
// in node and the browser test loads its output in Chromium.
import { serialize, type DefaultTreeAdapterMap } from 'parse5';
import type { PreviewBody, PreviewPage, PreviewProblem } from '../../../server/src/lsp/preview-protocol';
import type { PreviewContent, PreviewPatch, WebviewSettings } from './messages';
import {
  attribute, contentSecurityPolicy, isElement, sanitizeTree, sitePathOf, type PolicyOptions, type SanitizeContext,
} from './security';
import { markSlot, parsePage, slotContent, type ContentSlot } from './slot';

type Element = DefaultTreeAdapterMap['element'];

export interface ContentOptions {
  nonce: string;
  /** The webview URL of a site file, by its path in the built site ('/assets/logo.svg'). */
  resourceUri(sitePath: string): string;
  allowRemote: boolean;
}

/** The page, sanitized and with its URLs mapped, split into the parts the webview updates. */
export function previewContent(page: PreviewPage, options: ContentOptions): PreviewContent {
  return previewRender(page, options).content;
}

/** What sanitizing a page needs: its URLs' context and its compiled stylesheets by site path. */
function sanitizeContext(page: PreviewPage, options: ContentOptions): SanitizeContext {
  const urls = { resourceUri: options.resourceUri, allowRemote: options.allowRemote, baseurl: page.baseurl, baseUrl: page.url || '/' };
  const stylesheets = new Map<string, string>();
  for (const { href, css } of page.stylesheets) {
    const sitePath = sitePathOf(href, urls);
    if (sitePath !== undefined) stylesheets.set(sitePath, css);
  }
  return { ...urls, nonce: options.nonce, stylesheets };
}

/** `previewContent`, and the element holding the page's content when a body-only render can replace it alone. */
export function previewRender(page: PreviewPage, options: ContentOptions): { content: PreviewContent; slot?: ContentSlot } {
  // parse5 parses as the browser does: a page without a layout (no <html>, <body>) still gets both.
  const document = parsePage(page);
  const slot = markSlot(page, document);
  const root = document.childNodes.find(isElement)!;
  const head = root.childNodes.find((node) => isElement(node) && node.tagName === 'head') as Element;
  const body = root.childNodes.find((node) => isElement(node) && node.tagName === 'body') as Element;
  // The webview has its own title, charset, viewport and policy.
  head.childNodes = head.childNodes.filter((node) => !(isElement(node) && (node.tagName === 'title' || node.tagName === 'meta')));
  const context = sanitizeContext(page, options);
  const blocked = sanitizeTree(head, context) + sanitizeTree(body, context);
  const content: PreviewContent = {
    title: page.title,
    lang: attribute(root, 'lang') ?? '',
    head: serialize(head).trim(),
    bodyAttributes: body.attrs.map((attr) => [attr.name, attr.value]),
    body: banner(page.problems, page.relPath) + serialize(body),
    remoteBlocked: blocked,
  };
  return { content, slot };
}

/**
 * A body-only render of `page` (the last full page, whose slot is `slot`) as an update of the slot alone;
 * undefined when the new content must go through a full update.
 */
export function previewPatch(page: PreviewPage, slot: ContentSlot, body: PreviewBody, options: ContentOptions): PreviewPatch | undefined {
  const content = slotContent(slot, body, sanitizeContext(page, options));
  if (!content) return undefined;
  return { title: page.title, banner: banner(body.problems, page.relPath), slot: content.html, remoteBlocked: content.remoteBlocked };
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
