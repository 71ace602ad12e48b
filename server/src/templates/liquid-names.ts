import { rankSuggestions } from '../rules/suggest';
import type { Site } from '../site/site';

/**
 * The filters and tags a Jekyll site's templates can use: Liquid's own (as Jekyll runs it, Liquid 4),
 * Jekyll's, and those of the plugins the site loads. What the template rules check names against.
 */

/** Liquid's standard filters. */
const LIQUID_FILTERS = [
  'abs', 'append', 'at_least', 'at_most', 'capitalize', 'ceil', 'compact', 'concat', 'date', 'default', 'divided_by',
  'downcase', 'escape', 'escape_once', 'first', 'floor', 'join', 'last', 'lstrip', 'map', 'minus', 'modulo',
  'newline_to_br', 'plus', 'prepend', 'remove', 'remove_first', 'replace', 'replace_first', 'reverse', 'round',
  'rstrip', 'size', 'slice', 'sort', 'sort_natural', 'split', 'strip', 'strip_html', 'strip_newlines', 'times',
  'truncate', 'truncatewords', 'uniq', 'upcase', 'url_decode', 'url_encode', 'where',
  // Liquid 5 (Jekyll 4.3 and later).
  'remove_last', 'replace_last', 'sum', 'base64_encode', 'base64_decode', 'base64_url_safe_encode', 'base64_url_safe_decode',
];

/** Jekyll's filters (https://jekyllrb.com/docs/liquid/filters/). */
const JEKYLL_FILTERS = [
  'relative_url', 'absolute_url', 'date_to_xmlschema', 'date_to_rfc822', 'date_to_string', 'date_to_long_string',
  'xml_escape', 'cgi_escape', 'uri_escape', 'number_of_words', 'array_to_sentence_string', 'markdownify', 'smartify',
  'sassify', 'scssify', 'slugify', 'jsonify', 'normalize_whitespace', 'where_exp', 'find', 'find_exp', 'group_by',
  'group_by_exp', 'pop', 'push', 'shift', 'unshift', 'sample', 'to_integer', 'inspect',
];

/** Liquid's standard tags, with the closing tags of its blocks. */
const LIQUID_TAGS = [
  'assign', 'break', 'capture', 'case', 'comment', 'continue', 'cycle', 'decrement', 'echo', 'else', 'elsif', 'for',
  'if', 'increment', 'liquid', 'raw', 'render', 'tablerow', 'unless', 'when', '#',
  'endcapture', 'endcase', 'endcomment', 'endfor', 'endif', 'endraw', 'endtablerow', 'endunless',
];

/** Jekyll's tags (https://jekyllrb.com/docs/liquid/tags/). */
const JEKYLL_TAGS = ['highlight', 'endhighlight', 'include', 'include_relative', 'link', 'post_url'];

/** The tags and filters that plugins add, by gem name. */
const PLUGINS: Readonly<Record<string, { tags?: string[]; filters?: string[] }>> = {
  'jekyll-seo-tag': { tags: ['seo'] },
  'jekyll-feed': { tags: ['feed_meta'] },
  'jekyll-gist': { tags: ['gist'] },
  'jekyll-avatar': { tags: ['avatar'] },
  'jekyll-include-cache': { tags: ['include_cached'] },
  'jekyll-octicons': { tags: ['octicon'] },
  'jekyll-github-metadata': {},
  'jekyll-mentions': { filters: ['mentionify'] },
  jemoji: { filters: ['emojify'] },
  'jekyll-sitemap': {},
  'jekyll-redirect-from': {},
  'jekyll-relative-links': {},
  'jekyll-optional-front-matter': {},
  'jekyll-readme-index': {},
  'jekyll-default-layout': {},
  'jekyll-titles-from-headings': {},
  'jekyll-coffeescript': {},
  'jekyll-commonmark-ghpages': {},
  'jekyll-paginate': {},
  'jekyll-remote-theme': {},
};

/** The plugins the `github-pages` gem bundles (those that add tags or filters among them). */
const GITHUB_PAGES_PLUGINS = Object.keys(PLUGINS);

/** The plugins a site loads, and whether some of them are unknown here (and may add tags or filters). */
interface LoadedPlugins {
  names: Set<string>;
  /** Loaded plugins this catalogue does not know: an unknown name may come from one of them. */
  unknown: string[];
}

/**
 * The plugins a site loads: those `_config.yml` lists under `plugins` (or the older `gems`), and
 * the gems of the Gemfile's `jekyll_plugins` group, which Jekyll loads by itself; the
 * `github-pages` gem brings every plugin GitHub Pages supports.
 */
function loadedPlugins(site: Site): LoadedPlugins {
  const names = new Set<string>([...site.config.plugins, ...jekyllPluginGems(site.gemfileText)]);
  if (names.has('github-pages')) {
    names.delete('github-pages');
    for (const plugin of GITHUB_PAGES_PLUGINS) names.add(plugin);
  }
  return { names, unknown: [...names].filter((name) => !(name in PLUGINS)).sort() };
}

/** Gems named in the Gemfile's `jekyll_plugins` group: `gem "x", group: :jekyll_plugins`, or inside `group :jekyll_plugins do … end`. */
function jekyllPluginGems(gemfile: string): string[] {
  const gems: string[] = [];
  let inGroup = false;
  for (const line of gemfile.split(/\r?\n/)) {
    if (/^\s*group\b.*:jekyll_plugins\b.*\bdo\b/.test(line)) inGroup = true;
    else if (inGroup && /^\s*end\b/.test(line)) inGroup = false;
    const gem = /^\s*gem\s+["']([^"']+)["']/.exec(line);
    if (gem && (inGroup || /group:\s*(?:\[[^\]]*)?:jekyll_plugins\b/.test(line))) gems.push(gem[1]);
  }
  return gems;
}

/** Every filter or tag the site's templates can use. */
function knownNames(kind: 'tags' | 'filters', plugins: LoadedPlugins): Set<string> {
  const own = kind === 'tags' ? [...LIQUID_TAGS, ...JEKYLL_TAGS] : [...LIQUID_FILTERS, ...JEKYLL_FILTERS];
  return new Set([...own, ...[...plugins.names].flatMap((name) => PLUGINS[name]?.[kind] ?? [])]);
}

/** A tag or filter used in a template that the site does not define. */
export interface UnknownName<Use> {
  use: Use;
  /** The plugin that would define it, when the site does not load that plugin. */
  provider?: string;
  /** Known names close to it, best first (none when a plugin provides it). */
  suggestions: string[];
  /** Loaded plugins this catalogue does not know, one of which may define it after all. */
  mayComeFrom: string[];
}

/** The uses of tags or filters the site does not define, with what to suggest instead. */
export function unknownNames<Use extends { name: string }>(site: Site, kind: 'tags' | 'filters', uses: Use[]): UnknownName<Use>[] {
  const plugins = loadedPlugins(site);
  const known = knownNames(kind, plugins);
  return uses.filter((use) => !known.has(use.name)).map((use) => {
    const provider = Object.keys(PLUGINS).find((plugin) => PLUGINS[plugin][kind]?.includes(use.name));
    return {
      use, provider,
      suggestions: provider ? [] : rankSuggestions(use.name, known),
      mayComeFrom: provider ? [] : plugins.unknown,
    };
  });
}
