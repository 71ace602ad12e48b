/**
 * The kramdown options that change the HTML the preview writes, read as kramdown's
 * `Options.parse` reads them: from Jekyll's `kramdown:` config, and from a page's own
 * `{::options key="value" /}` (which sets them for the whole page: kramdown uses their last
 * values when it writes header ids and the table of contents).
 */

export interface KramdownSettings {
  /** `toc_levels`: the header levels `{:toc}` lists. */
  tocLevels: readonly number[];
  /** `auto_ids`: headers without an id get one made from their text. */
  autoIds: boolean;
  /** `auto_id_prefix`: put before every id made. */
  autoIdPrefix: string;
  /** `footnote_nr`: the number of the page's first footnote. */
  footnoteNr: number;
}

/** kramdown's default `toc_levels`: every header level. */
export const ALL_TOC_LEVELS: readonly number[] = [1, 2, 3, 4, 5, 6];

export const DEFAULT_SETTINGS: KramdownSettings = { tocLevels: ALL_TOC_LEVELS, autoIds: true, autoIdPrefix: '', footnoteNr: 1 };

/**
 * `toc_levels` as kramdown reads it: a list of levels, `a..b` or `a,b,c`, each from 1 to 6;
 * undefined for what it refuses (it then keeps the value it had).
 */
export function tocLevels(value: unknown): readonly number[] | undefined {
  let levels: number[] | undefined;
  if (Array.isArray(value)) levels = value.map(Number);
  else if (typeof value === 'string' && /^\d\.\.\d$/.test(value)) {
    const [from, to] = value.split('..').map(Number);
    levels = [];
    for (let level = from; level <= to; level++) levels.push(level);
  } else if (typeof value === 'string' && /^\d(?:,\d)*$/.test(value)) levels = value.split(',').map(Number);
  if (!levels || levels.some((level) => !Number.isInteger(level) || level < 1 || level > 6)) return undefined;
  return [...new Set(levels)];
}

/** A Boolean option: anything but `false` (any case) or nothing is true. */
function booleanOption(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = value === null || value === undefined ? '' : String(value);
  return text.trim().toLowerCase() !== 'false' && text !== '';
}

/** An Integer option as Ruby's `Integer()` reads it; undefined for what it refuses. */
function integerOption(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : /^\s*[+-]?\d+\s*$/.test(String(value)) ? Number(value) : undefined;
  return Number.isInteger(number) ? number : undefined;
}

/** The settings with one option set as kramdown would set it; options it does not know, or values it refuses, change nothing. */
export function withOption(settings: KramdownSettings, name: string, value: unknown): KramdownSettings {
  switch (name) {
    case 'toc_levels': return { ...settings, tocLevels: tocLevels(value) ?? settings.tocLevels };
    case 'auto_ids': return { ...settings, autoIds: booleanOption(value) };
    case 'footnote_nr': return { ...settings, footnoteNr: integerOption(value) ?? settings.footnoteNr };
    case 'auto_id_prefix': return { ...settings, autoIdPrefix: value === null || value === undefined ? '' : String(value) };
    default: return settings;
  }
}

/** The settings Jekyll's `kramdown:` config gives (Jekyll's own defaults where it says nothing). */
export function settingsFromConfig(config: Record<string, unknown> | undefined): KramdownSettings {
  let settings = DEFAULT_SETTINGS;
  for (const [name, value] of Object.entries(config ?? {})) settings = withOption(settings, name, value);
  return settings;
}
