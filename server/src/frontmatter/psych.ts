/**
 * What Ruby's Psych (the YAML 1.1 parser Jekyll uses) makes of a plain, untagged scalar.
 * A port of Psych 4's ScalarScanner#tokenize, so that `5.10` is a float, `yes` is true,
 * `y` stays a string, `1e3` stays a string and `2020-1-2` is a date, exactly as Jekyll sees them.
 */
export type ScalarKind = 'string' | 'null' | 'bool' | 'int' | 'float' | 'date' | 'time';

export interface PsychScalar {
  kind: ScalarKind;
  value: string | number | boolean | null | Date;
}

const TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;
const FLOAT = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?)$/;
const INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;
const SEXAGESIMAL_INT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/;
const SEXAGESIMAL_FLOAT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/;
const LOOKS_LIKE_WORD = /^[^\d.:-]?[\p{L}_\s!@#$%^&*(){}<>|/\\~;=]+/u;

const str = (value: string): PsychScalar => ({ kind: 'string', value });

export function tokenizePlainScalar(source: string): PsychScalar {
  if (source === '') return { kind: 'null', value: null };
  if (LOOKS_LIKE_WORD.test(source) || source.includes('\n')) {
    if (source.length > 5) return str(source);
    if (/^[^ytonf~]/i.test(source)) return str(source);
    if (source === '~' || /^null$/i.test(source)) return { kind: 'null', value: null };
    if (/^(yes|true|on)$/i.test(source)) return { kind: 'bool', value: true };
    if (/^(no|false|off)$/i.test(source)) return { kind: 'bool', value: false };
    return str(source);
  }
  if (TIME.test(source)) return parseTime(source) ?? str(source);
  if (DATE.test(source)) return parseDate(source) ?? str(source);
  if (/^\+?\.inf$/i.test(source)) return { kind: 'float', value: Infinity };
  if (/^-\.inf$/i.test(source)) return { kind: 'float', value: -Infinity };
  if (/^\.nan$/i.test(source)) return { kind: 'float', value: NaN };
  // Psych makes a Symbol of `:name`, which Jekyll's safe_load refuses; a string is the closest we can say.
  if (/^:./.test(source)) return str(source);
  if (SEXAGESIMAL_INT.test(source)) return { kind: 'int', value: sexagesimal(source, (n) => parseInt(n, 10)) };
  if (SEXAGESIMAL_FLOAT.test(source)) return { kind: 'float', value: sexagesimal(source, (n) => parseFloat(n)) };
  if (FLOAT.test(source)) {
    if (/^[-+]?\.$/.test(source)) return str(source);
    return { kind: 'float', value: parseFloat(source.replace(/[,_]/g, '').replace(/\.([Ee]|$)/, '$1')) };
  }
  if (INTEGER.test(source)) return { kind: 'int', value: parseRubyInteger(source.replace(/[,_]/g, '')) };
  return str(source);
}

/** Psych's own (odd) base-60 rule: each part is weighed by 60^|index-2|. */
function sexagesimal(source: string, toNumber: (part: string) => number): number {
  const negative = source.startsWith('-');
  const parts = source.replace(/^[-+]/, '').replace(/_/g, '').split(':');
  let total = 0;
  parts.forEach((part, index) => {
    total += toNumber(part) * 60 ** Math.abs(index - 2);
  });
  return negative ? -total : total;
}

function parseRubyInteger(digits: string): number {
  const negative = digits.startsWith('-');
  const unsigned = digits.replace(/^[-+]/, '');
  let value: number;
  if (/^0b/i.test(unsigned)) value = parseInt(unsigned.slice(2), 2);
  else if (/^0x/i.test(unsigned)) value = parseInt(unsigned.slice(2), 16);
  else if (/^0\d/.test(unsigned)) value = parseInt(unsigned.slice(1), 8);
  else value = parseInt(unsigned, 10);
  return negative ? -value : value;
}

function parseDate(source: string): PsychScalar | undefined {
  const [y, m, d] = source.split('-').map((part) => parseInt(part, 10));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { kind: 'date', value: date };
}

function parseTime(source: string): PsychScalar | undefined {
  const match = /^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?\s*(Z|[-+]\d{1,2}(?::?\d\d)?)?$/.exec(source);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const millis = fraction ? Math.round(parseFloat(`0.${fraction}`) * 1000) : 0;
  let utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, millis);
  if (zone && zone !== 'Z') {
    const tz = /^([-+])(\d{1,2}):?(\d\d)?$/.exec(zone);
    if (tz) {
      const minutes = parseInt(tz[2], 10) * 60 + (tz[3] ? parseInt(tz[3], 10) : 0);
      utc -= (tz[1] === '-' ? -1 : 1) * minutes * 60_000;
    }
  }
  // Without a zone Psych reads local time; the server runs in UTC semantics so results do not depend on the machine.
  return { kind: 'time', value: new Date(utc) };
}

/** The words an author understands for each kind, used in messages. */
export function describeKind(kind: ScalarKind): string {
  switch (kind) {
    case 'string': return 'text';
    case 'null': return 'empty (nil)';
    case 'bool': return 'a true/false value';
    case 'int': return 'a whole number';
    case 'float': return 'a decimal number';
    case 'date': return 'a date';
    case 'time': return 'a date and time';
  }
}
