// The job summary the GitHub Action writes: counts per rule, the worst files first, names that
// cannot break the Markdown table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Severity } from '../../../server/src/rules/rule';
import { markdownSummary } from '../../../server/src/cli/summary';

function diagnostic(file: string, code: string, severity: Severity): Diagnostic {
  const at = { line: 0, character: 0 };
  return { file, code, severity, message: 'm', range: { start: at, end: at }, fixes: [], related: [] };
}
const asIs = (file: string) => file;

test('a clean run says so in one line', () => {
  assert.equal(markdownSummary([], 3, asIs), '## Jekyll Author: 0 errors, 0 warnings, 0 notes in 3 pages checked\n\nEvery checked file is clean.\n');
});

test('counts per rule, then the files with the most errors first', () => {
  const summary = markdownSummary([
    diagnostic('a.md', 'unknown-field', 'warning'),
    diagnostic('a.md', 'unknown-field', 'warning'),
    diagnostic('b.md', 'yaml-syntax', 'error'),
    diagnostic('c.md', 'unreachable-page', 'information'),
  ], 3, (file) => `docs/${file}`);
  const lines = summary.split('\n');
  assert.equal(lines[0], '## Jekyll Author: 1 error, 2 warnings, 1 note in 3 pages checked');
  assert.ok(lines.some((line) => /^\| \[unknown-field\]\(.*unknown-field\.md\) \| 0 \| 2 \| 0 \|$/.test(line)));
  const files = lines.filter((line) => line.startsWith('| `'));
  assert.deepEqual(files, ['| `docs/b.md` | 1 | 0 | 0 |', '| `docs/a.md` | 0 | 2 | 0 |', '| `docs/c.md` | 0 | 0 | 1 |']);
});

test('only the ten worst files are listed, and the heading says of how many', () => {
  const many = Array.from({ length: 12 }, (_, i) => diagnostic(`p${String(i).padStart(2, '0')}.md`, 'unknown-field', 'warning'));
  const summary = markdownSummary(many, 12, asIs);
  assert.match(summary, /### The 10 files with the most problems \(of 12\)/);
  assert.equal(summary.split('\n').filter((line) => line.startsWith('| `')).length, 10);
});

test('a file name with a pipe or backticks stays inside its cell', () => {
  const summary = markdownSummary([diagnostic('odd|name `x`.md', 'yaml-syntax', 'error')], 1, asIs);
  assert.ok(summary.includes('| ``odd\\|name `x`.md`` | 1 | 0 | 0 |'), summary);
});
