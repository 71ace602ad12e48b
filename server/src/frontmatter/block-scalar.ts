/**
 * The value of a `|` or `>` block scalar from its lines, as the yaml package's `resolve-block-scalar.js`
 * gives it, for the headers the simple reader reads: no indentation digit, clipped or stripped (`-`).
 * `lines` are the block's lines without the indentation of its first line (more-indented lines keep the rest).
 */
export function blockScalarValue(lines: string[], folded: boolean, strip: boolean): string {
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  for (const line of lines) {
    if (!folded) {
      value += separator + line;
      separator = '\n';
    } else if (line.startsWith(' ')) {
      // More-indented lines of a folded block keep their line breaks.
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + line;
      separator = '\n';
      previousMoreIndented = true;
    } else if (line === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + line;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  return strip ? value : `${value}\n`;
}
