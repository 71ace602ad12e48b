/**
 * The values of plain and quoted scalars, from their source text, exactly as the yaml package's
 * `resolve-flow-scalar.js` gives them (the simple reader's trees must equal the yaml package's).
 */

/** A plain scalar over several lines: each line break a space, and N blank lines N line breaks (`unfoldLines`). */
export function foldPlainLines(source: string): string {
  if (!source.includes('\n')) return source;
  const lines = source.split(/\r?\n/);
  let folded = lines[0].replace(/[ \t]+$/, '');
  let separator = ' ';
  for (let index = 1; index < lines.length - 1; index++) {
    const line = lines[index].trim();
    if (line === '') {
      if (separator === '\n') folded += separator;
      else separator = '\n';
    } else {
      folded += separator + line;
      separator = ' ';
    }
  }
  return folded + separator + lines[lines.length - 1].replace(/^[ \t]*/, '');
}

/** A 'single-quoted' scalar with its quotes: lines folded as a plain scalar's, `''` a quote. */
export function singleQuotedValue(source: string): string {
  const inner = source.slice(1, -1);
  return foldPlainLines(inner).replaceAll("''", "'");
}

/** `\` escapes of a double-quoted scalar (`\x`, `\u`, `\U` apart). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0',
  L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * A "double-quoted" scalar with its quotes: escapes decoded, line breaks folded (`doubleQuotedValue`).
 * Undefined where the yaml package reports an error (an unknown escape, bad hex digits).
 */
export function doubleQuotedValue(source: string): string | undefined {
  if (!source.includes('\\') && !source.includes('\n')) return source.slice(1, -1);
  let value = '';
  for (let at = 1; at < source.length - 1; ++at) {
    const char = source[at];
    if (char === '\r' && source[at + 1] === '\n') continue;
    if (char === '\n') {
      const { fold, offset } = foldLineBreaks(source, at);
      value += fold;
      at = offset;
    } else if (char === '\\') {
      let next = source[++at];
      const escaped = ESCAPES[next];
      if (escaped !== undefined) value += escaped;
      else if (next === '\n' || (next === '\r' && source[at + 1] === '\n')) {
        // An escaped line break: the next line's leading blanks go too.
        if (next === '\r') at++;
        next = source[at + 1];
        while (next === ' ' || next === '\t') next = source[++at + 1];
      } else {
        const length = HEX_DIGITS[next];
        if (length === undefined) return undefined;
        const digits = source.substr(at + 1, length);
        if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) return undefined;
        value += String.fromCodePoint(code);
        at += length;
      }
    } else if (char === ' ' || char === '\t') {
      // Blanks before a line break go.
      const blanksStart = at;
      let next = source[at + 1];
      while (next === ' ' || next === '\t') next = source[++at + 1];
      if (next !== '\n' && !(next === '\r' && source[at + 2] === '\n')) value += at > blanksStart ? source.slice(blanksStart, at + 1) : char;
    } else {
      value += char;
    }
  }
  return value;
}

/** One line break in a double-quoted scalar is a space; N + 1 of them, with blank lines between, are N line breaks (`foldNewline`). */
function foldLineBreaks(source: string, offset: number): { fold: string; offset: number } {
  let fold = '';
  let char = source[offset + 1];
  while (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
    if (char === '\r' && source[offset + 2] !== '\n') break;
    if (char === '\n') fold += '\n';
    offset += 1;
    char = source[offset + 1];
  }
  return { fold: fold || ' ', offset };
}
