import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic, RuleSettings, Severity } from '../rules/rule';
import { inferSchema, schemaToFile } from '../schema/infer';
import { SCHEMA_FILE_NAME } from '../schema/schema';
import { applyEditGroups, safeFixes } from '../service/fixes';
import { ruleSettingProblem } from '../service/settings';
import { SiteWorkspace } from '../service/workspace';
import type { RenderedPage } from '../render/page';
import { findSiteRoot, Site } from '../site/site';
import { formatDiagnostics, OUTPUT_FORMATS, OutputFormat } from './format';

const USAGE = `Usage: jekyll-author <command> [options]

Commands:
  check [PATH...]   Check the front matter of the site's pages (all pages, or those under PATH).
      --root DIR        The site folder (default: the folder holding _config.yml, from PATH or here upwards)
      --format FORMAT   text (default), json, sarif or github
      --schema FILE     Schema file to use (default: ${SCHEMA_FILE_NAME} at the site root, else inferred)
      --rule ID=LEVEL   Change a rule's severity (error, warning, information, hint) or turn it off; repeatable
      --fix             Apply the safe fixes (those that change nothing Jekyll builds) to the files
  init              Write the schema inferred from the site's templates and pages to ${SCHEMA_FILE_NAME}
      --root DIR        The site folder
      --force           Overwrite an existing schema file
  render PAGE       Write the HTML page Jekyll would write to _site for PAGE (layouts, includes, Markdown)
      --root DIR        The site folder (PAGE may then be given relative to it)
      -o, --output FILE Write to FILE instead of standard output
  Every command but lsp also takes:
      --theme-path DIR  A local copy of the site's theme, when the theme gem is not installed (remote_theme)
  lsp --stdio       Run the language server over standard input/output (for any LSP editor)

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable site.
`;

/** A problem with how the CLI was called or with the site it was pointed at: exit 2. */
class UsageError extends Error {}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(rest);
      case 'init':
        return runInit(rest);
      case 'render':
        return runRender(rest);
      case 'lsp':
        return runLsp(rest);
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case '--version':
        process.stdout.write(`${readVersion()}\n`);
        return 0;
      default:
        throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`jekyll-author: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isArgsError(error)) {
      process.stderr.write(`jekyll-author: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/** node:util's parseArgs throws these for unknown options and missing values. */
function isArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function runCheck(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      format: { type: 'string', default: 'text' },
      schema: { type: 'string' },
      rule: { type: 'string', multiple: true },
      fix: { type: 'boolean', default: false },
      'theme-path': { type: 'string' },
    },
  });
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`Unknown format "${values.format}": use ${OUTPUT_FORMATS.join(', ')}.`);
  const targets = positionals.map((target) => path.resolve(target));
  for (const target of targets) {
    if (!fs.existsSync(target)) throw new UsageError(`No such file or folder: ${target}`);
  }
  const settings = parseRuleSettings(values.rule ?? []);
  const workspaceRoot = siteRootFor(values.root, targets[0]);
  const site = Site.load(workspaceRoot, { themePath: values['theme-path'] });
  const schemaPath = values.schema ? siteRelative(site, path.resolve(values.schema), '--schema') : undefined;
  if (schemaPath && !fs.existsSync(site.absolutePath(schemaPath))) throw new UsageError(`No such schema file: ${values.schema}`);
  const selected = targets.map((target) => siteRelative(site, target, 'PATH'));
  const inSelection = (file: string) => selected.length === 0
    || selected.some((prefix) => prefix === '' || file === prefix || file.startsWith(`${prefix}/`));

  const workspace = SiteWorkspace.fromSite(site, { settings, schemaPath });
  const checkSelection = () => workspace.allDiagnostics().filter((d) => inSelection(d.file));
  let diagnostics = checkSelection();
  if (values.fix) {
    const fixed = applySafeFixes(workspace, diagnostics, checkSelection);
    if (fixed > 0) {
      diagnostics = checkSelection();
      process.stderr.write(`Applied ${fixed} safe fix${fixed === 1 ? '' : 'es'}.\n`);
    }
  }
  const pages = [...site.pages.keys()].filter(inSelection).length;
  const displayPath = (file: string) => path.relative(process.cwd(), site.absolutePath(file)).split(path.sep).join('/');
  process.stdout.write(formatDiagnostics(diagnostics, format, displayPath, { pages }));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** Writes each file's safe fixes, a few passes so that fixes blocked by an overlap get their turn. */
function applySafeFixes(workspace: SiteWorkspace, initial: Diagnostic[], recheck: () => Diagnostic[]): number {
  let total = 0;
  let diagnostics = initial;
  for (let pass = 0; pass < 5; pass++) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
    let appliedThisPass = 0;
    for (const [file, fileDiagnostics] of byFile) {
      const groups = safeFixes(fileDiagnostics);
      if (groups.length === 0) continue;
      const before = fs.readFileSync(workspace.absolutePath(file), 'utf8');
      const { text, applied } = applyEditGroups(before, groups);
      if (applied === 0 || text === before) continue;
      fs.writeFileSync(workspace.absolutePath(file), text);
      workspace.updateFile(file);
      appliedThisPass += applied;
    }
    if (appliedThisPass === 0) break;
    total += appliedThisPass;
    diagnostics = recheck();
  }
  return total;
}

function runInit(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string' }, force: { type: 'boolean', default: false }, 'theme-path': { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`init takes no paths (got "${positionals[0]}"); use --root DIR.`);
  const site = Site.load(siteRootFor(values.root, undefined), { themePath: values['theme-path'] });
  const target = site.absolutePath(SCHEMA_FILE_NAME);
  if (fs.existsSync(target) && !values.force) {
    throw new UsageError(`${target} already exists. Use --force to overwrite it.`);
  }
  const schema = inferSchema(site);
  fs.writeFileSync(target, schemaToFile(schema));
  const layouts = Object.keys(schema.layouts).length;
  process.stdout.write(`Wrote ${target} (${layouts} layout${layouts === 1 ? '' : 's'}). Review it, then commit it: from now on its rules are errors, not guesses.\n`);
  return 0;
}

function runRender(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string' }, output: { type: 'string', short: 'o' }, 'theme-path': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('render takes exactly one PAGE.');
  const target = pageFile(positionals[0], values.root);
  const site = Site.load(siteRootFor(values.root, target), { themePath: values['theme-path'] });
  const relPath = siteRelative(site, target, 'PAGE');
  // Loaded on demand, as the language server is: `check` needs no Markdown, Liquid rendering or Sass.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NotAPageError, renderPageSync } = require('../render/page') as typeof import('../render/page');
  let rendered: RenderedPage;
  try {
    rendered = renderPageSync(site, relPath, { stylesheets: false });
  } catch (error) {
    if (error instanceof NotAPageError) throw new UsageError(error.message);
    throw error;
  }
  for (const problem of rendered.problems) {
    const where = problem.file ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line + 1}`}: ` : '';
    process.stderr.write(`${where}${problem.message}\n`);
  }
  if (values.output) fs.writeFileSync(values.output, rendered.html);
  else process.stdout.write(rendered.html);
  return 0;
}

/** PAGE as given, else (with --root) inside the site: `render impact.md --root site` means the site's page. */
function pageFile(page: string, root: string | undefined): string {
  const candidates = [path.resolve(page), ...(root ? [path.resolve(root, page)] : [])];
  const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!found) throw new UsageError(`No such file: ${candidates.join(' or ')}`);
  return found;
}

function runLsp(args: string[]): number {
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio (the only transport it speaks).');
  // Loaded on demand: the checks above need none of the protocol code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runLanguageServer } = require('../lsp/server') as typeof import('../lsp/server');
  runLanguageServer();
  return -1;
}

/** The site folder to check: `--root`, else the one holding `_config.yml` above the first path or here. */
function siteRootFor(rootOption: string | undefined, firstTarget: string | undefined): string {
  let root: string;
  if (rootOption) {
    root = path.resolve(rootOption);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`No such folder: ${root}`);
  } else {
    const start = firstTarget ? (fs.statSync(firstTarget).isDirectory() ? firstTarget : path.dirname(firstTarget)) : process.cwd();
    root = findSiteRoot(start);
  }
  if (!fs.existsSync(path.join(root, '_config.yml'))) {
    throw new UsageError(`${root} is not a Jekyll site: there is no _config.yml in it (nor above it). Point --root at the site's folder.`);
  }
  try {
    fs.accessSync(path.join(root, '_config.yml'), fs.constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${path.join(root, '_config.yml')}.`);
  }
  return root;
}

function siteRelative(site: Site, absolute: string, what: string): string {
  if (path.resolve(absolute) === site.root) return '';
  const relative = site.relativePath(absolute);
  if (relative === undefined) throw new UsageError(`${what} ${absolute} is outside the site ${site.root}.`);
  return relative;
}

function parseRuleSettings(entries: string[]): RuleSettings {
  const settings: RuleSettings = {};
  for (const entry of entries) {
    const [id, level] = entry.split('=');
    const problem = ruleSettingProblem(id, level);
    if (problem) throw new UsageError(`--rule ${entry}: ${problem}`);
    settings[id] = level as Severity | 'off';
  }
  return settings;
}

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
}

/** Entry point for `bin/jekyll-author` and for `node dist/server/cli.js` (how the VS Code client starts the server). */
export function run(argv: string[]): void {
  const status = main(argv);
  // The language server keeps the process alive and exits on its own.
  if (status >= 0) process.exitCode = status;
}

if (require.main === module) run(process.argv.slice(2));
