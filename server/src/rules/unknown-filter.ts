import { unknownNames } from '../templates/liquid-names';
import type { TemplateRule } from './rule';
import { didYouMean } from './suggest';

/**
 * A filter that neither Liquid, Jekyll nor a plugin the site loads defines, usually a typo
 * (`mardownify`): Liquid passes the value through unchanged, without a word.
 */
export const unknownFilter: TemplateRule = {
  id: 'unknown-filter',
  defaultSeverity: 'warning',
  description: 'A filter in a template that does not exist (`mardownify`): Jekyll silently skips it. Suggests the right one.',
  target: 'template',
  checksPageBodies: true,
  check({ site, analysis, report }) {
    for (const { use: filter, provider, suggestions, mayComeFrom } of unknownNames(site, 'filters', analysis.filters)) {
      const advice = provider
        ? ` It comes from the plugin \`${provider}\`, which the site does not load: add \`${provider}\` to \`plugins\` in \`_config.yml\`.`
        : suggestions.length > 0 ? didYouMean(suggestions) : ' Check its spelling in the Jekyll documentation of filters.';
      report({
        start: filter.start, end: filter.end,
        severity: mayComeFrom.length > 0 ? 'information' : undefined,
        message: `There is no filter \`${filter.name}\`, so Jekyll leaves the value as it is, without any error.${advice}`
          + (mayComeFrom.length > 0 ? ` (The site loads ${mayComeFrom.map((name) => `\`${name}\``).join(', ')}, which may define it.)` : ''),
        fixes: suggestions.map((suggestion, i) => ({
          title: `Change the filter to \`${suggestion}\``, safe: false, preferred: i === 0,
          edits: [{ start: filter.start, end: filter.end, newText: suggestion }],
        })),
      });
    }
  },
};
