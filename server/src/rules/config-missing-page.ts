import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { LineIndex } from '../frontmatter/text';
import { NO_PAGE_FIELDS, pagesByUrl, siteIndex } from '../site/indexes';
import type { Site } from '../site/site';
import { findPair } from '../frontmatter/parse';
import { replaceScalar } from './fields';
import type { ConfigRule, Fix } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/** Config keys whose strings are never page links. */
const NOT_PAGE_LISTS = new Set([
  'exclude', 'include', 'keep_files', 'defaults', 'collections', 'plugins', 'gems', 'whitelist', 'sass', 'kramdown',
]);
/** Lists whose every entry is a page, extension or not. */
const PAGE_LISTS = new Set(['header_pages']);
const PAGE_FILE = /\.(?:md|markdown|html?)$/i;

/**
 * An entry of a `_config.yml` list names a page the site does not have (`header_pages`,
 * `footer[].value` of `type: page`, or any list entry ending in `.md`/`.markdown`/`.html`):
 * the menu built from the list silently leaves it out.
 */
export const configMissingPage: ConfigRule = {
  id: 'config-missing-page',
  defaultSeverity: 'warning',
  description: 'A list in `_config.yml` (such as `header_pages`) names a page that does not exist.',
  target: 'config',
  check({ site, text, report }) {
    const yaml = site.config.yaml;
    if (!yaml?.root) return;
    const lines = new LineIndex(text);
    for (const { key, node, inSeq } of configPageEntries(yaml.root)) {
      const value = String(yaml.scalarOf(node)?.value ?? node.value ?? '').trim();
      if (value === '' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(value) || /\{[{%]/.test(value)) continue;
      const relPath = value.replace(/^\.?\/+/, '');
      if (pageExists(site, relPath)) continue;
      const [start, end] = yaml.offsetsOf(node);
      const suggestions = pageSuggestions(site, relPath);
      const fixes: Fix[] = suggestions.map((suggestion, i) => ({
        title: `Change it to \`${suggestion}\``,
        safe: false,
        preferred: i === 0,
        edits: [replaceScalar(yaml, node, value.startsWith('/') ? `/${suggestion}` : suggestion)],
      }));
      const removal = inSeq ? removeLine(lines, start) : undefined;
      if (removal) fixes.push({ title: 'Remove this entry', safe: false, edits: [removal] });
      report({
        start, end, fixes,
        message: (leavesSite(relPath)
          ? `\`${relPath}\` is outside the site folder, so it is not a page of the site: this entry of \`${key}\` leads nowhere and its menu leaves it out.`
          : `There is no page \`${relPath}\` in the site, so this entry of \`${key}\` leads nowhere and its menu leaves it out.`)
          + (suggestions.length > 0 ? didYouMean(suggestions) : ' Correct the file name, or remove the entry.'),
      });
    }
  },
};

/** The scalars of `_config.yml` that name pages, with the top-level key they are under. */
export function configPageEntries(root: YAMLMap): { key: string; node: Scalar; inSeq: boolean }[] {
  const entries: { key: string; node: Scalar; inSeq: boolean }[] = [];
  for (const item of root.items) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value ?? '');
    if (NOT_PAGE_LISTS.has(key)) continue;
    for (const entry of pageEntries(item.value as Node | null, PAGE_LISTS.has(key), false, 0)) entries.push({ key, ...entry });
  }
  return entries;
}

/** The scalars of a config value that name pages; `inSeq` when the scalar is itself a list item. */
function pageEntries(node: Node | null, allPages: boolean, inList: boolean, depth: number): { node: Scalar; inSeq: boolean }[] {
  if (!node || depth > 6) return [];
  if (isScalar(node)) {
    const value = String(node.value ?? '');
    return inList && (allPages || PAGE_FILE.test(value.trim())) ? [{ node, inSeq: true }] : [];
  }
  if (isSeq(node)) {
    return node.items.flatMap((item) => pageEntries(item as Node | null, allPages, true, depth + 1));
  }
  if (isMap(node)) {
    const found: { node: Scalar; inSeq: boolean }[] = [];
    const type = findPair(node, 'type')?.value;
    const pageTyped = inList && isScalar(type) && String(type.value) === 'page';
    // An entry that says it is something else (`type: text`) holds no page, whatever its text.
    if (isScalar(type) && !pageTyped) return [];
    for (const pair of node.items) {
      const value = pair.value as Node | null;
      const name = isScalar(pair.key) ? String(pair.key.value ?? '') : '';
      if (isScalar(value)) {
        const text = String(value.value ?? '').trim();
        if (inList && ((pageTyped && name === 'value') || PAGE_FILE.test(text))) found.push({ node: value, inSeq: false });
      } else {
        found.push(...pageEntries(value, false, false, depth + 1));
      }
    }
    return found;
  }
  return [];
}

/** A path that climbs out of the site folder with `..`. */
function leavesSite(relPath: string): boolean {
  return relPath.split('/').includes('..');
}

/**
 * Pages named like a missing one, kept while no page comes or goes: ranking reads every page's
 * path, and `_config.yml` is checked again after every edit of a page.
 */
function pageSuggestions(site: Site, relPath: string): string[] {
  const known = siteIndex(site, 'config-page-suggestions', () => new Map<string, string[]>(), undefined, NO_PAGE_FIELDS);
  let suggestions = known.get(relPath);
  if (!suggestions) {
    suggestions = rankSuggestions(relPath, [...site.pages.keys()].filter((page) => !page.startsWith('_')), { sameFolder: true });
    known.set(relPath, suggestions);
  }
  return suggestions;
}

function pageExists(site: Site, relPath: string): boolean {
  return site.pages.has(relPath) || site.files.has(relPath) || pagesByUrl(site).has(`/${relPath}`);
}

/** Deletes the `- entry` line holding `offset`, when the entry is alone on it. */
function removeLine(lines: LineIndex, offset: number): { start: number; end: number; newText: string } | undefined {
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  if (!/^\s*-\s*$/.test(lines.text.slice(start, offset))) return undefined;
  const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : lines.lineEnd(line);
  return { start, end, newText: '' };
}
