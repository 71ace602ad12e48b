import type { Range } from '../frontmatter/text';
import { LineIndex } from '../frontmatter/text';
import type { Diagnostic } from '../rules/rule';

export interface RangeEdit {
  range: Range;
  newText: string;
}

/**
 * Applies groups of edits (one group per fix) to a text. A group that overlaps a group already
 * taken is left out whole, so no fix is half applied; it is retried on a later pass.
 */
export function applyEditGroups(text: string, groups: RangeEdit[][]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const compatible = compatibleEditGroups(text, groups);
  const taken = compatible.flat()
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }));
  let result = text;
  for (const edit of taken.sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return { text: result, applied: compatible.length };
}

/** The groups that can be applied together, in order: a group overlapping one taken before is left out whole. */
export function compatibleEditGroups(text: string, groups: RangeEdit[][]): RangeEdit[][] {
  const lines = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const compatible: RangeEdit[][] = [];
  for (const group of groups) {
    const edits = group.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }));
    const overlaps = edits.some((edit) => taken.some((other) =>
      edit.start < other.end && other.start < edit.end || (edit.start === other.start && (edit.start === edit.end || other.start === other.end))));
    if (overlaps) continue;
    taken.push(...edits);
    compatible.push(group);
  }
  return compatible;
}

/** The edits of each diagnostic's safe fix: what `check --fix` and "fix all" apply. */
export function safeFixes(diagnostics: Diagnostic[]): RangeEdit[][] {
  const groups: RangeEdit[][] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => candidate.safe && candidate.preferred)
      ?? diagnostic.fixes.find((candidate) => candidate.safe);
    if (fix) groups.push(fix.edits);
  }
  return groups;
}
