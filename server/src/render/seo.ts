/** What jekyll-seo-tag's `{% seo %}` writes: the title, generator, description, canonical URL, Open Graph and JSON-LD basics. */
import { jekyllVariable } from '../catalogue/jekyll';
import { stripHtml } from './html-text';

/** Liquid's `escape_once`: escapes what is not already an entity, so `&amp;` stays `&amp;`. */
function escapeHtml(text: string): string {
  return text.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function seoTags(page: Record<string, unknown>, site: Record<string, unknown>): string {
  const siteTitle = text(site.title) ?? text(site.name);
  const pageTitle = text(page.title) ?? siteTitle;
  const description = text(page.description) ?? text(page.excerpt) ?? text(site.description);
  const isHome = page.url === '/' || page.url === '/index.html';
  const title = siteTitle && pageTitle !== siteTitle ? `${pageTitle} | ${siteTitle}`
    : siteTitle && description ? `${siteTitle} | ${description}`
      : pageTitle ?? siteTitle;
  const siteUrl = `${text(site.url) ?? ''}${text(site.baseurl) ?? ''}`.replace(/\/$/, '');
  const pageUrl = typeof page.url === 'string' ? page.url : undefined;
  const canonical = siteUrl && pageUrl !== undefined ? `${siteUrl}${pageUrl.replace(/index\.html$/, '')}` : undefined;
  const locale = text(page.locale) ?? text(page.lang) ?? text(site.locale) ?? text(site.lang) ?? 'en_US';
  const logo = text(site.logo);
  const lines = ['<!-- Begin Jekyll SEO tag v2.8.0 -->'];
  if (title) lines.push(`<title>${escapeHtml(title)}</title>`);
  lines.push(`<meta name="generator" content="Jekyll v${jekyllVariable().version}" />`);
  if (pageTitle) lines.push(`<meta property="og:title" content="${escapeHtml(pageTitle)}" />`);
  lines.push(`<meta property="og:locale" content="${escapeHtml(locale)}" />`);
  if (description) {
    lines.push(`<meta name="description" content="${escapeHtml(description)}" />`);
    lines.push(`<meta property="og:description" content="${escapeHtml(description)}" />`);
  }
  if (canonical) {
    lines.push(`<link rel="canonical" href="${escapeHtml(canonical)}" />`);
    lines.push(`<meta property="og:url" content="${escapeHtml(canonical)}" />`);
  }
  if (siteTitle) lines.push(`<meta property="og:site_name" content="${escapeHtml(siteTitle)}" />`);
  lines.push('<meta property="og:type" content="website" />');
  lines.push('<meta name="twitter:card" content="summary" />');
  if (pageTitle) lines.push(`<meta property="twitter:title" content="${escapeHtml(pageTitle)}" />`);
  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org', '@type': isHome ? 'WebSite' : 'WebPage', description, headline: pageTitle,
    name: isHome ? siteTitle : undefined,
    publisher: logo ? { '@type': 'Organization', logo: { '@type': 'ImageObject', url: `${siteUrl}${logo.startsWith('/') ? '' : '/'}${logo}` } } : undefined,
    url: canonical ?? pageUrl,
  };
  lines.push(`<script type="application/ld+json">\n${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>`);
  lines.push('<!-- End Jekyll SEO tag -->');
  return `${lines.join('\n')}\n`;
}

/**
 * Front-matter text as the plugin formats it (`strip_html`, `normalize_whitespace`): scripts, styles,
 * comments and tags removed, blanks collapsed; undefined when empty.
 */
function text(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  const plain = stripHtml(String(value)).replace(/\s+/g, ' ').trim();
  return plain === '' ? undefined : plain;
}
