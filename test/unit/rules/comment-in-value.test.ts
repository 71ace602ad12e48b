import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkWithRule } from '../../helpers/site';

function check(frontMatter: string) {
  return checkWithRule({ 'page.md': `---\n${frontMatter}---\nBody\n` }, 'page.md', 'comment-in-value');
}

test('a number or hashtag after " #" is reported from the value to the end of the line', () => {
  const [issue] = check('layout: default\ntitle: Issue #4\n');
  assert.deepEqual(issue.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 15 } });
  assert.equal(issue.severity, 'warning');
  assert.equal(issue.message, 'YAML reads `title` as `Issue` only: an unquoted ` #` starts a comment, so `#4` is dropped. Put the whole value in quotes: `"Issue #4"`.');
  // The title gains `#4`: the page changes, so `check --fix` leaves it to the author.
  assert.equal(issue.fixes[0].safe, false);
  const [csharp] = check('title: C# #1 thing\n');
  assert.match(csharp.message, /as `C#` only.*`#1 thing` is dropped/);
  const [nested] = check('resources:\n  - title: Campaign #DataSavesLives\n');
  assert.match(nested.message, /`title` as `Campaign`/);
});

test('comments, block texts, quoted values, numbers and a "#" inside a word are not reported', () => {
  assert.deepEqual(check([
    'intro: | #this means everything indented below is included',
    '  Text #1 of the intro',
    'description: >- # folded',
    '  More text',
    'weight: 2 #3',
    'layout: default # the usual layout',
    'title: "Issue #4"',
    'subtitle: C#',
    'note: a #',
    '',
  ].join('\n')), []);
});
