import { GITHUB_PAGES_ALLOWED_PLUGINS, GITHUB_PAGES_DEFAULT_PLUGINS, GITHUB_PAGES_GEM } from '../catalogue/github-pages';
import { NO_PAGE_FIELDS, siteIndex } from './indexes';
import { OwnPlugin, readOwnPlugin } from './ruby-plugins';
import type { Site } from './site';

/** The one answer to "which plugins does this site load?". */
export interface SitePlugins {
  /** The plugin gems Jekyll loads, by gem name. */
  gems: ReadonlySet<string>;
  /** The Gemfile uses the `github-pages` gem: GitHub Pages' default set, its allow-list, no `_plugins/`. */
  githubPages: boolean;
  /** What the site's own `_plugins/*.rb` register (none under GitHub Pages, which does not run them). */
  own: readonly OwnPlugin[];
  /** Plugins listed in `_config.yml` that GitHub Pages refuses to load. */
  refused: readonly string[];
}

/**
 * The plugins a site loads: `plugins:` (or the older `gems:`) of `_config.yml`, the gems of the
 * Gemfile's `jekyll_plugins` group (Bundler requires them before Jekyll starts), the theme's
 * runtime dependencies (`require_theme_deps`), and with the `github-pages` gem its default set,
 * its allow-list only.
 */
export function sitePlugins(site: Site): SitePlugins {
  return siteIndex(site, 'site-plugins', () => {
    const gemfile = gemfileGems(site.gemfileText);
    const githubPages = gemfile.all.includes(GITHUB_PAGES_GEM);
    const configured = site.config.plugins.filter((name) => name !== GITHUB_PAGES_GEM);
    const allowed = githubPages ? configured.filter((name) => GITHUB_PAGES_ALLOWED_PLUGINS.includes(name)) : configured;
    const gems = new Set([
      ...allowed,
      ...gemfile.jekyllPlugins.filter((name) => name !== GITHUB_PAGES_GEM),
      ...(githubPages ? GITHUB_PAGES_DEFAULT_PLUGINS : []),
      ...site.themeDependencies,
    ]);
    const own = githubPages ? [] : [...site.pluginFiles].sort(([a], [b]) => (a < b ? -1 : 1)).map(([relPath, text]) => readOwnPlugin(relPath, text));
    return { gems, githubPages, own, refused: configured.filter((name) => !allowed.includes(name)) };
  }, undefined, NO_PAGE_FIELDS);
}

/** Gems of the Gemfile, and those of its `jekyll_plugins` group (`group: :jekyll_plugins`, or inside `group :jekyll_plugins do … end`). */
export function gemfileGems(gemfile: string): { all: string[]; jekyllPlugins: string[] } {
  const all: string[] = [];
  const jekyllPlugins: string[] = [];
  let inGroup = false;
  for (const rawLine of gemfile.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '');
    if (/^\s*group\b.*:jekyll_plugins\b.*\bdo\b/.test(line)) inGroup = true;
    else if (inGroup && /^\s*end\b/.test(line)) inGroup = false;
    const gem = /^\s*gem\s+["']([^"']+)["']/.exec(line);
    if (!gem) continue;
    all.push(gem[1]);
    if (inGroup || /group:\s*(?:\[[^\]]*)?:jekyll_plugins\b|:group\s*=>\s*(?:\[[^\]]*)?:jekyll_plugins\b/.test(line)) jekyllPlugins.push(gem[1]);
  }
  return { all, jekyllPlugins };
}
