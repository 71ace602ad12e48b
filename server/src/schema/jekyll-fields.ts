import type { JsonSchema } from './schema';

/**
 * The front-matter fields Jekyll itself and the plugins GitHub Pages ships understand on any
 * page, with what each does in plain English. A site's schema does not have to repeat them:
 * they are known on every page, whatever the layout.
 */
export const JEKYLL_FIELDS: Readonly<Record<string, JsonSchema>> = {
  author: {
    type: ['string', 'object', 'array'],
    description: 'Who wrote the page; jekyll-seo-tag and feeds show it (a name, or a map with `name`, `twitter`…).',
  },
  canonical_url: {
    type: 'string',
    description: 'The address search engines should treat as the original of this page (jekyll-seo-tag).',
  },
  categories: {
    type: ['string', 'array'],
    description: 'Categories of a post (a list, or words separated by spaces); they can appear in the URL.',
  },
  category: {
    type: 'string',
    description: 'A single category of a post; it can appear in the URL.',
  },
  date: {
    type: 'string',
    description: 'When the page or post was published (`2024-03-01` or `2024-03-01 10:30:00 +0000`).',
  },
  description: {
    type: 'string',
    description: 'A one-sentence summary for search engines and social media previews (jekyll-seo-tag).',
  },
  excerpt_separator: {
    type: 'string',
    description: 'The text that marks the end of the excerpt Jekyll takes from the start of the page.',
  },
  image: {
    type: ['string', 'object'],
    description: 'The picture shown when the page is shared on social media (jekyll-seo-tag): a path, or a map with `path`, `height`, `width`.',
  },
  lang: {
    type: 'string',
    description: 'The language of the page, such as `en_GB` (jekyll-seo-tag and many layouts use it).',
  },
  last_modified_at: {
    type: 'string',
    description: 'When the page was last changed, for search engines (jekyll-sitemap, jekyll-seo-tag).',
  },
  layout: {
    type: ['string', 'null'],
    description: 'The layout in `_layouts/` that wraps the page; `none` or `null` for no layout.',
  },
  locale: {
    type: 'string',
    description: 'The language and region of the page for social media previews (jekyll-seo-tag).',
  },
  permalink: {
    type: 'string',
    description: 'The address the page is published at, instead of the one taken from its file name.',
  },
  published: {
    type: 'boolean',
    description: 'Set to `false` to leave the page out of the built site.',
  },
  redirect_from: {
    type: ['string', 'array'],
    description: 'Old addresses that should send visitors to this page (jekyll-redirect-from).',
  },
  redirect_to: {
    type: ['string', 'array'],
    description: 'An address this page sends visitors on to (jekyll-redirect-from).',
  },
  render_with_liquid: {
    type: 'boolean',
    description: 'Set to `false` to show `{{ }}` and `{% %}` in the page as they are, without running them.',
  },
  seo: {
    type: 'object',
    description: 'Extra settings for jekyll-seo-tag, such as `name`, `type` or `links`.',
  },
  sitemap: {
    type: 'boolean',
    description: 'Set to `false` to leave the page out of `sitemap.xml` (jekyll-sitemap).',
  },
  slug: {
    type: 'string',
    description: 'The part of the address taken from the file name, for collection documents and posts.',
  },
  tags: {
    type: ['string', 'array'],
    description: 'Tags of a post (a list, or words separated by spaces).',
  },
  title: {
    type: 'string',
    description: 'The title of the page: layouts show it, and browsers and search engines use it.',
  },
  twitter: {
    type: 'object',
    description: 'Twitter card settings for jekyll-seo-tag, such as `card`.',
  },
};

/**
 * Names Jekyll uses for its own page variables. Setting one in front matter replaces (or fights
 * with) the value Jekyll computes, which breaks whatever template relies on it.
 */
export const RESERVED_FIELDS: Readonly<Record<string, string>> = {
  collection: 'the name of the collection a document belongs to',
  content: 'the body of the page, rendered, which layouts insert with `{{ content }}`',
  dir: 'the folder the page is published in',
  excerpt: 'the first paragraph of the page, which lists of posts and feeds show',
  id: 'the unique identifier Jekyll gives a document, used by feeds',
  name: 'the file name of the page',
  next: 'the next document of the collection, for "next" links',
  output: 'the finished HTML of the page',
  path: 'the path of the page\'s source file, which menus, "edit this page" links and `where: "path"` look up',
  previous: 'the previous document of the collection, for "previous" links',
  relative_path: 'the path of the page\'s source file relative to the site folder',
  url: 'the address of the page, which every link and menu to it uses',
};

/**
 * The reserved names whose front-matter value wins over Jekyll's own (Jekyll 3 and 4 read
 * `data["path"]` for a page's path and `data["excerpt"]` for the excerpt). For the other
 * reserved names Jekyll's value wins and the front-matter value is silently lost.
 */
export const OVERRIDING_RESERVED_FIELDS: ReadonlySet<string> = new Set(['excerpt', 'path']);

export function isJekyllField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(JEKYLL_FIELDS, name);
}

export function isReservedField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RESERVED_FIELDS, name);
}
