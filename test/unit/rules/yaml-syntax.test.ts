import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

function check(frontMatter: string) {
  const text = `---\n${frontMatter}---\nBody\n`;
  return { text, diagnostics: checkWithRule({ 'page.md': text }, 'page.md', 'yaml-syntax') };
}

test('an unquoted ": " in a value asks for quotes and the fix quotes it', () => {
  const { text, diagnostics } = check('title: Results: the first year\nweight: 2\n');
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.severity, 'error');
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 30 } });
  assert.match(diagnostic.message, /^The value of `title` contains `: `.*Put the whole value in quotes: `title: "Results: the first year"`/);
  assert.match(diagnostic.message, /Jekyll ignores ALL of this front matter/);
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: "Results: the first year"\nweight: 2\n---\nBody\n');
  // Jekyll then reads the front matter it ignored: the page changes, so the fix is not safe.
  assert.equal(diagnostic.fixes[0].safe, false);
});

test('a wrapped value indented less than its key asks to indent the continuation', () => {
  const { text, diagnostics } = check([
    'title: A study',
    'resources:',
    '    - url: https://example.org/paper',
    '      title: A deliberative study of attitudes',
    '  within genomic medicine services',
    '',
  ].join('\n'));
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.range.start.line, 5);
  assert.match(diagnostic.message, /continue the value of `title` from line 5, but it is indented by 2 spaces and `title` by 6 spaces.*Indent it further than `title` \(8 spaces\)/);
  assert.match(applyFirstFix(text, diagnostic), /\n {6}title: A deliberative study of attitudes\n {8}within genomic medicine services\n/);
});

test('"-path:" without a space after the dash is explained and fixed', () => {
  const { text, diagnostics } = check('title: x\nresources:\n    - path: /a.pdf\n      title: A\n    -path: /b.pdf\n      title: B\n');
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic.range.start.line, 5);
  assert.match(diagnostic.message, /^A list item needs a space after the dash: write `- path:` instead of `-path:`/);
  assert.match(applyFirstFix(text, diagnostic), /\n {4}- path: \/b\.pdf\n/);
});

test('an indented field under a one-line value is explained on the indented line', () => {
  const { diagnostics } = check('title: x\n  weight: 1\n');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].range.start.line, 2);
  assert.match(diagnostics[0].message, /`weight` on line 3 is indented more than `title` on line 2/);
});

test('tabs used for indentation are named', () => {
  const { diagnostics } = check('title: a\nresources:\n\t- path: /a\n');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0].message, /indented with a tab/);
});

test('an unclosed quote is named', () => {
  const { diagnostics } = check("title: 'abc\nweight: 1\n");
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0].message, /The value on line 2 opens a ' quote that is never closed/);
});

test('valid YAML gives no diagnostic, including the traps of the real site', () => {
  const { diagnostics } = check('title: "#Data: saves lives"\nlevel: 2.3.1\nresources: \n  - path: /a.pdf\n    title: A\nintro: | #comment\n   text\n');
  assert.deepEqual(diagnostics, []);
});

test('ranges stay exact with CRLF line endings and a byte-order mark', () => {
  const text = '\uFEFF---\r\ntitle: Results: the first year\r\nweight: 2\r\n---\r\nBody\r\n';
  const [diagnostic] = checkWithRule({ 'page.md': text }, 'page.md', 'yaml-syntax');
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 30 } });
  assert.equal(applyFirstFix(text, diagnostic), '\uFEFF---\r\ntitle: "Results: the first year"\r\nweight: 2\r\n---\r\nBody\r\n');
});
