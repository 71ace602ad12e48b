/**
 * libyaml, which Ruby's Psych uses, lets a quoted value go on over lines indented no more than its
 * key, even at column 0:
 *
 *     title: "A title that goes on
 *     at column 0"
 *
 * Psych reads `A title that goes on at column 0`; the `yaml` package refuses the second line. To
 * read such front matter as Jekyll does, those lines are indented one column past their key before
 * parsing, and offsets in the indented text are mapped back to the author's text.
 */
export interface IndentedQuotes {
  text: string;
  /** An offset in `text` back to the same place in the original. */
  toOriginal(offset: number): number;
}

/** The YAML with quoted values' under-indented lines indented; undefined when it has none. */
export function indentQuotedContinuations(yaml: string): IndentedQuotes | undefined {
  const lines = yaml.split('\n');
  /** Where spaces went, in the indented text's offsets, and how many. */
  const insertions: { at: number; count: number }[] = [];
  let open: { quote: string; indent: number } | undefined;
  let offset = 0;
  const out: string[] = [];
  for (const line of lines) {
    let scanFrom = 0;
    let written = line;
    if (open) {
      const indent = /^ */.exec(line)![0].length;
      if (line.trim() !== '' && indent <= open.indent) {
        const count = open.indent + 1 - indent;
        insertions.push({ at: offset, count });
        written = ' '.repeat(count) + line;
      }
      const close = closingQuote(written, 0, open.quote);
      if (close === -1) {
        out.push(written);
        offset += written.length + 1;
        continue;
      }
      open = undefined;
      scanFrom = close + 1;
    }
    open = openQuoteAtEnd(written, scanFrom);
    out.push(written);
    offset += written.length + 1;
  }
  if (insertions.length === 0) return undefined;
  return {
    text: out.join('\n'),
    toOriginal(at: number): number {
      let shift = 0;
      for (const insertion of insertions) {
        if (insertion.at >= at) break;
        shift += Math.min(insertion.count, at - insertion.at);
      }
      return at - shift;
    },
  };
}

/** A quoted value that starts on this line (after `key: ` or `- `) and is not closed on it. */
function openQuoteAtEnd(line: string, from: number): { quote: string; indent: number } | undefined {
  const value = /^( *(?:- +)*)(?:[^\s#'"-][^#]*?: +|[^\s#'"-][^#]*?:\t+)?(["'])/.exec(line.slice(from));
  if (from > 0 || !value) return undefined;
  const quoteAt = value[0].length - 1;
  if (closingQuote(line, quoteAt + 1, value[2]) !== -1) return undefined;
  return { quote: value[2], indent: value[1].length };
}

/** Where the quote that is open at `from` closes on this line, or -1. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') { i++; continue; }
    if (c !== quote) continue;
    if (quote === "'" && line[i + 1] === "'") { i++; continue; }
    return i;
  }
  return -1;
}
