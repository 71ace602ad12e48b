import { block, Provider, rendered, tag } from './types';

/**
 * The `jekyll` variable of every template (`Drops::JekyllDrop`): the Jekyll the preview follows, and
 * the environment from `JEKYLL_ENV` as Jekyll reads it (`development` when unset, as in `jekyll serve`).
 */
export function jekyllVariable(): { version: string; environment: string } {
  return { version: '4.3.1', environment: process.env.JEKYLL_ENV || 'development' };
}

/** Jekyll's own tags (`jekyll/tags/`), filters (`filters.rb`, `filters/`) and front-matter fields. */
export const JEKYLL: Provider = {
  name: 'jekyll',
  tags: {
    highlight: block(), include: tag(), include_relative: tag(), link: tag(), post_url: tag(),
  },
  filters: {
    ...Object.fromEntries([
      'markdownify', 'smartify', 'slugify', 'xml_escape', 'cgi_escape', 'uri_escape', 'normalize_whitespace',
      'number_of_words', 'array_to_sentence_string', 'jsonify', 'where', 'where_exp', 'find', 'find_exp', 'to_integer',
      'sort', 'pop', 'push', 'shift', 'unshift', 'sample', 'inspect', 'date_to_string', 'date_to_long_string',
      'date_to_xmlschema', 'date_to_rfc822', 'group_by', 'group_by_exp', 'absolute_url', 'relative_url',
    ].map((name) => [name, rendered])),
    // Sass needs the site's load paths and a compiler the template cannot reach: shown as the input.
    sassify: { preview: 'placeholder' }, scssify: { preview: 'placeholder' }, strip_index: { preview: 'placeholder' },
  },
  fields: {
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
    excerpt_separator: {
      type: 'string',
      description: 'The text that marks the end of the excerpt Jekyll takes from the start of the page.',
    },
    layout: {
      type: ['string', 'null'],
      description: 'The layout in `_layouts/` that wraps the page; `none` or `null` for no layout.',
    },
    permalink: {
      type: 'string',
      description: 'The address the page is published at, instead of the one taken from its file name.',
    },
    published: {
      type: 'boolean',
      description: 'Set to `false` to leave the page out of the built site.',
    },
    render_with_liquid: {
      type: 'boolean',
      description: 'Set to `false` to show `{{ }}` and `{% %}` in the page as they are, without running them.',
    },
    slug: {
      type: 'string',
      description: 'The part of the address taken from the file name, for collection documents and posts.',
    },
    tag: {
      type: 'string',
      description: 'A single tag of a post.',
    },
    tags: {
      type: ['string', 'array'],
      description: 'Tags of a post (a list, or words separated by spaces).',
    },
    title: {
      type: 'string',
      description: 'The title of the page: layouts show it, and browsers and search engines use it.',
    },
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
