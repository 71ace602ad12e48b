/**
 * jekyll-seo-tag 2.8's `{% seo %}`: the plugin's own template, minified as the plugin minifies it
 * (`MINIFY_REGEX`), rendered with `seo_tag`, the values its drops compute (`Drop`, `AuthorDrop`,
 * `ImageDrop`, `JSONLDDrop`). The plugin's `seo_tag.title?` is read here as `seo_tag.shows_title`.
 */
import { plainText } from './html-text';
import { rubyToS } from './ruby';
import { hasScheme, normalizeUrl } from './url-filters';

export const SEO_TEMPLATE = "<!-- Begin Jekyll SEO tag v{{seo_tag.version }} -->\n{% if seo_tag.shows_title %}<title>{{seo_tag.title }}</title>\n{% endif %}<meta name=\"generator\" content=\"Jekyll v{{jekyll.version }}\" />\n{% if seo_tag.page_title %}<meta property=\"og:title\" content=\"{{seo_tag.page_title }}\" />\n{% endif %}{% if seo_tag.author.name %}<meta name=\"author\" content=\"{{seo_tag.author.name }}\" />\n{% endif %}<meta property=\"og:locale\" content=\"{{seo_tag.page_locale }}\" />\n{% if seo_tag.description %}<meta name=\"description\" content=\"{{seo_tag.description }}\" />\n<meta property=\"og:description\" content=\"{{seo_tag.description }}\" />\n{% endif %}{% if site.url %}<link rel=\"canonical\" href=\"{{seo_tag.canonical_url }}\" />\n<meta property=\"og:url\" content=\"{{seo_tag.canonical_url }}\" />\n{% endif %}{% if seo_tag.site_title %}<meta property=\"og:site_name\" content=\"{{seo_tag.site_title }}\" />\n{% endif %}{% if seo_tag.image %}<meta property=\"og:image\" content=\"{{seo_tag.image.path }}\" />\n{% if seo_tag.image.height %}<meta property=\"og:image:height\" content=\"{{seo_tag.image.height }}\" />\n{% endif %}{% if seo_tag.image.width %}<meta property=\"og:image:width\" content=\"{{seo_tag.image.width }}\" />\n{% endif %}{% if seo_tag.image.alt %}<meta property=\"og:image:alt\" content=\"{{seo_tag.image.alt }}\" />\n{% endif %}{% endif %}{% if page.date %}<meta property=\"og:type\" content=\"article\" />\n<meta property=\"article:published_time\" content=\"{{page.date | date_to_xmlschema }}\" />\n{% else %}<meta property=\"og:type\" content=\"website\" />\n{% endif %}{% if paginator.previous_page %}<link rel=\"prev\" href=\"{{paginator.previous_page_path | absolute_url }}\" />\n{% endif %}{% if paginator.next_page %}<link rel=\"next\" href=\"{{paginator.next_page_path | absolute_url }}\" />\n{% endif %}{% if seo_tag.image %}<meta name=\"twitter:card\" content=\"{{page.twitter.card | default: site.twitter.card | default: \"summary_large_image\" }}\" />\n<meta property=\"twitter:image\" content=\"{{seo_tag.image.path }}\" />\n{% else %}<meta name=\"twitter:card\" content=\"summary\" />\n{% endif %}{% if seo_tag.image.alt %}<meta name=\"twitter:image:alt\" content=\"{{seo_tag.image.alt }}\" />\n{% endif %}{% if seo_tag.page_title %}<meta property=\"twitter:title\" content=\"{{seo_tag.page_title }}\" />\n{% endif %}{% if site.twitter %}<meta name=\"twitter:site\" content=\"@{{site.twitter.username | remove:'@' }}\" />\n{% if seo_tag.author.twitter %}<meta name=\"twitter:creator\" content=\"@{{seo_tag.author.twitter | remove:'@' }}\" />\n{% endif %}{% endif %}{% if site.facebook %}{% if site.facebook.admins %}<meta property=\"fb:admins\" content=\"{{site.facebook.admins }}\" />\n{% endif %}{% if site.facebook.publisher %}<meta property=\"article:publisher\" content=\"{{site.facebook.publisher }}\" />\n{% endif %}{% if site.facebook.app_id %}<meta property=\"fb:app_id\" content=\"{{site.facebook.app_id }}\" />\n{% endif %}{% endif %}{% if site.webmaster_verifications %}{% if site.webmaster_verifications.google %}<meta name=\"google-site-verification\" content=\"{{site.webmaster_verifications.google }}\" />\n{% endif %}{% if site.webmaster_verifications.bing %}<meta name=\"msvalidate.01\" content=\"{{site.webmaster_verifications.bing }}\" />\n{% endif %}{% if site.webmaster_verifications.alexa %}<meta name=\"alexaVerifyID\" content=\"{{site.webmaster_verifications.alexa }}\" />\n{% endif %}{% if site.webmaster_verifications.yandex %}<meta name=\"yandex-verification\" content=\"{{site.webmaster_verifications.yandex }}\" />\n{% endif %}{% if site.webmaster_verifications.baidu %}<meta name=\"baidu-site-verification\" content=\"{{site.webmaster_verifications.baidu }}\" />\n{% endif %}{% if site.webmaster_verifications.facebook %}<meta name=\"facebook-domain-verification\" content=\"{{site.webmaster_verifications.facebook }}\" />\n{% endif %}{% elsif site.google_site_verification %}<meta name=\"google-site-verification\" content=\"{{site.google_site_verification }}\" />\n{% endif %}<script type=\"application/ld+json\">\n{{seo_tag.json_ld | jsonify }}</script>\n<!-- End Jekyll SEO tag -->\n";

/** Jekyll's filters the drops call. */
export interface SeoFilters {
  markdownify(text: string): string;
  absoluteUrl(text: string): string;
  dateToXmlschema(value: unknown): string;
}

type Hash = Record<string, unknown>;

const TITLE_SEPARATOR = ' | ';
const HOMEPAGE_OR_ABOUT = /^\/(about\/)?(index.html?)?$/m;

/** Ruby's truthiness: only nil and false are false. */
const truthy = (value: unknown): boolean => value !== undefined && value !== null && value !== false;
const either = (...values: unknown[]): unknown => values.find(truthy);
const subHash = (hash: Hash, key: string): Hash => (isHash(hash[key]) ? hash[key] as Hash : {});

function isHash(value: unknown): value is Hash {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Liquid 5's `escape_once`: `&` not starting an entity (a name or a decimal number), quotes and angle brackets. */
function escapeOnce(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '>': '&gt;', '<': '&lt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/["><']|&(?!([a-zA-Z]+|(#\d+));)/g, (c) => entities[c]);
}

/** The value of `{% seo %}`'s `seo_tag` for `page`; `markup` is the tag's own text (`title=false`). */
export function seoTagDrop(markup: string, page: Hash, site: Hash, paginator: unknown, filters: SeoFilters): Hash {
  /** `Drop#format_string`: markdownify, strip_html, normalize_whitespace, escape_once; nil when empty. */
  const formatString = (value: unknown): string | undefined => {
    const text = escapeOnce(plainText(filters.markdownify(rubyToS(value))));
    return text === '' ? undefined : text;
  };
  const absoluteUrlOf = (value: unknown): string => filters.absoluteUrl(rubyToS(value));
  const pageSeo = subHash(page, 'seo');
  const siteSocial = subHash(site, 'social');
  const homepageOrAbout = HOMEPAGE_OR_ABOUT.test(rubyToS(page.url));
  const siteTitle = formatString(either(site.title, site.name));
  const siteDescription = formatString(site.description);
  const pageTitle = formatString(page.title) ?? siteTitle;
  const baseTitle = siteTitle && pageTitle !== siteTitle ? `${pageTitle}${TITLE_SEPARATOR}${siteTitle}`
    : siteDescription && siteTitle ? `${siteTitle}${TITLE_SEPARATOR}${formatString(site.tagline) ?? siteDescription}`
      : pageTitle ?? siteTitle;
  const title = baseTitle === undefined ? undefined : `${pageNumber(paginator, site)}${baseTitle}`;
  const name = truthy(pageSeo.name) ? formatString(pageSeo.name)
    : !homepageOrAbout ? undefined
      : truthy(siteSocial.name) ? formatString(siteSocial.name) : siteTitle;
  const description = formatString(either(page.description, page.excerpt)) ?? siteDescription;
  const author = authorOf(page, site);
  const image = imageOf(page, absoluteUrlOf);
  const canonicalUrl = rubyToS(page.canonical_url) === '' ? absoluteUrlOf(page.url).replace(/\/index\.html$/, '/') : page.canonical_url;
  const type = either(pageSeo.type, homepageOrAbout ? 'WebSite' : undefined, truthy(page.date) ? 'BlogPosting' : undefined) ?? 'WebPage';
  const modified = either(pageSeo.date_modified, page.last_modified_at, page.date);
  const logo = truthy(site.logo) ? normalizeUrl(hasScheme(rubyToS(site.logo)) ? rubyToS(site.logo) : absoluteUrlOf(site.logo)) : undefined;
  const lang = either(page.lang, site.lang) ?? 'en_US';
  const jsonLd: Hash = {
    '@context': 'https://schema.org',
    '@type': type,
    author: jsonLdAuthor(author),
    dateModified: truthy(modified) ? filters.dateToXmlschema(modified) : undefined,
    datePublished: truthy(page.date) ? filters.dateToXmlschema(page.date) : undefined,
    description,
    headline: pageTitle,
    image: image && (Object.keys(image.hash).length === 1 ? image.path : { ...withoutPath(image.hash), url: image.path, '@type': 'imageObject' }),
    mainEntityOfPage: type === 'BlogPosting' || type === 'CreativeWork' ? { '@type': 'WebPage', '@id': canonicalUrl } : undefined,
    name,
    publisher: logo ? { '@type': 'Organization', logo: { '@type': 'ImageObject', url: logo }, ...(truthy(author.name) ? { name: author.name } : {}) } : undefined,
    sameAs: either(pageSeo.links, homepageOrAbout ? siteSocial.links : undefined),
    url: canonicalUrl,
  };
  return {
    version: '2.8.0',
    shows_title: title !== undefined && !/title=false/i.test(markup),
    title, page_title: pageTitle, site_title: siteTitle, description, name, author,
    image: image && { ...image.hash, path: image.path },
    page_locale: rubyToS(either(page.locale, site.locale, lang)).replaceAll('-', '_'),
    canonical_url: canonicalUrl,
    json_ld: Object.fromEntries(Object.entries(jsonLd).filter(([, value]) => value !== undefined && value !== null)),
  };
}

/** `Drop#page_number`: "Page 2 of 5 for " before the title on later pages of a paginator (the preview shows the first). */
function pageNumber(paginator: unknown, site: Hash): string {
  if (!isHash(paginator) || typeof paginator.page !== 'number' || paginator.page <= 1) return '';
  const message = typeof site.seo_paginator_message === 'string' ? site.seo_paginator_message : 'Page %<current>s of %<total>s for ';
  return message.replace('%<current>s', String(paginator.page)).replace('%<total>s', rubyToS(paginator.total_pages));
}

/** `AuthorDrop`: the page's `author`, the first of its `authors`, or the site's, with `site.data.authors` filling in a name. */
function authorOf(page: Hash, site: Hash): Hash {
  const sources = [page.author, ...(Array.isArray(page.authors) ? [page.authors[0]] : []), site.author];
  const resolved = sources.find((source) => rubyToS(source) !== '' || isHash(source));
  let hash: Hash = {};
  if (isHash(resolved)) hash = resolved;
  else if (typeof resolved === 'string') {
    const authors = isHash(site.data) ? (site.data as Hash).authors : undefined;
    const known = isHash(authors) ? authors[resolved] : undefined;
    hash = { name: resolved, ...(isHash(known) ? known : {}) };
  }
  const twitter = either(hash.twitter, hash.name);
  return { ...hash, name: hash.name, twitter: typeof twitter === 'string' ? twitter.replace(/^@/, '') : undefined };
}

function jsonLdAuthor(author: Hash): Hash | undefined {
  if (!truthy(author.name)) return undefined;
  const type = author.type;
  if (truthy(type) && type !== 'Organization' && type !== 'Person') return undefined;
  return { '@type': truthy(type) ? type : 'Person', name: author.name, ...(truthy(author.url) ? { url: author.url } : {}) };
}

/** `ImageDrop`: `image` as a path or a map (`path`, `height`, `width`, `alt`…), its path made absolute and escaped; undefined without one. */
function imageOf(page: Hash, absoluteUrlOf: (value: unknown) => string): { hash: Hash; path: string } | undefined {
  const meta = page.image;
  const hash: Hash = isHash(meta) ? { path: null, ...meta } : typeof meta === 'string' ? { path: meta } : { path: null };
  const raw = either(hash.path, hash.facebook, hash.twitter);
  if (!truthy(raw)) return undefined;
  const absolute = typeof raw === 'string' && !hasScheme(raw) ? absoluteUrlOf(raw) : rubyToS(raw);
  return absolute === '' ? undefined : { hash, path: normalizeUrl(absolute) };
}

function withoutPath(hash: Hash): Hash {
  const { path: _path, ...rest } = hash;
  return rest;
}
