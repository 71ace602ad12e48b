import { pluginProviding, siteVocabulary } from '../catalogue';
import { rankSuggestions } from '../rules/suggest';
import type { Site } from '../site/site';

/** A tag or filter used in a template that the site does not define. */
export interface UnknownName<Use> {
  use: Use;
  /** The plugin that would define it, when the site does not load that plugin. */
  provider?: string;
  /** Known names close to it, best first (none when a plugin provides it). */
  suggestions: string[];
  /** Loaded plugins the catalogue does not know (or own plugins it cannot read), one of which may define it after all. */
  mayComeFrom: string[];
}

/** The uses of tags or filters the site does not define (see the catalogue), with what to suggest instead. */
export function unknownNames<Use extends { name: string }>(site: Site, kind: 'tags' | 'filters', uses: Use[]): UnknownName<Use>[] {
  const vocabulary = siteVocabulary(site);
  const known = kind === 'tags' ? vocabulary.tags : vocabulary.filters;
  return uses.filter((use) => !known.has(use.name)).map((use) => {
    const provider = pluginProviding(kind, use.name);
    return {
      use, provider,
      suggestions: provider ? [] : rankSuggestions(use.name, known.keys()),
      mayComeFrom: provider ? [] : [...vocabulary.mayComeFrom],
    };
  });
}
