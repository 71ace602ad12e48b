// The GitHub Action's entry point (action.yml runs the bundle of this file with the runner's Node):
// reads the inputs from INPUT_* variables, prints the check in the chosen format (annotations by
// default), writes the SARIF file, the job summary and the step's outputs, and fails the step as
// `fail-on` says.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkStatus, runChecks } from './check';
import { escapeData, formatDiagnostics, plural, severityCounts, summaryLine } from './format';
import { parseFormat } from './options';
import { markdownSummary } from './summary';
import { UsageError } from './usage-error';

/** An input as the runner passes it: `INPUT_` and the name in capitals, spaces as underscores. */
function input(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `paths`: one per line or separated by spaces, as a YAML block or a single line gives them. */
function inputList(name: string): string[] {
  return input(name).split(/\s+/).filter(Boolean);
}

function failOn(): number | undefined {
  const value = input('fail-on') || 'error';
  if (value === 'error') return undefined;
  if (value === 'warning') return 0;
  throw new UsageError(`The input fail-on is "${value}": use error or warning.`);
}

/** Appends `name=value` lines to the file the runner reads outputs from (values here are one line). */
function writeOutputs(outputs: Record<string, string | number>): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  fs.appendFileSync(file, Object.entries(outputs).map(([name, value]) => `${name}=${value}\n`).join(''));
}

export function runAction(): number {
  const format = parseFormat(input('format') || 'github');
  const maxWarnings = failOn();
  const run = runChecks({
    paths: inputList('paths'), root: input('root') || undefined, format,
    settings: {}, fix: false, quiet: false, maxWarnings, changed: false,
  });
  process.stdout.write(formatDiagnostics(run.diagnostics, format, run.displayPath, { pages: run.pages }));
  if (format !== 'text') process.stdout.write(`${summaryLine(run.diagnostics, run.pages)}\n`);

  const sarifFile = input('sarif-file');
  if (sarifFile) {
    fs.mkdirSync(path.dirname(path.resolve(sarifFile)), { recursive: true });
    fs.writeFileSync(sarifFile, formatDiagnostics(run.diagnostics, 'sarif', run.displayPath, { pages: run.pages }));
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdownSummary(run.diagnostics, run.pages, run.displayPath));
  }
  const counts = severityCounts(run.diagnostics);
  writeOutputs({ errors: counts.errors, warnings: counts.warnings, notes: counts.notes, pages: run.pages, 'sarif-file': sarifFile });

  const status = checkStatus(run.diagnostics, maxWarnings);
  if (status !== 0) {
    const why = counts.errors > 0 ? plural(counts.errors, 'error') : `${plural(counts.warnings, 'warning')} (fail-on: warning)`;
    process.stdout.write(githubError(`The site has ${why}. See the annotations and the job summary.`));
  }
  return status;
}

function githubError(message: string): string {
  return `::error title=Jekyll Author::${escapeData(message)}\n`;
}

/** Runs the Action; a bad input or a folder that is not a site fails the step with its reason. */
export function actionMain(): void {
  try {
    process.exitCode = runAction();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stdout.write(githubError(error.message));
    process.exitCode = 2;
  }
}

actionMain();
