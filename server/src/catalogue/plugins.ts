import type { JsonSchema } from '../schema/schema';
import { block, placeholder, Provider, tag } from './types';

const author: JsonSchema = {
  type: ['string', 'object', 'array'],
  description: 'Who wrote the page; jekyll-seo-tag and feeds show it (a name, or a map with `name`, `twitter`…).',
};
const image: JsonSchema = {
  type: ['string', 'object'],
  description: 'The picture shown when the page is shared on social media (jekyll-seo-tag): a path, or a map with `path`, `height`, `width`.',
};
const description: JsonSchema = {
  type: 'string',
  description: 'A one-sentence summary for search engines and social media previews (jekyll-seo-tag).',
};
const lastModifiedAt: JsonSchema = {
  type: 'string',
  description: 'When the page was last changed, for search engines (jekyll-sitemap, jekyll-seo-tag).',
};
const lang: JsonSchema = {
  type: 'string',
  description: 'The language of the page, such as `en_GB` (jekyll-seo-tag and many layouts use it).',
};

/** jekyll-redirect-from's `redirect.html` (0.16), the layout of every redirecting page. */
const REDIRECT_LAYOUT = `<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ page.redirect.to }}">
  <script>location="{{ page.redirect.to }}"</script>
  <meta http-equiv="refresh" content="0; url={{ page.redirect.to }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ page.redirect.to }}">Click here if you are not redirected.</a>
</html>
`;

/**
 * The plugin gems Jekyll Author knows, by gem name: what each adds to templates, and the
 * front-matter fields it reads. Plugins without tags or filters are listed too, so that a site
 * loading them is not told an unknown name may come from them.
 */
export const PLUGINS: readonly Provider[] = [
  {
    name: 'jekyll-seo-tag',
    tags: { seo: tag() },
    fields: {
      author, description, image, lang, last_modified_at: lastModifiedAt,
      canonical_url: { type: 'string', description: 'The address search engines should treat as the original of this page (jekyll-seo-tag).' },
      locale: { type: 'string', description: 'The language and region of the page for social media previews (jekyll-seo-tag).' },
      seo: { type: 'object', description: 'Extra settings for jekyll-seo-tag, such as `name`, `type` or `links`.' },
      twitter: { type: 'object', description: 'Twitter card settings for jekyll-seo-tag, such as `card`.' },
    },
  },
  { name: 'jekyll-feed', tags: { feed_meta: tag() }, fields: { author, image, description, lang, last_modified_at: lastModifiedAt } },
  {
    name: 'jekyll-sitemap',
    fields: {
      last_modified_at: lastModifiedAt,
      sitemap: { type: 'boolean', description: 'Set to `false` to leave the page out of `sitemap.xml` (jekyll-sitemap).' },
    },
  },
  {
    name: 'jekyll-redirect-from',
    fields: {
      redirect_from: { type: ['string', 'array'], description: 'Old addresses that should send visitors to this page (jekyll-redirect-from).' },
      redirect_to: { type: ['string', 'array'], description: 'An address this page sends visitors on to (jekyll-redirect-from).' },
    },
    layouts: { redirect: REDIRECT_LAYOUT },
  },
  { name: 'jekyll-gist', tags: { gist: tag() } },
  { name: 'jekyll-avatar', tags: { avatar: tag() } },
  { name: 'jekyll-include-cache', tags: { include_cached: tag() } },
  { name: 'jekyll-octicons', tags: { octicon: tag('placeholder') } },
  { name: 'jekyll-mentions', filters: { mentionify: placeholder } },
  { name: 'jemoji', filters: { emojify: placeholder } },
  {
    name: 'jekyll-last-modified-at', tags: { last_modified_at: tag('placeholder') },
    fields: { last_modified_at: lastModifiedAt },
  },
  { name: 'jekyll-toc', filters: { toc: placeholder, toc_only: placeholder, inject_anchors: placeholder } },
  { name: 'jekyll-katex', tags: { katex: block('placeholder') } },
  { name: 'jekyll-archives', generator: true },
  {
    name: 'jekyll-paginate-v2', generator: true,
    fields: { pagination: { type: 'object', description: 'Turns this page into a paginated list (jekyll-paginate-v2): `enabled`, `per_page`, `collection`…' } },
  },
  { name: 'jekyll-github-metadata' },
  { name: 'jekyll-paginate' },
  { name: 'jekyll-relative-links' },
  { name: 'jekyll-optional-front-matter' },
  { name: 'jekyll-readme-index' },
  { name: 'jekyll-default-layout' },
  { name: 'jekyll-titles-from-headings' },
  { name: 'jekyll-coffeescript' },
  { name: 'jekyll-commonmark-ghpages' },
  { name: 'jekyll-commonmark' },
  { name: 'jekyll-remote-theme' },
  { name: 'jekyll-sass-converter' },
  { name: 'jekyll-watch' },
];
