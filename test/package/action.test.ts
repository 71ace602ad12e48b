// The GitHub Action as the runner runs it: action.yml checked against GitHub's schema, then
// dist/action/main.js started with the inputs' defaults from action.yml as INPUT_* variables, and
// GITHUB_STEP_SUMMARY / GITHUB_OUTPUT pointing at temporary files.
import { validateAction, validateWorkflow } from '@action-validator/core';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { copyExampleSite } from '../helpers/site';
import { sarifProblems } from '../helpers/sarif';
import { BIN, cleanEnv, REPO, spawn, tempDir } from './helpers';

interface ActionManifest { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } }
const ACTION_TEXT = fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8');
const ACTION = parse(ACTION_TEXT) as ActionManifest;

interface ActionRun { status: number | null; stdout: string; summary: string; outputs: Record<string, string> }

/** Runs the Action in `workspace` with action.yml's defaults overridden by `inputs`. */
function runAction(workspace: string, inputs: Record<string, string> = {}): ActionRun {
  const files = tempDir('jekyll-author-runner-');
  try {
    const summaryFile = path.join(files, 'summary.md');
    const outputFile = path.join(files, 'output');
    const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace };
    for (const [name, input] of Object.entries(ACTION.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? input.default ?? '';
    const result = spawn(process.execPath, [path.join(REPO, ACTION.runs.main)], workspace, cleanEnv(env));
    const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    const outputs = Object.fromEntries(read(outputFile).split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
    return { status: result.status, stdout: result.stdout, summary: read(summaryFile), outputs };
  } finally {
    fs.rmSync(files, { recursive: true, force: true });
  }
}

interface JsonDiagnostic { file: string; line: number; column: number; severity: string; code: string }
function cliDiagnostics(site: string): JsonDiagnostic[] {
  return JSON.parse(spawn(process.execPath, [BIN, 'check', '--root', site, '--format', 'json'], site).stdout).diagnostics;
}

describe('the GitHub Action', () => {
  let site: string;
  before(() => { site = copyExampleSite(); });
  after(() => fs.rmSync(site, { recursive: true, force: true }));

  it('action.yml is valid for GitHub and declares the inputs, outputs and the bundled entry on node20', () => {
    assert.deepEqual(validateAction(ACTION_TEXT).errors, []);
    assert.equal(ACTION.runs.using, 'node20');
    assert.ok(fs.existsSync(path.join(REPO, ACTION.runs.main)), `${ACTION.runs.main} is built`);
    assert.deepEqual(Object.keys(ACTION.inputs).sort(), ['fail-on', 'format', 'paths', 'root', 'sarif-file']);
    assert.equal(ACTION.inputs.format.default, 'github');
    assert.equal(ACTION.inputs['fail-on'].default, 'error');
    assert.deepEqual(Object.keys(ACTION.outputs).sort(), ['errors', 'notes', 'pages', 'sarif-file', 'warnings']);
  });

  it('the documented workflow for a GitHub Pages site is valid and gives the Action only inputs it has', () => {
    const text = fs.readFileSync(path.join(REPO, 'docs', 'examples', 'check-site.yml'), 'utf8');
    assert.deepEqual(validateWorkflow(text).errors, []);
    const steps = (parse(text) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> }).jobs.check.steps;
    const ours = steps.find((step) => step.uses?.startsWith('jekyll-author/jekyll-author@'));
    assert.ok(ours, 'the workflow uses the Action');
    for (const name of Object.keys(ours.with ?? {})) assert.ok(name in ACTION.inputs, `${name} is an input of action.yml`);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, ours.with?.['sarif-file'], 'the SARIF file written is the one uploaded');
  });

  it('annotates every problem, writes the summary, the outputs and a valid SARIF file, and fails on errors', () => {
    const expected = cliDiagnostics(site);
    const run = runAction(site, { 'sarif-file': 'reports/jekyll-author.sarif' });
    assert.equal(run.status, 1);
    const annotations = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) file=/.test(line));
    assert.equal(annotations.length, expected.length);
    const first = expected[0];
    assert.ok(annotations[0].includes(`file=${first.file},line=${first.line},col=${first.column},`), annotations[0]);
    const count = (severity: string) => expected.filter((d) => d.severity === severity).length;
    assert.deepEqual(
      { errors: run.outputs.errors, warnings: run.outputs.warnings, sarif: run.outputs['sarif-file'] },
      { errors: String(count('error')), warnings: String(count('warning')), sarif: 'reports/jekyll-author.sarif' },
    );
    assert.match(run.summary, new RegExp(`^## Jekyll Author: ${count('error')} errors, ${count('warning')} warnings`));
    const yamlErrors = expected.filter((d) => d.code === 'yaml-syntax').length;
    assert.match(run.summary, new RegExp(`^\\| \\[yaml-syntax\\]\\([^)]*docs/rules/yaml-syntax\\.md\\) \\| ${yamlErrors} \\| 0 \\| 0 \\|$`, 'm'));
    assert.match(run.summary, /### The 10 files with the most problems/);
    assert.match(run.stdout, /^::error title=Jekyll Author::The site has \d+ errors\./m);
    const sarif = JSON.parse(fs.readFileSync(path.join(site, 'reports/jekyll-author.sarif'), 'utf8'));
    assert.deepEqual(sarifProblems(sarif), []);
    assert.equal(sarif.runs[0].results.length, expected.length);
  });

  it('passes on a clean page, and fails on a warning with fail-on: warning', () => {
    const clean = runAction(site, { paths: 'research/air-quality.md' });
    assert.equal(clean.status, 0, clean.stdout);
    assert.doesNotMatch(clean.stdout, /^::error/m);
    assert.match(clean.summary, /0 errors, 0 warnings, 0 notes in 1 page checked[\s\S]*Every checked file is clean/);
    const all = cliDiagnostics(site);
    const warned = all.find((d) => d.severity === 'warning' && !all.some((e) => e.file === d.file && e.severity === 'error'));
    assert.ok(warned, 'the example site has a page with warnings only');
    assert.equal(runAction(site, { paths: warned.file }).status, 0, 'warnings pass by default');
    const strict = runAction(site, { paths: warned.file, 'fail-on': 'warning' });
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /^::error title=Jekyll Author::The site has \d+ warnings? \(fail-on: warning\)/m);
  });

  it('points annotations at the repository when the site is in a folder of it', () => {
    const repo = tempDir('jekyll-author-repo-');
    try {
      fs.cpSync(site, path.join(repo, 'docs'), { recursive: true });
      const run = runAction(repo, { root: 'docs', paths: 'docs/broken/colon-title.md' });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^::error file=docs\/broken\/colon-title\.md,line=3,/m);
      assert.match(run.summary, /`docs\/broken\/colon-title\.md`/);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a wrong input fails the step with a message saying what to write', () => {
    const run = runAction(site, { 'fail-on': 'sometimes' });
    assert.equal(run.status, 2);
    assert.match(run.stdout, /^::error title=Jekyll Author::The input fail-on is "sometimes": use error or warning\./m);
    const empty = tempDir('jekyll-author-empty-');
    try {
      const notSite = runAction(empty);
      assert.equal(notSite.status, 2);
      assert.match(notSite.stdout, /is not a Jekyll site/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
