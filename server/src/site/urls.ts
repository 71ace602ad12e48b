/**
 * URLs as Jekyll makes them (`url.rb`, `Page#template`, `Collection#url_template`,
 * `Drops::UrlDrop`, `Configuration#style_to_permalink`, `Utils.slugify`). Pure functions.
 */

/** The built-in permalink styles of `_config.yml`'s `permalink`, for posts. */
const STYLE_TO_PERMALINK: Readonly<Record<string, string>> = {
  none: '/:categories/:title:output_ext',
  date: '/:categories/:year/:month/:day/:title:output_ext',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
};

/** The posts' URL template for a `permalink` setting: a style's template, or the setting itself. */
export function styleToPermalink(style: string): string {
  return Object.prototype.hasOwnProperty.call(STYLE_TO_PERMALINK, style) ? STYLE_TO_PERMALINK[style] : style;
}

/** `Utils.add_permalink_suffix`: pages and collections end as the site's permalink style does. */
export function addPermalinkSuffix(template: string, style: string): string {
  if (style === 'pretty') return `${template}/`;
  if (style === 'date' || style === 'ordinal' || style === 'none') return `${template}:output_ext`;
  let out = template;
  if (style.endsWith('/')) out += '/';
  if (style.endsWith(':output_ext')) out += ':output_ext';
  return out;
}

/** `URL.escape_path`: kept as it is when plain, else percent-encoded, with `#` as `%23`. */
export function escapePath(value: string): string {
  if (value === '' || /^[a-zA-Z0-9./-]+$/.test(value)) return value;
  return encodeURI(value).replace('#', '%23');
}

/** `URL#sanitize_url`: one leading slash, `..` made `/`, no `./`, no doubled slashes. */
export function sanitizeUrl(url: string): string {
  return `/${url}`.split('..').join('/').split('./').join('').replace(/\/{2,}/g, '/');
}

/**
 * A page's URL from `URL#generate_url_from_hash`: each placeholder replaced in order; a
 * placeholder the page has no value for is left as written (`:title` means nothing on a page).
 */
export function fillFromHash(template: string, placeholders: readonly [string, string | undefined][]): string {
  let result = template;
  for (const [key, value] of placeholders) {
    if (!result.includes(':')) break;
    result = value === undefined ? result.split(`/:${key}`).join('') : result.split(`:${key}`).join(escapePath(value));
  }
  return result;
}

/**
 * A document's URL from `URL#generate_url_from_drop`: every `:name` replaced by the drop's value.
 * Returns undefined when the template names a placeholder documents do not have (Jekyll stops the build).
 */
export function fillFromDrop(template: string, value: (name: string) => string | undefined): string | undefined {
  let unknown = false;
  const filled = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    const pool = name.endsWith('_') ? [name, name.slice(0, -1)] : [name];
    for (const key of pool) {
      const found = value(key);
      if (found !== undefined) return match.replace(`:${key}`, escapePath(found));
    }
    unknown = true;
    return match;
  });
  return unknown ? undefined : filled;
}

const SLUGIFY_PATTERNS: Readonly<Record<string, RegExp>> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

/** `Utils.slugify` (modes raw, default, pretty, ascii; latin is read as default). */
export function slugify(text: string, mode = 'default', cased = false): string {
  const pattern = SLUGIFY_PATTERNS[mode === 'latin' ? 'default' : mode];
  if (!pattern) return cased ? text : text.toLowerCase();
  const source = mode === 'latin' ? text.normalize('NFD').replace(/\p{M}/gu, '') : text;
  const slug = source.replace(pattern, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/** `Utils.titleize_slug`: `my-first-post` → `My First Post`. */
export function titleizeSlug(slug: string): string {
  return slug.split('-').map((word) => (word === '' ? '' : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())).join(' ');
}

/** The date parts a URL uses, as the date is written (Jekyll keeps a written offset; without one, local time is the written time). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * `2024-03-01`, `2024-3-1 10:30:00 +0100`, `2024-03-01T10:30:00Z`: the parts Jekyll uses
 * (`Utils.parse_date` reads the time in the local zone): as written without an offset, else
 * moved into `zone` (the site's `timezone`, or the machine's when undefined). Undefined when no date.
 */
export function parseDateText(text: string, zone?: string): DateParts | undefined {
  const match = /^\s*(\d{2,4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?)?/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const offset = match[7];
  if (!offset) return { year, month, day, hour, minute, second };
  const [, sign, hours, minutes] = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(offset) ?? ['', '+', '0', '0'];
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0)) * 60_000;
  return zonedParts(new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMs), zone);
}

/** An instant's calendar parts in an IANA zone, or in the machine's zone. */
export function zonedParts(instant: Date, zone?: string): DateParts {
  if (zone) {
    try {
      const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      }).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
      return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
    } catch {
      // An unknown zone name: Ruby falls back to UTC.
      return datePartsOf(instant);
    }
  }
  return {
    year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate(),
    hour: instant.getHours(), minute: instant.getMinutes(), second: instant.getSeconds(),
  };
}

/**
 * The UTC offset of an IANA zone, in minutes east, at a wall-clock time in that zone (`-480` for
 * Los Angeles in winter); 0 without a zone or for one Ruby would not know (it falls back to UTC).
 */
export function zoneOffsetAt(wallClock: DateParts, zone: string | undefined): number {
  if (!zone) return 0;
  const asUtc = utcTime(wallClock);
  let instant = asUtc;
  // Twice: the offset at the first guess may differ from the offset at the instant (a change of summer time between).
  for (let i = 0; i < 2; i++) {
    instant -= utcTime(zonedParts(new Date(instant), zone)) - asUtc;
  }
  return Math.round((asUtc - instant) / 60_000);
}

/** The calendar parts read as a time in UTC, in milliseconds. */
export function utcTime(parts: DateParts): number {
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

export function datePartsOf(date: Date): DateParts {
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(),
  };
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The date placeholders of `Drops::UrlDrop` (`strftime` of the document's date). */
export function datePlaceholders(parts: DateParts): Record<string, string> {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const calendar = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  const weekday = calendar.getUTCDay();
  const yearStart = Date.UTC(parts.year, 0, 1);
  const yDay = Math.round((calendar.getTime() - yearStart) / 86_400_000) + 1;
  const iso = isoWeek(calendar);
  return {
    year: pad(parts.year, 4), month: pad(parts.month), day: pad(parts.day),
    hour: pad(parts.hour), minute: pad(parts.minute), second: pad(parts.second),
    i_day: String(parts.day), i_month: String(parts.month),
    short_month: LONG_MONTHS[parts.month - 1].slice(0, 3), long_month: LONG_MONTHS[parts.month - 1],
    short_year: pad(parts.year % 100), w_year: String(iso.year), week: pad(iso.week),
    w_day: String(weekday === 0 ? 7 : weekday), short_day: SHORT_DAYS[weekday], long_day: LONG_DAYS[weekday],
    y_day: pad(yDay, 3),
  };
}

/** ISO 8601 week number and week-based year (`%V`, `%G`): the week of the date's Thursday. */
function isoWeek(date: Date): { year: number; week: number } {
  const thursday = new Date(date.getTime());
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return { year, week };
}
