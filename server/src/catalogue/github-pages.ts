/**
 * GitHub Pages' plugin rules (the `github-pages` gem's `lib/github-pages/plugins.rb`): the
 * default set is on for every site and cannot be turned off; the allow-list may be turned on
 * with `plugins:`. Nothing else loads: GitHub Pages builds in safe mode, without `_plugins/`.
 */
export const GITHUB_PAGES_DEFAULT_PLUGINS: readonly string[] = [
  'jekyll-coffeescript', 'jekyll-commonmark-ghpages', 'jekyll-gist', 'jekyll-github-metadata', 'jekyll-paginate',
  'jekyll-relative-links', 'jekyll-optional-front-matter', 'jekyll-readme-index', 'jekyll-default-layout',
  'jekyll-titles-from-headings',
];

export const GITHUB_PAGES_ALLOWED_PLUGINS: readonly string[] = [
  ...GITHUB_PAGES_DEFAULT_PLUGINS,
  'jekyll-feed', 'jekyll-redirect-from', 'jekyll-seo-tag', 'jekyll-sitemap', 'jekyll-avatar', 'jemoji',
  'jekyll-mentions', 'jekyll-include-cache', 'jekyll-remote-theme', 'jekyll-octicons',
];

/** The gem whose presence in the Gemfile means the site builds with GitHub Pages' rules. */
export const GITHUB_PAGES_GEM = 'github-pages';
