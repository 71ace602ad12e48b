import { isMap, isScalar, isSeq, Node } from 'yaml';
import type { Site } from '../site/site';
import { findPair } from '../frontmatter/parse';
import { firstLine, ownScalar, replaceScalar } from './fields';
import type { Fix, PageRule, RelatedPlace } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/** A page names a layout that is not in `_layouts/` (Jekyll then renders the bare content, silently). */
export const unknownLayout: PageRule = {
  id: 'unknown-layout',
  defaultSeverity: 'error',
  description: 'The layout a page asks for does not exist in `_layouts/`.',
  target: 'page',
  check({ site, page, report }) {
    const name = page.layout;
    if (name === null || site.layouts.has(name)) return;
    if (page.layoutSource !== 'page' && page.layoutSource !== 'defaults') return;
    const suggestions = rankSuggestions(name, site.layouts.keys());
    const hint = suggestions.length > 0 ? didYouMean(suggestions) : availableLayouts(site);
    const theme = themeOf(site);
    const severity = theme ? 'information' : undefined;
    const themeNote = theme
      ? ` The site uses the theme \`${theme}\`, which may provide it; if it does not, the page is built without a layout.`
      : ' Until it is fixed, Jekyll builds the page with no layout: no header, menu or styles.';

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
        start, end, severity, fixes,
        message: `There is no layout \`${name}\` in \`_layouts/\`.${hint}${themeNote}`,
      });
      return;
    }

    // The layout comes from a `defaults` entry of _config.yml: report on the page, point at the entry.
    const [start, end] = firstLine(page);
    const related = defaultsPlace(site, page.defaults.filter((entry) => 'layout' in entry.values).pop()?.index);
    report({
      start, end, severity, related,
      message: `The \`defaults\` in \`_config.yml\` give this page the layout \`${name}\`, but there is no such layout in \`_layouts/\`.`
        + `${hint} Correct the layout in \`_config.yml\`, or set \`layout:\` in this page.${themeNote}`,
    });
  },
};

/** ` The site's layouts are `a`, `b` and `c`.`, or '' when it has none. */
function availableLayouts(site: Site): string {
  const names = [...site.layouts.keys()].sort().map((name) => `\`${name}\``);
  if (names.length === 0) return ' The site has no layouts.';
  const shown = names.length > 8 ? [...names.slice(0, 8), 'others'] : names;
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return ` The site's layouts are ${list}.`;
}

/** The theme that may provide layouts the site does not have: `theme` or `remote_theme`. */
export function themeOf(site: Site): string | undefined {
  const remote = site.config.data.remote_theme;
  if (site.config.theme) return site.config.theme;
  return typeof remote === 'string' && remote.trim() !== '' ? remote : undefined;
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
