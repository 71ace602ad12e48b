import { parseYamlSection, ParsedYaml } from '../frontmatter/parse';

/** One `defaults:` entry of `_config.yml`. */
export interface DefaultsEntry {
  /** Index in the `defaults` list, to name it in messages. */
  index: number;
  path: string;
  type?: string;
  values: Record<string, unknown>;
}

export interface CollectionConfig {
  label: string;
  output: boolean;
  permalink?: string;
}

/** What the server needs of `_config.yml`, read with Jekyll's own defaults. */
export interface SiteConfig {
  /** The parsed file, for positions; undefined when the site has no `_config.yml`. */
  yaml?: ParsedYaml;
  text?: string;
  data: Record<string, unknown>;
  defaults: DefaultsEntry[];
  exclude: string[];
  include: string[];
  collections: CollectionConfig[];
  theme?: string;
  plugins: string[];
  permalink?: string;
  baseurl: string;
  /** `timezone`: the IANA zone dates are read and printed in (the machine's when unset). */
  timezone?: string;
}

/** Jekyll 4 always adds these to `exclude`. */
const DEFAULT_EXCLUDES = [
  '.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules',
  'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/',
];

export function readConfig(text: string | undefined): SiteConfig {
  const yaml = text === undefined ? undefined : parseYamlSection(text, 0, text.length);
  const data = yaml?.data ?? {};
  return {
    yaml,
    text,
    data,
    defaults: readDefaults(data.defaults),
    exclude: [...stringList(data.exclude), ...DEFAULT_EXCLUDES],
    include: stringList(data.include),
    collections: readCollections(data.collections),
    theme: typeof data.theme === 'string' ? data.theme : undefined,
    plugins: [...stringList(data.plugins), ...stringList(data.gems)],
    permalink: typeof data.permalink === 'string' ? data.permalink : undefined,
    baseurl: typeof data.baseurl === 'string' ? data.baseurl.replace(/\/$/, '') : '',
    timezone: typeof data.timezone === 'string' ? data.timezone : undefined,
  };
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function readDefaults(value: unknown): DefaultsEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: DefaultsEntry[] = [];
  value.forEach((entry, index) => {
    if (!isRecord(entry) || !isRecord(entry.values)) return;
    const scope = isRecord(entry.scope) ? entry.scope : {};
    entries.push({
      index,
      path: typeof scope.path === 'string' ? scope.path : '',
      type: typeof scope.type === 'string' ? scope.type : undefined,
      values: entry.values,
    });
  });
  return entries;
}

function readCollections(value: unknown): CollectionConfig[] {
  if (Array.isArray(value)) {
    return stringList(value).map((label) => ({ label, output: false }));
  }
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([label, settings]) => ({
    label,
    output: isRecord(settings) && settings.output === true,
    permalink: isRecord(settings) && typeof settings.permalink === 'string' ? settings.permalink : undefined,
  }));
}

/** Whether a `defaults` scope path or an `exclude`/`include` entry covers a site-relative path (prefix and glob rules). */
export function scopeMatches(scopePath: string, relPath: string): boolean {
  const scope = scopePath.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (scope === '') return true;
  if (scope.includes('*')) {
    const pattern = new RegExp(`^${scope.split('*').map(escapeRegExp).join('[^/]*')}(?:/|$)`);
    return pattern.test(relPath);
  }
  return relPath === scope || relPath.startsWith(`${scope}/`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The front matter Jekyll uses for a file: matching `defaults` entries, least specific first
 * (a longer scope path, then a scope with a type, wins), under the page's own values.
 */
export function applicableDefaults(config: SiteConfig, relPath: string, type: string): DefaultsEntry[] {
  return config.defaults
    .filter((entry) => scopeMatches(entry.path, relPath) && (entry.type === undefined || entry.type === type))
    .sort((a, b) => specificity(a) - specificity(b) || a.index - b.index);
}

function specificity(entry: DefaultsEntry): number {
  const depth = entry.path.split('/').filter(Boolean).length;
  return depth * 2 + (entry.type === undefined ? 0 : 1);
}
