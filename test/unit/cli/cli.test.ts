import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { copyExampleSite, tempDir, writeTempSite } from '../../helpers/site';

const CLI = path.resolve(__dirname, '../../../../bin/jekyll-author');

function run(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string;
}

test('check --format json lists diagnostics with 1-based positions relative to the site root', () => {
  const root = copyExampleSite();
  const { status, stdout } = run(['check', '--root', root, '--format', 'json']);
  assert.equal(status, 1, 'the broken pages hold errors');
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
  const colon = diagnostics.find((d) => d.file === 'broken/colon-title.md');
  assert.ok(colon);
  assert.deepEqual(
    { line: colon.line, column: colon.column, endLine: colon.endLine, endColumn: colon.endColumn, severity: colon.severity, code: colon.code },
    { line: 3, column: 8, endLine: 3, endColumn: 31, severity: 'error', code: 'yaml-syntax' },
  );
  assert.deepEqual(Object.keys(colon).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
});

test('check prints compiler-style lines and a summary, paths relative to the working folder', () => {
  const root = copyExampleSite();
  const { stdout } = run(['check', 'broken/colon-title.md'], root);
  const lines = stdout.trim().split('\n');
  assert.match(lines[0], /^broken\/colon-title\.md:3:8 error yaml-syntax The value of `title` contains `: `/);
  assert.match(lines[lines.length - 1], /^1 error, 0 warnings, 0 notes in 1 page checked\.$/);
});

test('a clean selection exits 0', () => {
  const root = copyExampleSite();
  const { status, stdout } = run(['check', '--root', root, path.join(root, 'research/air-quality.md')]);
  assert.equal(status, 0, stdout);
});

test('sarif and github formats carry the rule id and the place', () => {
  const root = copyExampleSite();
  const sarif = JSON.parse(run(['check', '--format', 'sarif', 'broken/colon-title.md'], root).stdout);
  assert.equal(sarif.version, '2.1.0');
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, 'yaml-syntax');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'broken/colon-title.md');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 3);
  assert.ok(sarif.runs[0].tool.driver.rules.some((rule: { id: string }) => rule.id === 'yaml-syntax'));
  const github = run(['check', 'broken/colon-title.md', '--format', 'github'], root).stdout;
  assert.match(github, /^::error file=broken\/colon-title\.md,line=3,col=8,endLine=3,endColumn=31,title=yaml-syntax::The value of `title`/);
});

test('--rule turns a rule off', () => {
  const root = copyExampleSite();
  const { status, stdout } = run(['check', 'broken/colon-title.md', '--rule', 'yaml-syntax=off'], root);
  assert.equal(status, 0);
  assert.doesNotMatch(stdout, /yaml-syntax/);
});

test('--fix applies the safe fixes and leaves the rest', () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    'a.md': '---\ntitle: Results: the first year\n---\nBody\n',
    'b.md': '---\ntitle: One\ntitle: Two\n---\n',
    'c.md': '---\ntitle: Never closed\n\nBody\n',
  });
  const { status, stderr } = run(['check', '--root', root, '--fix']);
  assert.match(stderr, /Applied 1 safe fix/);
  assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), '---\ntitle: Results: the first year\n---\nBody\n', 'mending front matter Jekyll ignores changes the page: not safe');
  assert.equal(fs.readFileSync(path.join(root, 'b.md'), 'utf8'), '---\ntitle: Two\n---\n');
  assert.equal(fs.readFileSync(path.join(root, 'c.md'), 'utf8'), '---\ntitle: Never closed\n\nBody\n', 'an unsafe fix is not applied');
  assert.equal(status, 1, 'the unclosed front matter is still an error');
});

test('bad usage, missing paths and folders that are not sites exit 2 with a clear message', () => {
  const noSite = tempDir('not-a-site-');
  const cases: [string[], RegExp][] = [
    [[], /No command given/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['check', '--format', 'xml'], /Unknown format "xml"/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['check', path.join(noSite, 'nope.md')], /No such file or folder/],
    [['check', '--root', noSite], /is not a Jekyll site: there is no _config.yml/],
    [['check', '--root', path.join(noSite, 'missing')], /No such folder/],
    [['check', '--rule', 'no-such-rule=off', '--root', noSite], /Unknown rule "no-such-rule"/],
    [['lsp'], /lsp needs --stdio/],
  ];
  for (const [args, message] of cases) {
    const { status, stderr } = run(args, noSite);
    assert.equal(status, 2, `${args.join(' ')} should exit 2`);
    assert.match(stderr, message);
    assert.match(stderr, /Usage: jekyll-author/);
  }
});

test('init writes the inferred schema once and refuses to overwrite it', () => {
  const root = copyExampleSite();
  const first = run(['init', '--root', root]);
  assert.equal(first.status, 0, first.stderr);
  const schema = JSON.parse(fs.readFileSync(path.join(root, '_jekyll-author.schema.json'), 'utf8'));
  assert.ok(schema.layouts['section-home'], 'the schema has the section-home layout');
  const second = run(['init', '--root', root]);
  assert.equal(second.status, 2);
  assert.match(second.stderr, /already exists\. Use --force/);
  assert.equal(run(['init', '--root', root, '--force']).status, 0);
});
