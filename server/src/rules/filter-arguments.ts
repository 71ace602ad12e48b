import type { TemplateRule } from './rule';

/** Filters whose argument names a property of the items (`sort: 'weight'`): a bare word there is meant as that name. */
const PROPERTY_FILTERS = new Set(['sort', 'sort_natural', 'where', 'group_by', 'map', 'sum', 'find', 'uniq', 'compact']);
const BARE_WORD = /^[A-Za-z_][\w-]*$/;

/**
 * A filter followed by its argument without the `:` (`sort weight`). Liquid reads the filter and
 * silently drops the words after it, so the list is sorted by nothing, the text appended is lost…
 */
export const filterArguments: TemplateRule = {
  id: 'filter-arguments',
  defaultSeverity: 'warning',
  description: 'A filter in a template whose argument lacks its `:` (`sort weight`): Jekyll silently drops the argument.',
  target: 'template',
  check({ text, analysis, report }) {
    for (const filter of analysis.filters) {
      if (!filter.withoutColon) continue;
      const words = text.slice(filter.withoutColon.start, filter.withoutColon.end);
      // `sort weight` means the property `weight`: written `sort: weight`, Liquid would look up a variable `weight` instead.
      const argument = PROPERTY_FILTERS.has(filter.name) && BARE_WORD.test(words) ? `'${words}'` : words;
      const written = `${filter.name}: ${argument}`;
      report({
        start: filter.start, end: filter.withoutColon.end,
        message: `\`${filter.name}\` needs a \`:\` before its argument. Without it, Jekyll silently drops \`${words}\` and applies \`${filter.name}\` with nothing. Write \`${written}\`.`,
        fixes: [{
          title: `Write \`${written}\``, safe: false, preferred: true,
          edits: [{ start: filter.end, end: filter.withoutColon.end, newText: `: ${argument}` }],
        }],
      });
    }
  },
};
