import * as path from 'node:path';
import { isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import { findPair, ParsedYaml } from '../frontmatter/parse';
import { DefaultsEntry, scopeMatches } from '../site/config';
import type { Site } from '../site/site';
import { replaceScalar } from './fields';
import type { ConfigRule, Fix } from './rule';
import { didYouMean, rankSuggestions } from './suggest';
import { themeOf } from './unknown-layout';

/**
 * A `defaults` entry of `_config.yml` that does nothing, or gives pages a layout that does not
 * exist: its `scope` `path` matches no file (a typo, or a folder since renamed), or its
 * `values` set a `layout` missing from `_layouts/`.
 */
export const defaultsScope: ConfigRule = {
  id: 'defaults-scope',
  defaultSeverity: 'warning',
  description: 'A `defaults` entry in `_config.yml` whose scope matches no file, or that sets a layout that does not exist.',
  target: 'config',
  check({ site, report }) {
    const yaml = site.config.yaml;
    const list = yaml?.root ? findPair(yaml.root, 'defaults')?.value : undefined;
    if (!yaml || !isSeq(list)) return;
    for (const entry of site.config.defaults) {
      const node = list.items[entry.index] as Node | undefined;
      if (!isMap(node)) continue;
      const scope = findPair(node, 'scope')?.value;
      const pathNode = isMap(scope) ? findPair(scope, 'path')?.value : undefined;
      if (isScalar(pathNode) && entry.path.replace(/^\.?\/+|\/+$/g, '') !== '' && !matchesAnything(site, entry)) {
        reportScope(site, yaml, entry, pathNode, report);
      }
      const values = findPair(node, 'values')?.value;
      const layoutNode = isMap(values) ? findPair(values, 'layout')?.value : undefined;
      if (isScalar(layoutNode)) reportLayout(site, yaml, entry, layoutNode, report);
    }
  },
};

type Report = Parameters<ConfigRule['check']>[0]['report'];

/** Whether the scope covers some file (of the scope's `type`, when it names one). */
function matchesAnything(site: Site, entry: DefaultsEntry): boolean {
  if (entry.type !== undefined) {
    return [...site.pages.values()].some((page) => page.type === entry.type && scopeMatches(entry.path, page.relPath));
  }
  return [...site.files].some((file) => scopeMatches(entry.path, file));
}

function reportScope(site: Site, yaml: ParsedYaml, entry: DefaultsEntry, node: Scalar, report: Report): void {
  const [start, end] = yaml.offsetsOf(node);
  const wanted = entry.path.replace(/^\.?\/+|\/+$/g, '');
  const ofType = entry.type === undefined ? '' : ` of type \`${entry.type}\``;
  const suggestions = entry.path.includes('*') ? [] : rankSuggestions(wanted, foldersAndFiles(site));
  const fixes: Fix[] = suggestions.map((suggestion, i) => ({
    title: `Change the path to \`${suggestion}\``, safe: false, preferred: i === 0,
    edits: [replaceScalar(yaml, node, suggestion)],
  }));
  report({
    start, end, fixes,
    message: `No file${ofType} of the site is at \`${wanted}\` or below it, so this \`defaults\` entry gives its values to no page.`
      + (suggestions.length > 0 ? didYouMean(suggestions) : ' Correct the path (relative to the site folder, without a leading `/`), or delete the entry.'),
  });
}

function reportLayout(site: Site, yaml: ParsedYaml, entry: DefaultsEntry, node: Scalar, report: Report): void {
  const value = node.value;
  if (typeof value !== 'string' || value === '' || value === 'none' || site.layouts.has(value)) return;
  // Pages that get this layout from the entry already say so (`unknown-layout`, pointing here).
  const reportedOnPages = [...site.pages.values()].some((page) =>
    page.layoutSource === 'defaults' && page.defaults.filter((each) => 'layout' in each.values).pop()?.index === entry.index);
  if (reportedOnPages) return;
  const [start, end] = yaml.offsetsOf(node);
  const suggestions = rankSuggestions(value, site.layouts.keys());
  const theme = themeOf(site);
  report({
    start, end,
    severity: theme ? 'information' : undefined,
    message: `There is no layout \`${value}\` in \`_layouts/\`, so pages this entry covers and that set no layout of their own would be built without one.`
      + (suggestions.length > 0 ? didYouMean(suggestions) : ' Correct the name, or delete the line.')
      + (theme ? ` The site uses the theme \`${theme}\`, which may provide it.` : ''),
    fixes: suggestions.map((suggestion, i) => ({
      title: `Change the layout to \`${suggestion}\``, safe: false, preferred: i === 0,
      edits: [replaceScalar(yaml, node, suggestion)],
    })),
  });
}

/** Every folder and file of the site, as a scope path could name them. */
function foldersAndFiles(site: Site): string[] {
  const names = new Set<string>();
  for (const file of site.files) {
    names.add(file);
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) names.add(dir);
  }
  return [...names];
}
