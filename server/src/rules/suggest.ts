/**
 * "Did you mean …?": ranking the names a site has against one that was mistyped.
 * Shared by every rule that suggests a replacement (layouts, sections, files, pages).
 */

/**
 * Edit distance (optimal string alignment: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1). Stops early and returns `limit + 1` once the
 * distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Uint32Array(6 * width);
  // Three rows of `rows`, rotated: two rows back, the previous row, the current one.
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j <= b.length; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, rows[beforePrevious + j - 2] + 1);
      }
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const oldest = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = oldest;
  }
  return rows[previous + b.length];
}

/** The rows `editDistance` works in, kept: suggestions compare a key with every known name on each keystroke. */
let rows = new Uint32Array(96);

export interface SuggestOptions {
  /** How many suggestions at most (3 unless told). */
  limit?: number;
  /**
   * For `/`-separated values (sections, paths): also offer candidates in the same folder even
   * when their last part is not close, ranked after the close ones. Off unless told.
   */
  sameFolder?: boolean;
}

/**
 * The candidates most like `value`, best first: small edit distance (case-insensitive), or
 * one being a prefix of the other. Candidates too far off are left out, so an empty list
 * means "no good guess".
 */
export function rankSuggestions(value: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const limit = options.limit ?? 3;
  const wanted = value.toLowerCase();
  const wantedFolder = folderOf(wanted);
  const scored: { candidate: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === value || seen.has(candidate)) continue;
    seen.add(candidate);
    const lower = candidate.toLowerCase();
    const allowed = Math.max(1, Math.floor(Math.max(wanted.length, lower.length) / 3));
    const distance = editDistance(wanted, lower, allowed);
    let score: number | undefined;
    if (distance <= allowed) score = distance;
    else if (isPrefixMatch(wanted, lower)) score = allowed + 0.5;
    else if (options.sameFolder && wantedFolder !== '' && folderOf(lower) === wantedFolder) {
      // Same folder, different name: a weak guess, ranked by how close the last parts are.
      const a = lastPart(wanted);
      const b = lastPart(lower);
      score = 1000 + editDistance(a, b) / Math.max(a.length, b.length, 1);
    }
    if (score !== undefined) scored.push({ candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** ` Did you mean `a`?`, ` Did you mean `a` or `b`?`, or '' when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `\`${s}\``);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}

function isPrefixMatch(a: string, b: string): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  return shorter.length >= 3 && longer.startsWith(shorter);
}

function folderOf(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash === -1 ? '' : value.slice(0, slash);
}

function lastPart(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}
