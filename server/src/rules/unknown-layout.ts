import { isMap, isScalar, isSeq, Node } from 'yaml';
import type { Site } from '../site/site';
import { findPair } from '../frontmatter/parse';
import { firstLine, ownScalar, replaceScalar } from './fields';
import type { ConfigContext, Fix, PageRule, RelatedPlace } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/**
 * A page names a layout that is neither in `_layouts/` nor in the theme (Jekyll then renders the
 * bare content, silently). A theme that cannot be found here is said once, on `_config.yml`.
 */
export const unknownLayout: PageRule = {
  id: 'unknown-layout',
  defaultSeverity: 'error',
  description: 'The layout a page asks for does not exist in `_layouts/` or the theme; a theme that cannot be found is noted once on `_config.yml`.',
  target: 'page',
  check({ site, page, report }) {
    const name = page.layout;
    if (name === null || site.layouts.has(name)) return;
    if (page.layoutSource !== 'page' && page.layoutSource !== 'defaults') return;
    // The missing theme may provide it: `checkConfig` says so once rather than on every page.
    if (themeOf(site)) return;
    const suggestions = rankSuggestions(name, site.layouts.keys());
    const hint = suggestions.length > 0 ? didYouMean(suggestions) : availableLayouts(site);
    const where = site.theme ? `\`_layouts/\` or the theme \`${site.theme.name}\`` : '`_layouts/`';
    const consequence = ' Until it is fixed, Jekyll builds the page with no layout: no header, menu or styles.';

    if (page.layoutSource === 'page') {
      const field = ownScalar(page, 'layout');
      if (!field) return;
      const [start, end] = page.frontMatter.offsetsOf(field.node);
      const fixes: Fix[] = suggestions.map((suggestion, i) => ({
        title: `Change the layout to \`${suggestion}\``,
        safe: false,
        preferred: i === 0,
        edits: [replaceScalar(page.frontMatter, field.node, suggestion)],
      }));
      report({
        start, end, fixes,
        message: `There is no layout \`${name}\` in ${where}.${hint}${consequence}`,
      });
      return;
    }

    // The layout comes from a `defaults` entry of _config.yml: report on the page, point at the entry.
    const [start, end] = firstLine(page);
    const related = defaultsPlace(site, page.defaults.filter((entry) => 'layout' in entry.values).pop()?.index);
    report({
      start, end, related,
      message: `The \`defaults\` in \`_config.yml\` give this page the layout \`${name}\`, but there is no such layout in ${where}.`
        + `${hint} Correct the layout in \`_config.yml\`, or set \`layout:\` in this page.${consequence}`,
    });
  },
  checkConfig: reportMissingTheme,
};

/** ` The site's layouts are `a`, `b` and `c`.`, or '' when it has none. */
function availableLayouts(site: Site): string {
  const names = [...site.layouts.keys()].sort().map((name) => `\`${name}\``);
  if (names.length === 0) return ' The site has no layouts.';
  const shown = names.length > 8 ? [...names.slice(0, 8), 'others'] : names;
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return ` The site's layouts are ${list}.`;
}

/**
 * The theme that may provide layouts and includes the site does not know of: a `theme` or
 * `remote_theme` of `_config.yml` that cannot be found here. A theme found is part of the site.
 */
export function themeOf(site: Site): string | undefined {
  return site.missingTheme;
}

/** One note on `_config.yml` for a theme that cannot be found, instead of guesses on every page. */
function reportMissingTheme({ site, report }: ConfigContext): void {
  const theme = site.missingTheme;
  const yaml = site.config.yaml;
  if (!theme || !yaml?.root) return;
  const pair = findPair(yaml.root, 'theme') ?? findPair(yaml.root, 'remote_theme');
  if (!pair) return;
  const [start, end] = yaml.offsetsOf(isScalar(pair.value) ? pair.value : pair.key);
  const remote = !site.config.theme;
  report({
    start, end, severity: 'information',
    message: (remote
      ? `The theme \`${theme}\` comes from GitHub when the site is built (jekyll-remote-theme), so its layouts and includes are unknown here`
      : `The theme \`${theme}\` is not installed where Ruby keeps its gems, so its layouts and includes are unknown here`)
      + ': pages are not checked for the layouts it may provide.'
      + (remote ? '' : ` Install it (\`bundle install\`, or \`gem install ${theme}\`), or`)
      + `${remote ? ' Point' : ' point'} the setting \`jekyllAuthor.themePath\` (or \`check --theme-path\`) at a local copy of the theme.`,
  });
}

/** Where `defaults[index].values.layout` is written in _config.yml. */
function defaultsPlace(site: Site, index: number | undefined): RelatedPlace[] | undefined {
  const yaml = site.config.yaml;
  if (index === undefined || !yaml?.root) return undefined;
  const defaults = findPair(yaml.root, 'defaults')?.value;
  const entry = isSeq(defaults) ? (defaults.items[index] as Node | undefined) : undefined;
  const values = isMap(entry) ? findPair(entry, 'values')?.value : undefined;
  const layout = isMap(values) ? findPair(values, 'layout') : undefined;
  if (!layout) return undefined;
  const [start, end] = yaml.offsetsOf(isScalar(layout.value) ? layout.value : layout.key);
  return [{ file: '_config.yml', start, end, message: 'The layout is set here' }];
}
