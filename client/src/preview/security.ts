// What the preview webview may run and load. Pure (no `vscode`), so that node and browser tests can check it.
//
// Two layers: the Content Security Policy is what actually stops scripts and remote loads; the
// sanitizer removes what the policy would block anyway (so that the page does not fill the console
// with violations) and what the policy cannot see (a `<meta http-equiv=refresh>`, `<base>`).
import { defaultTreeAdapter, html, type DefaultTreeAdapterMap } from 'parse5';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

export function createNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface PolicyOptions {
  nonce: string;
  /** `webview.cspSource`: the origin the webview serves extension and workspace files from. */
  cspSource: string;
  allowRemote: boolean;
}

export function contentSecurityPolicy({ nonce, cspSource, allowRemote }: PolicyOptions): string {
  const remote = allowRemote ? ' https:' : '';
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'${remote}`,
    // A page's style="" attributes run no code; without this, every one of them is a violation.
    "style-src-attr 'unsafe-inline'",
    `img-src ${cspSource} data:${remote}`,
    `media-src ${cspSource}${remote}`,
    `font-src ${cspSource} data:${remote}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface UrlContext {
  /** The webview URL of a site file, by its path in the built site ('/assets/logo.svg'). */
  resourceUri(sitePath: string): string;
  allowRemote: boolean;
  /** `baseurl` of the site ('' or '/path'): Jekyll's links carry it, the files do not. */
  baseurl: string;
  /** The URL relative references resolve against: the page's URL, or a stylesheet's. */
  baseUrl: string;
}

const SITE_ORIGIN = 'http://site.invalid';
const SCRIPT_URL = /^(?:javascript|vbscript):/i;
const SAFE_DATA_URL = /^data:(?:image\/|font\/|application\/(?:x-)?font-)/i;
const REMOTE_URL = /^(?:https?:)?\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Browsers ignore whitespace and control characters in a URL's scheme: `java\tscript:` still runs. */
export function isScriptUrl(value: string): boolean {
  return SCRIPT_URL.test(value.replace(/[\u0000-\u0020\u007f]/g, ''));
}

/** The path in the built site that a local reference names ('/assets/x.png'), or undefined when it is not local. */
export function sitePathOf(reference: string, context: Pick<UrlContext, 'baseurl' | 'baseUrl'>): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '' || REMOTE_URL.test(trimmed) || ANY_SCHEME.test(trimmed)) return undefined;
  let sitePath: string;
  try {
    sitePath = decodeURIComponent(new URL(trimmed, SITE_ORIGIN + context.baseUrl).pathname);
  } catch {
    return undefined;
  }
  const { baseurl } = context;
  if (baseurl && (sitePath === baseurl || sitePath.startsWith(`${baseurl}/`))) sitePath = sitePath.slice(baseurl.length) || '/';
  return sitePath;
}

/** The URL the webview may load for a page's resource reference, or undefined when it must not load it. */
export function resolveResource(reference: string, context: UrlContext): string | undefined {
  const trimmed = reference.trim();
  if (trimmed.startsWith('#')) return trimmed;
  if (/^data:/i.test(trimmed)) return SAFE_DATA_URL.test(trimmed) ? trimmed : undefined;
  if (REMOTE_URL.test(trimmed)) {
    if (!context.allowRemote) return undefined;
    return trimmed.startsWith('//') ? `https:${trimmed}` : trimmed.replace(/^http:/i, 'https:');
  }
  const sitePath = sitePathOf(trimmed, context);
  if (sitePath === undefined) return undefined;
  const hash = new URL(trimmed, SITE_ORIGIN + context.baseUrl).hash;
  return context.resourceUri(sitePath) + hash;
}

/** Rewrites `url(…)` and `@import "…"` in CSS to what the webview may load; a blocked one becomes `none`. */
export function rewriteCssUrls(css: string, context: UrlContext): { css: string; blocked: number } {
  let blocked = 0;
  const rewrite = (reference: string, wrap: (url: string) => string): string => {
    const url = resolveResource(reference, context);
    if (url === undefined) {
      blocked++;
      return 'none';
    }
    return wrap(url);
  };
  const result = css
    .replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi,
      (_match, double?: string, single?: string, bare?: string) => rewrite(double ?? single ?? bare ?? '', (url) => `url(${JSON.stringify(url)})`))
    .replace(/@import\s+(?:"([^"]*)"|'([^']*)')/gi,
      (_match, double?: string, single?: string) => `@import ${rewrite(double ?? single ?? '', (url) => JSON.stringify(url))}`);
  return { css: result, blocked };
}

/** Elements removed with everything inside them: they run code, frame other documents, or change the base URL. */
const DROPPED_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'base',
  'noscript', 'noembed', 'noframes', 'template',
]);
/** Attributes that make the browser fetch something (besides `href` in SVG, handled apart). */
const RESOURCE_ATTRIBUTES = new Set(['src', 'poster', 'background', 'srcset']);

export interface SanitizeContext extends UrlContext {
  nonce: string;
  /** Compiled CSS by the site path of the stylesheet it stands for ('/assets/css/main.css'). */
  stylesheets: Map<string, string>;
}

/**
 * Makes a parsed page safe to show: drops scripts, frames, plugins, `<base>`, refreshes, event
 * handlers and `javascript:` URLs; inlines compiled stylesheets with the nonce; maps resource URLs
 * to the webview's. Returns how many remote resources were left out.
 */
export function sanitizeTree(root: ParentNode, context: SanitizeContext): number {
  let blocked = 0;
  const visit = (parent: ParentNode): void => {
    for (const node of [...parent.childNodes]) {
      if (node.nodeName === '#comment') {
        detach(node);
        continue;
      }
      if (!isElement(node)) continue;
      const tag = node.tagName;
      if (DROPPED_ELEMENTS.has(tag) || (tag === 'meta' && attribute(node, 'http-equiv') !== undefined)) {
        detach(node);
        continue;
      }
      if (tag === 'link') {
        blocked += replaceLink(node, context);
        continue;
      }
      blocked += cleanAttributes(node, context);
      if (tag === 'style') blocked += adoptStyle(node, context);
      visit(node);
    }
  };
  // The root's own attributes too: `<body onload>`.
  if ('tagName' in root) blocked += cleanAttributes(root, context);
  visit(root);
  return blocked;
}

function cleanAttributes(element: Element, context: UrlContext): number {
  let blocked = 0;
  const svgResource = element.namespaceURI !== html.NS.HTML && element.tagName !== 'a';
  const kept: Element['attrs'] = [];
  for (const attr of element.attrs) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on') || name === 'srcdoc' || isScriptUrl(attr.value)) continue;
    if (name === 'style') {
      const rewritten = rewriteCssUrls(attr.value, context);
      blocked += rewritten.blocked;
      kept.push({ ...attr, value: rewritten.css });
    } else if (name === 'srcset') {
      const candidates = attr.value.split(',').map((candidate) => candidate.trim()).filter(Boolean).flatMap((candidate) => {
        const [reference, ...descriptors] = candidate.split(/\s+/);
        const url = resolveResource(reference, context);
        if (url === undefined) blocked++;
        return url === undefined ? [] : [[url, ...descriptors].join(' ')];
      });
      if (candidates.length > 0) kept.push({ ...attr, value: candidates.join(', ') });
    } else if (RESOURCE_ATTRIBUTES.has(name) || (svgResource && name === 'href')) {
      const url = resolveResource(attr.value, context);
      if (url === undefined) blocked++;
      else kept.push({ ...attr, value: url });
    } else {
      kept.push(attr);
    }
  }
  element.attrs = kept;
  return blocked;
}

/** A `<style>` of the page: ours to allow (with the nonce), its URLs mapped like any other. */
function adoptStyle(style: Element, context: SanitizeContext): number {
  const css = style.childNodes.map((child) => (child.nodeName === '#text' ? (child as DefaultTreeAdapterMap['textNode']).value : '')).join('');
  const rewritten = rewriteCssUrls(css, context);
  style.childNodes = [];
  defaultTreeAdapter.insertText(style, rewritten.css);
  setAttribute(style, 'nonce', context.nonce);
  return rewritten.blocked;
}

/**
 * A stylesheet link becomes its compiled CSS inline (a `<style>` with the nonce), or a link to the
 * workspace file when there is no compiled CSS for it; other links (icons, preloads) go.
 */
function replaceLink(link: Element, context: SanitizeContext): number {
  const rel = (attribute(link, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attribute(link, 'href') ?? '';
  if (!rel.includes('stylesheet') || isScriptUrl(href)) {
    detach(link);
    return 0;
  }
  const sitePath = sitePathOf(href, context);
  const css = sitePath === undefined ? undefined : context.stylesheets.get(sitePath);
  if (css !== undefined) {
    const style = defaultTreeAdapter.createElement('style', html.NS.HTML, [{ name: 'data-jekyll-author-stylesheet', value: href }]);
    defaultTreeAdapter.insertText(style, css);
    const media = attribute(link, 'media');
    if (media) setAttribute(style, 'media', media);
    replace(link, style);
    return adoptStyle(style, { ...context, baseUrl: sitePath! });
  }
  const url = resolveResource(href, context);
  if (url === undefined) {
    detach(link);
    return 1;
  }
  link.attrs = link.attrs.filter((attr) => attr.name === 'rel' || attr.name === 'media').concat({ name: 'href', value: url });
  return 0;
}

export function isElement(node: ChildNode): node is Element {
  return 'tagName' in node;
}

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function setAttribute(element: Element, name: string, value: string): void {
  element.attrs = element.attrs.filter((attr) => attr.name !== name).concat({ name, value });
}

function detach(node: ChildNode): void {
  defaultTreeAdapter.detachNode(node);
}

function replace(node: ChildNode, replacement: Element): void {
  const parent = node.parentNode!;
  parent.childNodes[parent.childNodes.indexOf(node)] = replacement;
  replacement.parentNode = parent;
}
