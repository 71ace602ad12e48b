// Fixes change no byte outside their ranges: every fix of every diagnostic of a mutated page, alone
// and all safe ones together as `--fix` and "fix all" apply them, leave the bytes before, between and
// after their edits as they were (an edit may not split a character's UTF-16 pair either).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/frontmatter/text';
import type { Diagnostic } from '../../server/src/rules/rule';
import { applyEditGroups, compatibleEditGroups, RangeEdit, safeFixes } from '../../server/src/service/fixes';
import { fuzz, FuzzSite, pageText, regressionCases } from './harness';

const site = new FuzzSite();

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** What is wrong with applying `groups` to `text` ('' when nothing): a byte changed outside the edits, or a pair split. */
function outsideChanges(text: string, groups: RangeEdit[][]): string {
  const lines = new LineIndex(text);
  const taken = compatibleEditGroups(text, groups).flat()
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (const edit of taken) {
    for (const offset of [edit.start, edit.end]) {
      if (offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset))) return `an edit at ${offset} splits a character`;
    }
  }
  const result = Buffer.from(applyEditGroups(text, groups).text, 'utf8');
  // The bytes the result must have, in order: the text between edits, and each edit's new text.
  let expected = Buffer.alloc(0);
  let from = 0;
  for (const edit of taken) {
    expected = Buffer.concat([expected, Buffer.from(text.slice(from, edit.start), 'utf8'), Buffer.from(edit.newText, 'utf8')]);
    from = Math.max(from, edit.end);
  }
  expected = Buffer.concat([expected, Buffer.from(text.slice(from), 'utf8')]);
  return result.equals(expected) ? '' : `bytes outside the edits changed (${result.length} bytes, ${expected.length} expected)`;
}

function verdict(relPath: string, text: string): string {
  const diagnostics: Diagnostic[] = site.check(relPath, text).get(relPath) ?? [];
  for (const diagnostic of diagnostics) {
    for (const fix of diagnostic.fixes) {
      const problem = outsideChanges(text, [fix.edits]);
      if (problem) return `${diagnostic.code} fix "${fix.title}": ${problem}`;
    }
  }
  const all = outsideChanges(text, safeFixes(diagnostics));
  return all ? `the safe fixes together: ${all}` : '';
}

test('every fix, and all safe fixes together, change no byte outside their ranges', () => {
  fuzz('edits', fc.property(fc.constantFrom(...site.targets), pageText, (relPath, text) => {
    assert.equal(verdict(relPath, text), '', `${relPath}:\n${JSON.stringify(text)}`);
  }), ([, text]) => text);
});

test('kept regression cases keep their bytes too', () => {
  for (const { name, text } of regressionCases('check')) {
    for (const relPath of site.targets) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});
