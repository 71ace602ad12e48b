// The CLI's conventions for CI: --quiet, --max-warnings, exit codes, sorted output, colour only when
// wanted, --help/--version, SARIF that the SARIF 2.1.0 schema accepts, the progress line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { colorWanted } from '../../../server/src/cli/format';
import { PROGRESS_THRESHOLD, terminalProgress } from '../../../server/src/cli/progress';
import { sarifProblems } from '../../helpers/sarif';
import { copyExampleSite } from '../../helpers/site';

const CLI = path.resolve(__dirname, '../../../../bin/jekyll-author');
const site = copyExampleSite();
after(() => fs.rmSync(site, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NO_COLOR' && name !== 'FORCE_COLOR'));
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: site, encoding: 'utf8', env: { ...base, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic { file: string; line: number; column: number; severity: string; code: string }
const all = JSON.parse(run(['check', '--format', 'json']).stdout).diagnostics as JsonDiagnostic[];
const count = (severity: string) => all.filter((d) => d.severity === severity).length;
/** A page with warnings and no errors, and how many. */
const warnedFile = all.find((d) => d.severity === 'warning' && !all.some((e) => e.file === d.file && e.severity === 'error'))!.file;
const warningsOf = (file: string) => all.filter((d) => d.file === file && d.severity === 'warning').length;

test('--quiet prints the errors only', () => {
  const { status, stdout } = run(['check', '--quiet']);
  assert.equal(status, 1);
  const lines = stdout.trim().split('\n').slice(0, -1);
  assert.equal(lines.length, count('error'));
  for (const line of lines) assert.match(line, /^\S+:\d+:\d+ error /);
  assert.match(stdout, new RegExp(`^${count('error')} errors, 0 warnings, 0 notes in \\d+ pages checked\\.$`, 'm'));
});

test('--max-warnings fails a page with more warnings than allowed, and says so', () => {
  const warnings = warningsOf(warnedFile);
  assert.equal(run(['check', warnedFile]).status, 0, 'warnings alone pass');
  assert.equal(run(['check', warnedFile, '--max-warnings', String(warnings)]).status, 0);
  const over = run(['check', warnedFile, '--max-warnings', String(warnings - 1)]);
  assert.equal(over.status, 1);
  assert.match(over.stderr, new RegExp(`Too many warnings: ${warnings}, more than --max-warnings ${warnings - 1} allows`));
  const quiet = run(['check', warnedFile, '--quiet', '--max-warnings', '0']);
  assert.equal(quiet.status, 1, 'hidden warnings still count, as in ESLint');
  for (const bad of ['-1', 'many', '1.5']) {
    const result = run(['check', `--max-warnings=${bad}`]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--max-warnings .*: give a whole number of warnings/);
  }
});

test('every format lists the problems in one stable order: by file, then line and column', () => {
  const places = all.map((d) => [d.file, d.line, d.column] as const);
  const sorted = [...places].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  assert.deepEqual(places, sorted);
  assert.equal(run(['check', '--format', 'github']).stdout, run(['check', '--format', 'github']).stdout);
  const textPlaces = run(['check']).stdout.trim().split('\n').slice(0, -1).map((line) => line.split(' ')[0]);
  assert.deepEqual(textPlaces, all.map((d) => `${d.file}:${d.line}:${d.column}`));
});

test('colour only on a terminal, or when FORCE_COLOR asks; NO_COLOR turns it off', () => {
  assert.doesNotMatch(run(['check']).stdout, /\x1b\[/, 'a pipe gets no colour');
  const forced = run(['check'], { FORCE_COLOR: '1' }).stdout;
  assert.match(forced, /\x1b\[31merror\x1b\[0m/);
  assert.doesNotMatch(run(['check', '--format', 'github'], { FORCE_COLOR: '1' }).stdout, /\x1b\[/, 'annotations stay plain');
  assert.equal(colorWanted({ isTTY: true }, {}), true);
  assert.equal(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorWanted({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(colorWanted({ isTTY: true }, { FORCE_COLOR: '0' }), false);
});

test('--help and --version answer on standard output and exit 0', () => {
  const version = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')).version;
  assert.deepEqual(run(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
  for (const args of [['--help'], ['check', '--help'], ['render', '-h']]) {
    const { status, stdout } = run(args);
    assert.equal(status, 0);
    assert.match(stdout, /^Usage: jekyll-author/);
    assert.match(stdout, /Exit status: 0 .*1 errors found.*\n.*2 bad usage/);
  }
});

test('--changed outside a git repository says what to do instead', () => {
  const { status, stderr } = run(['check', '--changed']);
  assert.equal(status, 2);
  assert.match(stderr, /--changed needs git: .* is not inside a git repository\. Name the files to check instead\./);
});

test('SARIF output is valid SARIF 2.1.0 and the schema check can fail', () => {
  const sarif = JSON.parse(run(['check', '--format', 'sarif']).stdout);
  assert.deepEqual(sarifProblems(sarif), []);
  assert.equal(sarif.runs[0].results.length, all.length);
  assert.notDeepEqual(sarifProblems({ version: '2.1.0', runs: [{ results: [] }] }), [], 'a run without its tool is refused');
});

test('a progress line on a terminal for big sites only, erased at the end', () => {
  const written: string[] = [];
  const stream = (isTTY: boolean) => ({ isTTY, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
  const total = PROGRESS_THRESHOLD + 1;
  const progress = terminalProgress(stream(true), total);
  for (let done = 1; done <= total; done++) progress.update(done, total);
  progress.done();
  assert.equal(written.length, 102, 'once per percent (0 to 100), then the erase');
  assert.equal(written[written.length - 2], `\rChecking ${total}/${total} files (100%)…`);
  assert.equal(written[written.length - 1], '\r\x1b[2K');
  written.length = 0;
  terminalProgress(stream(false), total).update(1, total);
  terminalProgress(stream(true), PROGRESS_THRESHOLD).update(1, PROGRESS_THRESHOLD);
  assert.deepEqual(written, [], 'no line in a log or for a small site');
});
