/**
 * The commands that read a site: `check`, `init` and `render`. main.ts loads this module on first use,
 * so that the language server, which has a bundle of its own, does not start the check engine too.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { inferSchema, schemaToFile } from '../schema/infer';
import { SCHEMA_FILE_NAME } from '../schema/schema';
import type { RenderedPage } from '../render/page';
import { Site } from '../site/site';
import { checkStatus, runChecks, tooManyWarnings } from './check';
import { outputFile } from './errors';
import { colorWanted, formatDiagnostics } from './format';
import { parseCheckOptions } from './options';
import { givenPath, siteRelative, siteRootFor } from './site-paths';
import { UsageError } from './usage-error';

export function runCheck(args: string[]): number {
  const options = parseCheckOptions(args);
  const run = runChecks(options);
  // A fix that could not be written (read-only, not UTF-8) is a condition of the files: 2.
  const status = run.refusedFixes > 0 ? 2 : checkStatus(run.diagnostics, options.maxWarnings);
  const shown = options.quiet ? run.diagnostics.filter((d) => d.severity === 'error') : run.diagnostics;
  const color = options.format === 'text' && colorWanted(process.stdout, process.env);
  process.stdout.write(formatDiagnostics(shown, options.format, run.displayPath, { pages: run.pages, color }));
  if (tooManyWarnings(run.diagnostics, options.maxWarnings)) {
    const warnings = run.diagnostics.filter((d) => d.severity === 'warning').length;
    process.stderr.write(`Too many warnings: ${warnings}, more than --max-warnings ${options.maxWarnings} allows.\n`);
  }
  return status;
}

export function runInit(args: string[]): number {
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
  fs.writeFileSync(target, schemaToFile(schema), { flag: values.force ? 'w' : 'wx' });
  const layouts = Object.keys(schema.layouts).length;
  process.stdout.write(`Wrote ${target} (${layouts} layout${layouts === 1 ? '' : 's'}). Review it, then commit it: from now on its rules are errors, not guesses.\n`);
  return 0;
}

/** How long `render` lets one template run (liquidjs's own limit, 2 s, would cut a 5 MB page on a busy machine). */
const RENDER_TIME_LIMIT_MS = 120_000;

export function runRender(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string' }, output: { type: 'string', short: 'o' }, 'theme-path': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('render takes exactly one PAGE.');
  const target = givenPath(positionals[0], values.root, 'file');
  const site = Site.load(siteRootFor(values.root, target), { themePath: values['theme-path'] });
  const relPath = siteRelative(site, target, 'PAGE');
  const output = values.output === undefined ? undefined : outputFile(site, values.output, relPath);
  // Loaded on demand, as the language server is: `check` needs no Markdown, Liquid rendering or Sass.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NotAPageError, renderPageSync } = require('../render/page') as typeof import('../render/page');
  let rendered: RenderedPage;
  try {
    // A big page takes as long as it takes, as in a build: the limit stops only a template that never ends.
    rendered = renderPageSync(site, relPath, { stylesheets: false, timeLimitMs: RENDER_TIME_LIMIT_MS });
  } catch (error) {
    if (error instanceof NotAPageError) throw new UsageError(error.message);
    throw error;
  }
  for (const problem of rendered.problems) {
    const where = problem.file ? `${problem.file}${problem.line === undefined ? '' : `:${problem.line + 1}`}: ` : '';
    process.stderr.write(`${where}${problem.message}\n`);
  }
  if (output) fs.writeFileSync(output, rendered.html);
  else process.stdout.write(rendered.html);
  return 0;
}
