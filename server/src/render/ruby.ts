/**
 * Values as Ruby prints them, for Liquid output the way Jekyll's Liquid writes it: `to_s` for
 * `{{ value }}` (an array joins its items, a hash prints as `{"a"=>1}`, nil as nothing) and
 * `inspect` for the `inspect` filter and for hashes inside output.
 */

/** What `{{ value }}` writes: Liquid renders an array with `join`, anything else with `to_s`. */
export function rubyToS(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(rubyToS).join('');
  if (typeof value === 'number') return rubyNumber(value);
  if (value instanceof Date) return rubyTime(value);
  if (typeof value === 'object' && hasOwnPrinting(value)) return String(value);
  if (typeof value === 'object') return rubyInspect(value);
  return String(value);
}

/** Ruby's `inspect`: strings quoted, nil as `nil`, hashes as `{"key"=>value, …}`. */
export function rubyInspect(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return inspectString(value);
  if (typeof value === 'number') return rubyNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return rubyTime(value);
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (typeof value === 'object' && hasOwnPrinting(value)) return inspectString(String(value));
  if (typeof value === 'object') {
    const entries = Object.keys(value).map((key) => `${inspectString(key)}=>${rubyInspect((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Jekyll's `jsonify` (`to_json`): dates as their Ruby text, a document as its fields. */
export function rubyJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string) {
    // `this[key]`, not the value given: JSON.stringify has already turned dates into ISO text.
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return rubyTime(raw);
    return raw === undefined ? null : raw;
  }) ?? 'null';
}

/** Integers without a point; YAML floats that JavaScript holds as whole numbers cannot be told apart. */
function rubyNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

/**
 * A YAML date (midnight UTC) prints as Ruby's `Date#to_s`, `2020-01-02`; a time as `Time#to_s`,
 * `2020-01-02 10:30:00 -0800` (in the site's zone; a YAML time in UTC).
 */
function rubyTime(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z') && !isTime(date)) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${offsetText(date instanceof RubyTime ? date.offsetMinutes : 0)}`;
}

/**
 * A time Ruby prints whole (`2024-03-01 00:00:00 -0800`), unlike a YAML date: post dates are times.
 * Its wall clock in the site's zone (kept as if it were UTC, as the model
 * keeps dates), and that zone's offset then, in minutes east, which `%z` and `to_s` print.
 */
export class RubyTime extends Date {
  constructor(value: string | number, readonly offsetMinutes = 0) {
    super(value);
  }

  /** The instant itself, in real UTC. */
  get instant(): Date {
    return new Date(this.getTime() - this.offsetMinutes * 60_000);
  }
}

/** `+0100`, `-0800`, `+0530`: an offset in minutes east as Ruby's `%z` writes it. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}${String(whole % 60).padStart(2, '0')}`;
}

function isTime(date: Date): boolean {
  return date instanceof RubyTime;
}

/** Ruby's `String#inspect` for the characters front matter holds. */
function inspectString(text: string): string {
  const escaped = text.replace(/[\\"\n\t\r\f\v\x07\x08\x1b]|#(?=[{$@])/g, (c) => ESCAPES[c] ?? `\\${c}`)
    .replace(/[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `"${escaped}"`;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\f': '\\f', '\v': '\\v', '\x07': '\\a', '\x08': '\\b', '\x1b': '\\e',
};

/** Objects that say how they print (a document prints its rendered output, as Jekyll's `Document#to_s` does). */
function hasOwnPrinting(value: object): boolean {
  const { toString } = value as { toString?: unknown };
  return typeof toString === 'function' && toString !== Object.prototype.toString;
}

/**
 * Ruby's `gsub` (`sub` when `firstOnly`) with a string pattern and a string replacement, as Liquid's
 * `replace` and `replace_first` call it: in the replacement `\0` and `\&` stand for the match, `` \` ``
 * for what comes before it, `\'` for what follows it, `\1`…`\9` for nothing (a string pattern has no
 * groups) and `\\` for one backslash; any other backslash stays.
 */
export function rubySubstitute(text: string, pattern: string, replacement: string, firstOnly: boolean): string {
  const substitute = (match: string, offset: number) => replacement.replace(/\\([\s\S]?)/g, (_, escaped: string) => {
    if (escaped === '0' || escaped === '&') return match;
    if (escaped === '`') return text.slice(0, offset);
    if (escaped === "'") return text.slice(offset + match.length);
    if (/[1-9]/.test(escaped)) return '';
    return escaped === '\\' || escaped === '' ? '\\' : `\\${escaped}`;
  });
  return firstOnly ? text.replace(pattern, substitute) : text.replaceAll(pattern, substitute);
}
