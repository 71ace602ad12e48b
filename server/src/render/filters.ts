/**
 * Jekyll 4.3's filters (`filters.rb`, `filters/`) and Liquid 5.4's, where liquidjs differs, and the
 * list of what exists: a filter liquidjs has but Jekyll does not (`sum`, `reject`…) passes the
 * value through, as an unknown filter does in Jekyll's lax Liquid.
 */
import { Drop, FilterImplOptions, Liquid, Value } from 'liquidjs';
import { catalogueNames } from '../catalogue';
import { laxExpression } from './lax';
import { normalizeWhitespace } from './html-text';
import { cataloguePlaceholders } from './plugin-tags';
import { RubyTime, rubyInspect, rubyJson, rubySubstitute, rubyToS } from './ruby';

/** Liquid's and Jekyll's own filters, as the catalogue lists them. */
const JEKYLL_FILTERS: ReadonlySet<string> = new Set(
  [...catalogueNames('filters')].filter(([, entry]) => entry.provider === 'liquid' || entry.provider === 'jekyll').map(([name]) => name),
);

/** What liquidjs binds `this` to in a filter (its `FilterImpl`, which it does not export). */
type FilterThis = ThisParameterType<Extract<FilterImplOptions, (...args: never[]) => unknown>>;

/** Registers Jekyll's versions of the filters liquidjs gets wrong, and drops the ones Jekyll lacks. */
export function registerJekyllFilters(liquid: Liquid): void {
  for (const name of Object.keys(liquid.filters)) {
    if (!JEKYLL_FILTERS.has(name)) delete liquid.filters[name];
  }
  // Placeholder filters (`emojify`, `sassify`…) show their input unchanged.
  for (const name of cataloguePlaceholders().filters) liquid.filters[name] ??= (input: unknown) => input;
  liquid.registerFilter('where', jekyllWhere);
  liquid.registerFilter('sort', jekyllSort);
  liquid.registerFilter('where_exp', function* (this: FilterThis, input: unknown, name: unknown, expression: unknown) {
    const matches: unknown[] = [];
    for (const item of itemsOf(input)) if (truthy(yield* evaluate(this, item, name, expression, false))) matches.push(item);
    return matches;
  });
  liquid.registerFilter('find_exp', function* (this: FilterThis, input: unknown, name: unknown, expression: unknown) {
    for (const item of itemsOf(input)) if (truthy(yield* evaluate(this, item, name, expression, false))) return item;
    return null;
  });
  liquid.registerFilter('group_by', (input: unknown, property: unknown) =>
    groups(itemsOf(input), (item) => rubyToS(itemProperty(item, String(property)))));
  liquid.registerFilter('group_by_exp', function* (this: FilterThis, input: unknown, name: unknown, expression: unknown) {
    const keys: unknown[] = [];
    const items = itemsOf(input);
    // Jekyll reads the expression as a variable (lax: `p.age > 10` is `p.age`), not as a condition,
    // and groups by its value as it is (a number stays a number: `group.name == 0`).
    for (const item of items) keys.push(plain(yield* evaluate(this, item, name, expression, true)));
    return groups(items, (_, index) => keys[index]);
  });
  liquid.registerFilter('inspect', (input: unknown) => xmlEscape(rubyInspect(plain(input))));
  liquid.registerFilter('jsonify', (input: unknown) => rubyJson(plain(input)));
  liquid.registerFilter('slugify', slugify);
  liquid.registerFilter('replace', (input: unknown, pattern: unknown, replacement: unknown = '') =>
    rubySubstitute(rubyToS(input), rubyToS(pattern), rubyToS(replacement), false));
  liquid.registerFilter('replace_first', (input: unknown, pattern: unknown, replacement: unknown = '') =>
    rubySubstitute(rubyToS(input), rubyToS(pattern), rubyToS(replacement), true));
  registerZonedDateFilters(liquid);
  liquid.registerFilter('split', (input: unknown, pattern: unknown) => rubySplit(rubyToS(input), rubyToS(pattern)));
  liquid.registerFilter('normalize_whitespace', (input: unknown) => normalizeWhitespace(rubyToS(input)));
  liquid.registerFilter('to_integer', (input: unknown) => {
    if (input === true) return 1;
    if (input === false || input === null || input === undefined) return 0;
    return typeof input === 'number' ? Math.trunc(input) : parseInt(String(input), 10) || 0;
  });
  liquid.registerFilter('divided_by', function (this: FilterThis, dividend: unknown, divisor: unknown) {
    const written = this.token.args[0];
    const a = Number(dividend);
    const b = Number(divisor);
    // Ruby divides integers as integers; `4.0` written in the template is a float even though JavaScript holds 4.
    const floatWritten = (!Array.isArray(written) && written !== undefined && /\./.test(written.getText())) || /\./.test(String(dividend)) || /\./.test(String(divisor));
    return Number.isInteger(a) && Number.isInteger(b) && !floatWritten ? Math.floor(a / b) : a / b;
  });
}

function* evaluate(filter: FilterThis, item: unknown, name: unknown, expression: unknown, lax: boolean): Generator<unknown, unknown, unknown> {
  const source = lax ? laxExpression(String(expression)) ?? String(expression) : String(expression);
  filter.context.push({ [String(name)]: item });
  try {
    return yield new Value(source, filter.liquid).value(filter.context, false);
  } finally {
    filter.context.pop();
  }
}

/** Jekyll's groups: `{name, items, size}` in the order each name first appears; names equal as Ruby's `eql?` sees them. */
function groups(items: unknown[], keyOf: (item: unknown, index: number) => unknown): Record<string, unknown>[] {
  const byName = new Map<string, { name: unknown; items: unknown[] }>();
  items.forEach((item, index) => {
    const name = keyOf(item, index);
    const key = `${typeof name}:${rubyInspect(name)}`;
    const group = byName.get(key) ?? { name, items: [] };
    group.items.push(item);
    byName.set(key, group);
  });
  return [...byName.values()].map((group) => ({ name: group.name ?? null, items: group.items, size: group.items.length }));
}

function truthy(value: unknown): boolean {
  const plainValue = value instanceof Drop ? value.valueOf() : value;
  return plainValue !== false && plainValue !== null && plainValue !== undefined;
}

/** A liquidjs literal drop (`nil`, `empty`) as its value. */
function plain(value: unknown): unknown {
  return value instanceof Drop ? value.valueOf() : value;
}

function itemsOf(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (isRecord(input)) return Object.values(input);
  return input === null || input === undefined ? [] : [input];
}

const SLUGIFY_PATTERNS: Record<string, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
  latin: /[^\p{M}\p{L}\p{Nd}]+/gu,
};

/** Jekyll's `Utils.slugify`: `latin` transliterates first (as I18n does: accents dropped, other letters `?`). */
function slugify(input: unknown, mode: unknown = 'default', cased: unknown = false): unknown {
  if (input === null || input === undefined) return null;
  let text = rubyToS(input);
  const pattern = SLUGIFY_PATTERNS[String(mode ?? 'default')];
  if (!pattern) return cased ? text : text.toLowerCase();
  if (mode === 'latin') text = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\x00-\x7f]/g, '?');
  const slug = text.replace(pattern, '-').replace(/^-/, '').replace(/-$/, '');
  return cased ? slug : slug.toLowerCase();
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// --- where and sort, and the property lookups they share -----------------------------------------

const INTEGER_LIKE = /^\s*-?\d+\s*$/;
const FLOAT_LIKE = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** Jekyll's `item_property`: a dotted property of an item, numbers in text read as numbers. */
function itemProperty(item: unknown, property: string): unknown {
  let value: unknown = item;
  for (const key of property.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  const text = rubyToS(value);
  if (INTEGER_LIKE.test(text)) return parseInt(text, 10);
  if (FLOAT_LIKE.test(text)) return parseFloat(text);
  return value;
}

/** Jekyll's `where`: compares as text; a nil target matches a nil property. */
function jekyllWhere(input: unknown, property: unknown, targetValue: unknown): unknown {
  // liquidjs gives `nil`, `empty` and `blank` as drops.
  const target = plain(targetValue);
  if (!property || Array.isArray(target) || isRecord(target)) return input;
  const items = Array.isArray(input) ? input : isRecord(input) ? Object.values(input) : undefined;
  if (!items) return input;
  return items.filter((item) => {
    const value = itemProperty(item, String(property));
    if (target === null || target === undefined) return value === null || value === undefined;
    const wanted = rubyToS(target);
    if (typeof value === 'string') return value === wanted;
    return (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).some((v) => rubyToS(v) === wanted);
  });
}

/** Jekyll's `sort`: by a property with nils first (or `"last"`), else by value. */
function jekyllSort(input: unknown, property?: unknown, nils: unknown = 'first'): unknown {
  if (!Array.isArray(input)) return input;
  if (property === undefined || property === null) return [...input].sort(compareValues);
  const nilOrder = nils === 'last' ? 1 : -1;
  return input
    .map((item) => ({ key: itemProperty(item, String(property)), item }))
    .sort((a, b) => {
      const aNil = a.key === null || a.key === undefined;
      const bNil = b.key === null || b.key === undefined;
      if (aNil !== bNil) return aNil ? nilOrder : -nilOrder;
      return compareValues(a.key, b.key);
    })
    .map(({ item }) => item);
}

/** Ruby's `<=>` for the values sorting meets, falling back to comparing their text. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  const x = rubyToS(a);
  const y = rubyToS(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Ruby's `String#split` with a text pattern, as Liquid's `split` calls it: a single space splits at
 * runs of whitespace and ignores leading whitespace (awk style: the compress layout relies on it),
 * an empty pattern into characters; trailing empty parts are dropped.
 */
export function rubySplit(text: string, pattern: string): string[] {
  const parts = pattern === ' ' ? text.replace(/^[ \t\n\v\f\r]+/, '').split(/[ \t\n\v\f\r]+/)
    : pattern === '' ? [...text]
      : text.split(pattern);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The formats of the date filters that print a zone: `date_to_xmlschema` and `date_to_rfc822`. */
const ZONED_FORMATS: Record<string, string> = { date_to_xmlschema: '%Y-%m-%dT%H:%M:%S%:z', date_to_rfc822: '%a, %d %b %Y %H:%M:%S %z' };

/**
 * A document's date in a site with a `timezone` prints that zone's offset (`-08:00`), as Ruby's
 * Time does: liquidjs's `date` is given the instant and the zone's offset.
 */
function registerZonedDateFilters(liquid: Liquid): void {
  const date = liquid.filters.date as (this: FilterThis, ...args: unknown[]) => unknown;
  for (const name of ['date', ...Object.keys(ZONED_FORMATS)]) {
    const builtin = liquid.filters[name] as (this: FilterThis, ...args: unknown[]) => unknown;
    liquid.registerFilter(name, function (this: FilterThis, input: unknown, ...args: unknown[]) {
      if (!(input instanceof RubyTime) || input.offsetMinutes === 0) return builtin.call(this, input, ...args);
      const format = ZONED_FORMATS[name] ?? args[0];
      return date.call(this, input.instant, format, -input.offsetMinutes);
    });
  }
}
