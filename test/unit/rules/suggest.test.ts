import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { didYouMean, editDistance, rankSuggestions } from '../../../server/src/rules/suggest';

test('edit distance counts swaps as one edit and stops early past the limit', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('defualt', 'default'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
});

/** Optimal string alignment distance over the whole table, as written in textbooks. */
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('edit distance is the textbook one, whatever the lengths of the names compared before', () => {
  const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é'), maxLength: 40 });
  fc.assert(fc.property(fc.array(fc.tuple(name, name, fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 8 }), (pairs) => {
    for (const [a, b, limit] of pairs) {
      const expected = tableDistance(a, b);
      assert.equal(editDistance(a, b), expected, `${a} / ${b}`);
      const within = editDistance(a, b, limit);
      assert.ok(expected <= limit ? within === expected : within > limit, `${a} / ${b} within ${limit}: ${within}, not ${expected}`);
    }
  }), { numRuns: 300 });
});

test('suggestions are ranked by closeness, prefixes count, far names are left out', () => {
  assert.deepEqual(rankSuggestions('section-hom', ['default', 'section-home', 'home']), ['section-home']);
  assert.deepEqual(rankSuggestions('post', ['default', 'home']), []);
  assert.deepEqual(rankSuggestions('res', ['research', 'resources', 'zzz']), ['research', 'resources']);
  assert.deepEqual(rankSuggestions('a/zzzz', ['a/b', 'b/zzzz', 'a/zzzy'], { sameFolder: true }), ['a/zzzy', 'b/zzzz', 'a/b']);
  assert.equal(didYouMean([]), '');
  assert.equal(didYouMean(['a', 'b', 'c']), ' Did you mean `a`, `b` or `c`?');
});
