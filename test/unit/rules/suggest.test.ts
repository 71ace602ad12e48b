import assert from 'node:assert/strict';
import { test } from 'node:test';
import { didYouMean, editDistance, rankSuggestions } from '../../../server/src/rules/suggest';

test('edit distance counts swaps as one edit and stops early past the limit', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('defualt', 'default'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
});

test('suggestions are ranked by closeness, prefixes count, far names are left out', () => {
  assert.deepEqual(rankSuggestions('section-hom', ['default', 'section-home', 'home']), ['section-home']);
  assert.deepEqual(rankSuggestions('post', ['default', 'home']), []);
  assert.deepEqual(rankSuggestions('res', ['research', 'resources', 'zzz']), ['research', 'resources']);
  assert.deepEqual(rankSuggestions('a/zzzz', ['a/b', 'b/zzzz', 'a/zzzy'], { sameFolder: true }), ['a/zzzy', 'b/zzzz', 'a/b']);
  assert.equal(didYouMean([]), '');
  assert.equal(didYouMean(['a', 'b', 'c']), ' Did you mean `a`, `b` or `c`?');
});
