/** Positions in a document, shaped like LSP's so the server converts them without copying logic. */
export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Converts between offsets and line/column for one text, or for the part of it from `from` to `to`
 * (its lines numbered from 0; offsets stay the whole text's).
 * `\r\n`, `\n` and a lone `\r` each end a line, as editors count them.
 */
export class LineIndex {
  /** Worked out on first use: most pages of a site are checked without a finding, so without a position. */
  private starts: number[] | undefined;

  constructor(readonly text: string, private readonly from = 0, private readonly to = text.length) {}

  private get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text, this.from, this.to));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(this.from, Math.min(offset, this.to));
    const starts = this.lineStarts;
    const line = lastAtOrBefore(starts, clamped);
    return { line, character: clamped - starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.to;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.to;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The last index of `starts` (ascending, starting at or before `offset`) whose value is at most `offset`, by binary search. */
export function lastAtOrBefore(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function lineStartsOf(text: string, from: number, to: number): number[] {
  const cr = text.indexOf('\r', from);
  if (cr !== -1 && cr < to) return lineStartsWithCarriageReturns(text, from, to);
  // Only `\n` breaks lines: the string search finds them many times faster than a loop over each character.
  const starts = [from];
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function lineStartsWithCarriageReturns(text: string, from: number, to: number): number[] {
  const starts = [from];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
