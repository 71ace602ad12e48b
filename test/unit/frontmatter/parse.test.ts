import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFrontMatter, parseFrontMatter } from '../../../server/src/frontmatter/parse';
import { LineIndex } from '../../../server/src/frontmatter/text';

test('front matter must open on the first line and closes at --- or ...', () => {
  const text = '---\ntitle: A\n...\nbody\n';
  const block = findFrontMatter(text);
  assert.equal(block.present, true);
  assert.equal(block.closed, true);
  assert.equal(text.slice(block.yamlStart, block.yamlEnd), 'title: A\n');
  assert.equal(text.slice(block.bodyStart), 'body\n');
  assert.equal(findFrontMatter('\n---\ntitle: A\n---\n').present, false);
  assert.equal(findFrontMatter('--- title: A\n---\n').present, false);
  assert.equal(findFrontMatter('---  \ntitle: A\n---   \n').closed, true);
});

test('an unclosed block is present but gives no data, as in Jekyll', () => {
  const parsed = parseFrontMatter('---\ntitle: A\n\nSome text\n');
  assert.equal(parsed.block.present, true);
  assert.equal(parsed.block.closed, false);
  assert.deepEqual(parsed.data, {});
  assert.deepEqual(parsed.problems, []);
});

test('values are read as YAML 1.1 the way Psych does', () => {
  const parsed = parseFrontMatter('---\nlevel: 5.10\nlevel2: 2.3.1\nquoted: "8.1"\nflag: yes\nwhen: 2020-01-02\nweight: 010\n---\n');
  assert.equal(parsed.data.level, 5.1);
  assert.equal(parsed.data.level2, '2.3.1');
  assert.equal(parsed.data.quoted, '8.1');
  assert.equal(parsed.data.flag, true);
  assert.ok(parsed.data.when instanceof Date);
  assert.equal(parsed.data.weight, 8);
});

test('positions are exact with CRLF line endings and a byte-order mark', () => {
  const text = '\uFEFF---\r\ntitle: A\r\nlayout: x\r\n---\r\nbody';
  const parsed = parseFrontMatter(text);
  assert.deepEqual(parsed.data, { title: 'A', layout: 'x' });
  const layoutValue = parsed.root!.items[1].value as never;
  const [start, end] = parsed.offsetsOf(layoutValue);
  const lines = new LineIndex(text);
  assert.deepEqual(lines.rangeOf(start, end), { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } });
});

test('a syntax error drops all the data and is placed on its line', () => {
  const text = '---\ntitle: Results: the first year\nweight: 2\n---\n';
  const parsed = parseFrontMatter(text);
  assert.deepEqual(parsed.data, {});
  assert.equal(parsed.problems.length > 0, true);
  assert.equal(new LineIndex(text).positionAt(parsed.problems[0].start).line, 1);
});

test('an alias bomb is reported, not expanded', () => {
  const bomb = ['---', 'a: &a [x,x,x,x,x,x,x,x,x,x]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
    bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  bomb.push('---', '');
  const parsed = parseFrontMatter(bomb.join('\n'));
  assert.equal(parsed.problems[0]?.kind, 'alias-limit');
  assert.deepEqual(parsed.data, {});
});

test('merge keys and duplicate keys behave as in Psych', () => {
  const parsed = parseFrontMatter('---\nbase: &b {title: A, weight: 1}\npage:\n  <<: *b\n  weight: 2\ntitle: first\ntitle: last\n---\n');
  assert.deepEqual(parsed.data.page, { title: 'A', weight: 2 });
  assert.equal(parsed.data.title, 'last');
});

test('front matter that is a list is a problem, not data', () => {
  const parsed = parseFrontMatter('---\n- a\n- b\n---\n');
  assert.equal(parsed.problems[0]?.kind, 'not-a-mapping');
});
