/**
 * Orders for completion lists, so that the likely choice comes first. Pure functions of names
 * and paths: the unit tests pin them down.
 */
import { lastAtOrBefore } from '../frontmatter/text';
import { runToEnd } from '../site/slices';

/**
 * Candidate values for a page's `parent` (other pages' `section`s), best first: the section named
 * like the page's folder, then the sections above it (nearest first), then the ones sharing most
 * of the folder's path, shallow before deep, then alphabetically. The page's own section and those
 * below it (which would make a loop) are left out.
 */
export function rankParentSections(pageRelPath: string, ownSection: string | undefined, sections: Iterable<string>): string[] {
  return new SectionRanking(sections).rank(pageRelPath, ownSection, '', Infinity);
}

/**
 * A site's sections, sorted once, so that ranking them for a page walks only the sections it
 * returns: those under the page's folder are a contiguous run of the sorted list. A site has
 * thousands of sections; a completion list shows a hundred.
 */
export class SectionRanking {
  readonly sections: ReadonlySet<string>;
  /** Alphabetical (by code unit, so that the sections below `a/` form one run). */
  private readonly sorted: string[];
  /** The depth (slashes) of each section of `sorted`, so that ranking sorts nothing. */
  private readonly depths: Uint16Array;
  /** Each section of `sorted` in lower case, for matching what was typed. */
  private readonly lowered: string[];
  private readonly maxDepth: number;
  /** Indexes into `sorted`, shallow first, then alphabetical: the order of the sections unrelated to the page. */
  private readonly byDepth: Uint32Array;
  /**
   * `lowered` in `byDepth` order, one a line, and where each starts: what was typed is looked for in
   * this one text (a string search that skips ahead) rather than in each of thousands of sections.
   */
  private readonly loweredByDepth: string;
  private readonly loweredStarts: Uint32Array;

  constructor(sections: Iterable<string> | SortedSections) {
    const sorted = Symbol.iterator in sections ? runToEnd(sortingSections(sections as Iterable<string>)) : sections as SortedSections;
    this.sections = sorted.sections;
    this.sorted = sorted.sorted;
    this.depths = sorted.depths;
    this.lowered = sorted.lowered;
    this.maxDepth = sorted.maxDepth;
    this.byDepth = sorted.byDepth;
    this.loweredByDepth = sorted.loweredByDepth;
    this.loweredStarts = sorted.loweredStarts;
  }

  /** A ranking built a few thousand sections a step, for a server to answer requests between steps. */
  static *building(sections: Iterable<string>): Generator<void, SectionRanking> {
    return new SectionRanking(yield* sortingSections(sections));
  }

  /** The first `limit` sections containing `typed` (case-insensitive), ranked for a page. */
  rank(pageRelPath: string, ownSection: string | undefined, typed: string, limit: number): string[] {
    const folder = segments(folderOf(pageRelPath));
    const prefixes = folder.map((_, i) => folder.slice(0, i + 1).join('/')).reverse();
    const wanted = typed.toLowerCase();
    const ranked: string[] = [];
    const taken = new Set<string>();
    const wantedAt = (i: number): boolean => (wanted === '' || this.lowered[i].includes(wanted)) && !taken.has(this.sorted[i])
      && !(ownSection !== undefined && (this.sorted[i] === ownSection || this.sorted[i].startsWith(`${ownSection}/`)));
    const take = (indexes: number[]): void => {
      for (const i of indexes) {
        if (ranked.length >= limit) return;
        taken.add(this.sorted[i]);
        ranked.push(this.sorted[i]);
      }
    };
    // The folder's own section and those above it, nearest first.
    take(prefixes.map((prefix) => this.indexOf(prefix)).filter((i) => i !== -1 && wantedAt(i)));
    // Below each of them, the deepest shared folder first.
    for (const prefix of prefixes) {
      if (ranked.length >= limit) return ranked;
      const [start, end] = this.runBelow(prefix);
      take(this.inDepthOrder(start, end, slashes(prefix) + 1, limit - ranked.length, wantedAt));
    }
    for (const i of wanted === '' ? this.byDepth : this.containing(wanted)) {
      if (ranked.length >= limit) break;
      if (wantedAt(i)) take([i]);
    }
    return ranked;
  }

  /** The indexes (into `sorted`) of the sections containing `wanted` (lower case), shallow first, then alphabetical. */
  private *containing(wanted: string): Generator<number> {
    const text = this.loweredByDepth;
    const starts = this.loweredStarts;
    for (let at = text.indexOf(wanted); at !== -1;) {
      const line = lastAtOrBefore(starts, at);
      const i = this.byDepth[line];
      // A match across the line break after a section is no match.
      if (this.lowered[i].includes(wanted)) {
        yield i;
        at = line + 1 < starts.length ? text.indexOf(wanted, starts[line + 1]) : -1;
      } else {
        at = text.indexOf(wanted, at + 1);
      }
    }
  }

  /** Up to `limit` wanted indexes of `sorted[start..end)`, shallow first, then alphabetical: one pass per depth. */
  private inDepthOrder(start: number, end: number, fromDepth: number, limit: number, wanted: (i: number) => boolean): number[] {
    const out: number[] = [];
    for (let depth = fromDepth; depth <= this.maxDepth && out.length < limit; depth++) {
      for (let i = start; i < end && out.length < limit; i++) {
        if (this.depths[i] === depth && wanted(i)) out.push(i);
      }
    }
    return out;
  }

  /** The sections below `prefix/`: one run of the sorted list (as start and end indexes). */
  private runBelow(prefix: string): [number, number] {
    const start = `${prefix}/`;
    const low = this.lowerBound(start);
    let end = low;
    while (end < this.sorted.length && this.sorted[end].startsWith(start)) end++;
    return [low, end];
  }

  /** Where `section` is in `sorted`, or -1. */
  private indexOf(section: string): number {
    const at = this.lowerBound(section);
    return this.sorted[at] === section ? at : -1;
  }

  /** The first index of `sorted` not before `value`, by binary search. */
  private lowerBound(value: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The `limit` entries with the lowest scores (ties by name), ordered, without sorting all of them. */
function firstRanked<T>(entries: T[], limit: number, scoreOf: (entry: T) => number, nameOf: (entry: T) => string): string[] {
  let kept = entries;
  if (limit < entries.length) {
    const scores = Float64Array.from(entries, scoreOf).sort();
    const threshold = scores[limit - 1];
    kept = entries.filter((entry) => scoreOf(entry) <= threshold);
  }
  kept.sort((a, b) => scoreOf(a) - scoreOf(b) || compare(nameOf(a), nameOf(b)));
  return kept.slice(0, limit).map(nameOf);
}

/**
 * Site files for a path field of a page, best first: files in the folder named like the page
 * (`research/air-quality/` for `research/air-quality.md`), then in the page's own folder, then
 * those whose names share words with the page's (`air-quality-report.pdf`), then the rest.
 * Only the first `limit` are ordered and returned.
 */
export function rankFilePaths(pageRelPath: string, files: Iterable<string>, limit = Infinity): string[] {
  const ownFolder = pageRelPath.replace(/\.[^./]+$/, '');
  const folder = folderOf(pageRelPath);
  const pageWords = new Set(wordsOf(ownFolder.slice(ownFolder.lastIndexOf('/') + 1)));
  const scored: { file: string; score: number }[] = [];
  for (const file of files) {
    const tier = file.startsWith(`${ownFolder}/`) ? 0 : folder !== '' && file.startsWith(`${folder}/`) ? 1 : 2;
    const shared = wordsOf(file.slice(file.lastIndexOf('/') + 1)).filter((word) => pageWords.has(word)).length;
    scored.push({ file, score: tier * 1000 - shared });
  }
  return firstRanked(scored, limit, (entry) => entry.score, (entry) => entry.file);
}

/**
 * Pages for a `_config.yml` list of pages (`header_pages`), best first: pages the list does not
 * name yet before those it does, top-level pages before deeper ones.
 */
export function rankListedPages(pages: Iterable<string>, alreadyListed: ReadonlySet<string>): string[] {
  return [...pages].sort((a, b) => Number(alreadyListed.has(a)) - Number(alreadyListed.has(b))
    || segments(a).length - segments(b).length || compare(a, b));
}

/** Layout names, the most used first; layouts no page uses directly (`core`) last. */
export function rankLayouts(names: Iterable<string>, pagesUsing: (name: string) => number): string[] {
  return [...names].map((name) => ({ name, uses: pagesUsing(name) }))
    .sort((a, b) => b.uses - a.uses || compare(a.name, b.name))
    .map((entry) => entry.name);
}

function folderOf(relPath: string): string {
  const slash = relPath.lastIndexOf('/');
  return slash === -1 ? '' : relPath.slice(0, slash);
}

function slashes(path: string): number {
  let count = 0;
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) count++;
  return count;
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

/** Lower-case words of a file name, without its extension: `Air-quality_report.pdf` → air, quality, report. */
function wordsOf(name: string): string[] {
  return name.replace(/\.[^.]+$/, '').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 1);
}

/** What a `SectionRanking` keeps of the sections (see its fields). */
interface SortedSections {
  sections: ReadonlySet<string>;
  sorted: string[];
  depths: Uint16Array;
  lowered: string[];
  maxDepth: number;
  byDepth: Uint32Array;
  loweredByDepth: string;
  loweredStarts: Uint32Array;
}

/** Sections worked through in one step of `sortingSections`. */
const SECTIONS_PER_STEP = 2000;

function* sortingSections(sections: Iterable<string>): Generator<void, SortedSections> {
  const set = new Set(sections);
  const sorted = [...set].sort(compare);
  yield;
  const depths = new Uint16Array(sorted.length);
  const lowered = new Array<string>(sorted.length);
  let maxDepth = 0;
  for (let i = 0; i < sorted.length; i++) {
    depths[i] = Math.min(slashes(sorted[i]), 0xffff);
    lowered[i] = sorted[i].toLowerCase();
    maxDepth = Math.max(maxDepth, depths[i]);
    if (i % SECTIONS_PER_STEP === SECTIONS_PER_STEP - 1) yield;
  }
  // Shallow first, alphabetical within a depth: a counting sort by depth keeps `sorted`'s order.
  const next = new Uint32Array(maxDepth + 2);
  for (const depth of depths) next[depth + 1]++;
  for (let depth = 1; depth < next.length; depth++) next[depth] += next[depth - 1];
  const byDepth = new Uint32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) byDepth[next[depths[i]]++] = i;
  yield;
  const loweredStarts = new Uint32Array(sorted.length);
  const inOrder = new Array<string>(sorted.length);
  for (let k = 0, start = 0; k < byDepth.length; k++) {
    loweredStarts[k] = start;
    inOrder[k] = lowered[byDepth[k]];
    start += inOrder[k].length + 1;
  }
  return { sections: set, sorted, depths, lowered, maxDepth, byDepth, loweredByDepth: inOrder.join('\n'), loweredStarts };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
