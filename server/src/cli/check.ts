import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../rules/rule';
import { applySafeFixesToFiles } from '../service/fix-files';
import { SiteWorkspace } from '../service/workspace';
import { Site } from '../site/site';
import { changedFiles } from './changed';
import { fileProblem } from './errors';
import { compareDiagnostics } from './format';
import type { CheckOptions } from './options';
import { terminalProgress } from './progress';
import { givenPath, siteRelative, siteRootFor } from './site-paths';
import { UsageError } from './usage-error';

/**
 * Sites of more files than this are read lean (`SiteOptions.leanAbove`): each page's YAML tree is dropped
 * once its values are read and read again for its check. With the simple YAML reader that second read
 * costs no more than keeping the trees costs the garbage collector (10 000 pages: the same processor time,
 * 30 MB less), and the trees are 3 KB a page: so every site is read lean, and 100 000 pages take the same
 * path as 10 000.
 */
const LEAN_ABOVE_FILES = 0;

/** What one `check` found: every diagnostic of the selected files, sorted by file and place. */
export interface CheckRun {
  diagnostics: Diagnostic[];
  /** The pages among the selected files. */
  pages: number;
  /** Site-relative path → path relative to the working folder (what a terminal or a runner can open). */
  displayPath: (file: string) => string;
  /** Files whose safe fixes could not be written (read-only, not UTF-8). */
  refusedFixes: number;
}

/**
 * Reads the whole site (references, layouts and defaults need all of it) and checks the files
 * selected by the paths given and `--changed`, or every file when neither selects any.
 */
export function runChecks(options: CheckOptions): CheckRun {
  const targets = options.paths.map((target) => givenPath(target, options.root, 'file or folder'));
  const workspaceRoot = siteRootFor(options.root, targets[0]);
  const site = Site.load(workspaceRoot, { themePath: options.themePath, leanAbove: LEAN_ABOVE_FILES });
  const schemaPath = options.schema ? siteRelative(site, path.resolve(options.schema), '--schema') : undefined;
  if (schemaPath && !fs.existsSync(site.absolutePath(schemaPath))) throw new UsageError(`No such schema file: ${options.schema}`);
  const inSelection = selection(site, targets, options.changed);

  const workspace = SiteWorkspace.fromSite(site, { settings: options.settings, schemaPath });
  const checkSelection = () => checkFiles(workspace, workspace.checkedFiles().filter(inSelection));
  let diagnostics = checkSelection();
  let refusedFixes = 0;
  if (options.fix) {
    const { applied, refused } = applySafeFixesToFiles(workspace, diagnostics, checkSelection);
    for (const { file, error } of refused) process.stderr.write(`jekyll-author: ${file} was not fixed. ${fileProblem(error) ?? String(error)}\n`);
    refusedFixes = refused.length;
    if (applied > 0) {
      diagnostics = checkSelection();
      process.stderr.write(`Applied ${applied} safe fix${applied === 1 ? '' : 'es'}.\n`);
    }
  }
  return {
    refusedFixes,
    diagnostics: diagnostics.sort(compareDiagnostics),
    pages: [...site.pages.keys()].filter(inSelection).length,
    displayPath: (file) => path.relative(process.cwd(), site.absolutePath(file)).split(path.sep).join('/'),
  };
}

/** Exit status: 1 when there is an error, or more warnings than `maxWarnings`; else 0. */
export function checkStatus(diagnostics: Diagnostic[], maxWarnings: number | undefined): 0 | 1 {
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  return tooManyWarnings(diagnostics, maxWarnings) ? 1 : 0;
}

export function tooManyWarnings(diagnostics: Diagnostic[], maxWarnings: number | undefined): boolean {
  return maxWarnings !== undefined && diagnostics.filter((d) => d.severity === 'warning').length > maxWarnings;
}

/**
 * Which site-relative files to report on. Paths given must be in the site; changed files outside it
 * (a README beside a site in docs/) are not the site's business and are passed over.
 */
function selection(site: Site, targets: string[], changed: boolean): (file: string) => boolean {
  const selected = targets.map((target) => siteRelative(site, target, 'PATH'));
  if (changed) {
    for (const file of changedFiles(site.root)) {
      const relative = site.relativePath(file);
      if (relative !== undefined) selected.push(relative);
    }
  } else if (selected.length === 0) {
    return () => true;
  }
  return (file) => selected.some((prefix) => prefix === '' || file === prefix || file.startsWith(`${prefix}/`));
}

function checkFiles(workspace: SiteWorkspace, files: string[]): Diagnostic[] {
  const progress = terminalProgress(process.stderr, files.length);
  const diagnostics: Diagnostic[] = [];
  files.forEach((file, index) => {
    diagnostics.push(...workspace.diagnosticsFor(file));
    workspace.site.forgetTree(file);
    progress.update(index + 1, files.length);
  });
  progress.done();
  return diagnostics;
}
