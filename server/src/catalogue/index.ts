import type { JsonSchema } from '../schema/schema';
import { NO_PAGE_FIELDS, siteIndex } from '../site/indexes';
import { sitePlugins } from '../site/plugins';
import type { Site } from '../site/site';
import { JEKYLL, RESERVED_FIELDS } from './jekyll';
import { LIQUID } from './liquid';
import { PLUGINS } from './plugins';
import type { PreviewMode, Provider } from './types';

export type { PreviewMode, Provider } from './types';
export { OVERRIDING_RESERVED_FIELDS, RESERVED_FIELDS } from './jekyll';
export { PLUGINS } from './plugins';

/**
 * The one catalogue of what Liquid, Jekyll and the known plugins provide, and of what one site
 * can use given the plugins it loads. The checks, the schema inference and the preview all read it.
 */

/** A tag or filter a template can use, and where it comes from. */
export interface Name {
  /** `liquid`, `jekyll`, a gem name, or the site's own plugin file (`_plugins/x.rb`). */
  provider: string;
  /** `end<block>` tags are `tag` entries of the block's provider. */
  kind: 'tag' | 'block' | 'filter';
  preview: PreviewMode;
}

/** A front-matter field Jekyll or a plugin reads. */
export interface Field {
  provider: string;
  schema: JsonSchema;
}

export const PROVIDERS: readonly Provider[] = [LIQUID, JEKYLL, ...PLUGINS];

/** Every tag (with the `end` tags of blocks) and filter any known provider defines: the later provider wins, as Jekyll's override Liquid's. */
function namesOf(providers: readonly Provider[], kind: 'tags' | 'filters'): Map<string, Name> {
  const names = new Map<string, Name>();
  for (const provider of providers) {
    if (kind === 'filters') {
      for (const [name, entry] of Object.entries(provider.filters ?? {})) names.set(name, { provider: provider.name, kind: 'filter', preview: entry.preview });
      continue;
    }
    for (const [name, entry] of Object.entries(provider.tags ?? {})) {
      names.set(name, { provider: provider.name, kind: entry.kind, preview: entry.preview });
      if (entry.kind === 'block') names.set(`end${name}`, { provider: provider.name, kind: 'tag', preview: entry.preview });
    }
  }
  return names;
}

const ALL_TAGS = namesOf(PROVIDERS, 'tags');
const ALL_FILTERS = namesOf(PROVIDERS, 'filters');

/** Every tag and filter of the catalogue, whoever provides it (for tests and documentation). */
export function catalogueNames(kind: 'tags' | 'filters'): ReadonlyMap<string, Name> {
  return kind === 'tags' ? ALL_TAGS : ALL_FILTERS;
}

/** The known plugin that provides a tag or filter, when neither Liquid nor Jekyll does. */
export function pluginProviding(kind: 'tags' | 'filters', name: string): string | undefined {
  const entry = (kind === 'tags' ? ALL_TAGS : ALL_FILTERS).get(name);
  return entry && entry.provider !== 'liquid' && entry.provider !== 'jekyll' ? entry.provider : undefined;
}

export function knownPlugin(gem: string): Provider | undefined {
  return PLUGINS.find((plugin) => plugin.name === gem);
}

/** The layout `name` that a plugin the site loads adds (jekyll-redirect-from's `redirect`), when the site has none of that name. */
export function pluginLayout(site: Site, name: string): { provider: string; text: string } | undefined {
  if (site.layouts.has(name)) return undefined;
  const provider = PLUGINS.find((plugin) => plugin.layouts?.[name] !== undefined && site.loadsPlugin(plugin.name));
  return provider && { provider: provider.name, text: provider.layouts![name] };
}

/**
 * The fields Jekyll and every known plugin read, known on any page whatever the layout: a site's
 * schema does not have to repeat them. The first provider to describe a field names it.
 */
export const JEKYLL_FIELDS: Readonly<Record<string, JsonSchema>> = Object.fromEntries(
  [...fieldsOf(PROVIDERS)].map(([name, field]) => [name, field.schema]),
);

function fieldsOf(providers: readonly Provider[]): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const provider of providers) {
    for (const [name, schema] of Object.entries(provider.fields ?? {})) {
      if (!fields.has(name)) fields.set(name, { provider: provider.name, schema });
    }
  }
  return fields;
}

export function isJekyllField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(JEKYLL_FIELDS, name);
}

export function isReservedField(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RESERVED_FIELDS, name);
}

/** What the templates and front matter of one site can use, given the plugins it loads. */
export interface SiteVocabulary {
  tags: ReadonlyMap<string, Name>;
  filters: ReadonlyMap<string, Name>;
  /** Fields Jekyll and the loaded plugins read. */
  fields: ReadonlyMap<string, Field>;
  /** Loaded plugins this catalogue does not know, and own plugins it cannot fully read: an unknown name may come from them. */
  mayComeFrom: readonly string[];
  /**
   * A loaded plugin generates pages or runs hooks (an own generator, jekyll-archives…): it may read
   * front-matter fields no template reads, so `unknown-field` should only hint.
   */
  hasGenerator: boolean;
}

export function siteVocabulary(site: Site): SiteVocabulary {
  return siteIndex(site, 'site-vocabulary', () => {
    const plugins = sitePlugins(site);
    const known = PLUGINS.filter((plugin) => plugins.gems.has(plugin.name));
    const providers = [LIQUID, JEKYLL, ...known];
    const tags = namesOf(providers, 'tags');
    const filters = namesOf(providers, 'filters');
    for (const own of plugins.own) {
      for (const name of own.tags) tags.set(name, { provider: own.relPath, kind: 'tag', preview: 'placeholder' });
      for (const name of own.blocks) {
        tags.set(name, { provider: own.relPath, kind: 'block', preview: 'placeholder' });
        tags.set(`end${name}`, { provider: own.relPath, kind: 'tag', preview: 'placeholder' });
      }
      for (const name of own.filters) filters.set(name, { provider: own.relPath, kind: 'filter', preview: 'placeholder' });
    }
    return {
      tags, filters,
      fields: fieldsOf(providers),
      mayComeFrom: [
        ...[...plugins.gems].filter((gem) => !knownPlugin(gem)).sort(),
        ...plugins.own.filter((own) => own.unclear).map((own) => own.relPath),
      ],
      hasGenerator: known.some((plugin) => plugin.generator) || plugins.own.some((own) => own.generator),
    };
  }, undefined, NO_PAGE_FIELDS);
}
