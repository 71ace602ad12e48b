import { unknownNames } from '../templates/liquid-names';
import type { TemplateRule } from './rule';
import { didYouMean } from './suggest';

/**
 * A tag that neither Liquid, Jekyll nor a plugin the site loads defines: `{% seo %}` without
 * `jekyll-seo-tag`, or a misspelt tag. Liquid refuses unknown tags: the build stops.
 */
export const unknownTag: TemplateRule = {
  id: 'unknown-tag',
  defaultSeverity: 'error',
  description: 'A tag in a template that does not exist, or whose plugin the site does not load (`{% seo %}` without `jekyll-seo-tag`).',
  target: 'template',
  checksPageBodies: true,
  check({ site, analysis, report }) {
    for (const { use: tag, provider, suggestions, mayComeFrom } of unknownNames(site, 'tags', analysis.tags)) {
      const stops = `so the build stops with "Unknown tag '${tag.name}'"`;
      report({
        start: tag.start, end: tag.end,
        severity: mayComeFrom.length > 0 ? 'information' : undefined,
        message: provider
          ? `\`{% ${tag.name} %}\` comes from the plugin \`${provider}\`, which the site does not load, ${stops}. Add \`${provider}\` to \`plugins\` in \`_config.yml\` (and to the Gemfile when the site is not built by GitHub Pages).`
          : `There is no tag \`${tag.name}\`, ${stops}.`
            + (suggestions.length > 0 ? didYouMean(suggestions) : ' Check its spelling, or the plugin that should provide it.')
            + (mayComeFrom.length > 0 ? ` (The site loads ${mayComeFrom.map((name) => `\`${name}\``).join(', ')}, which may define it.)` : ''),
        fixes: suggestions.map((suggestion, i) => ({
          title: `Change the tag to \`${suggestion}\``, safe: false, preferred: i === 0,
          edits: [{ start: tag.start, end: tag.end, newText: suggestion }],
        })),
      });
    }
  },
};
