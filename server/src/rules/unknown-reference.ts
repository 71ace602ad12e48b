import { pageSchema } from '../schema/schema';
import { pagesByValue, valueKey } from '../site/indexes';
import { ownScalar, propertiesWhere, refersToPages, replaceScalar } from './fields';
import type { Fix, PageRule } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/**
 * A field whose schema says `refersTo: F` (`parent` → `section`) names a value no page has:
 * the menus, which list the pages whose `parent` is a page's `section`, never show this page.
 */
export const unknownReference: PageRule = {
  id: 'unknown-reference',
  defaultSeverity: 'error',
  description: 'A field that names another page (such as `parent`) names no page.',
  target: 'page',
  check({ site, page, schema, report }) {
    for (const [field, property] of propertiesWhere(pageSchema(schema, page.layout), refersToPages)) {
      const target = property.refersTo as string;
      const own = ownScalar(page, field);
      if (!own || own.text.trim() === '') continue;
      const index = pagesByValue(site, target);
      if (index.has(own.text)) continue;
      const ownTarget = valueKey(page.data[target]);
      const suggestions = rankSuggestions(
        own.text, [...index.keys()].filter((value) => value !== ownTarget), { sameFolder: true });
      const [start, end] = page.frontMatter.offsetsOf(own.node);
      const fixes: Fix[] = suggestions.map((suggestion, i) => ({
        title: `Change \`${field}\` to \`${suggestion}\``,
        safe: false,
        preferred: i === 0,
        edits: [replaceScalar(page.frontMatter, own.node, suggestion)],
      }));
      const hint = suggestions.length > 0
        ? didYouMean(suggestions)
        : ` Set \`${field}\` to the \`${target}\` of the page whose menu should list this one.`;
      report({
        start, end, fixes,
        message: `No page has \`${target}: ${own.text}\`, so this page is in no menu.${hint}`,
      });
    }
  },
};
