import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILE_NAME } from '../schema/schema';
import { CliError, fileProblem } from './errors';
import { UsageError } from './usage-error';

const USAGE = `Usage: jekyll-author <command> [options]

Commands:
  check [PATH...]   Check the site's pages, _config.yml, layouts and includes (all of them, or those
                    under PATH: relative to here, else to --root; the whole site is read either way)
      --root DIR          The site folder (default: the folder holding _config.yml, from PATH or here upwards)
      --changed           Check the files git sees as changed (staged, modified or new), besides any PATH
      --format FORMAT     text (default), json, sarif or github (annotations in a GitHub Actions log)
      --quiet             Report errors only
      --max-warnings N    Fail (exit 1) when there are more than N warnings
      --schema FILE       Schema file to use (default: ${SCHEMA_FILE_NAME} at the site root, else inferred)
      --rule ID=LEVEL     Change a rule's severity (error, warning, information, hint) or turn it off; repeatable
      --fix               Apply the safe fixes (those that change nothing Jekyll builds) to the files
  init              Write the schema inferred from the site's templates and pages to ${SCHEMA_FILE_NAME}
      --root DIR          The site folder
      --force             Overwrite an existing schema file
  render PAGE       Write the HTML page Jekyll would write to _site for PAGE (layouts, includes, Markdown)
      --root DIR          The site folder (PAGE may then be given relative to it)
      -o, --output FILE   Write to FILE instead of standard output
  check, init and render also take:
      --theme-path DIR    A local copy of the site's theme, when its gem is not installed (or for remote_theme)
  lsp --stdio       Run the language server over standard input/output (for any LSP editor)
  --version         Print the version
  --help            Print this help

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 errors found (or too many
warnings), 2 bad usage, a missing path or a folder that is not a Jekyll site.
Colour: on a terminal only; NO_COLOR turns it off, FORCE_COLOR=1 on.
`;

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'check':
        return commands().runCheck(rest);
      case 'init':
        return commands().runInit(rest);
      case 'render':
        return commands().runRender(rest);
      case 'lsp':
        return runLsp(rest);
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case '--version':
      case '-v':
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
    const problem = error instanceof CliError ? error.message : fileProblem(error);
    if (problem === undefined) throw error;
    process.stderr.write(`jekyll-author: ${problem}\n`);
    return 2;
  }
}

/** Loaded on demand: `lsp` needs none of it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commands = () => require('./commands') as typeof import('./commands');

/** node:util's parseArgs throws these for unknown options and missing values. */
function isArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function runLsp(args: string[]): number {
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio (the only transport it speaks).');
  // Loaded on demand: the checks above need none of the protocol code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runLanguageServer } = require('../lsp/server') as typeof import('../lsp/server');
  runLanguageServer();
  return -1;
}

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;
  } catch {
    return 'unknown';
  }
}

/** Entry point for `bin/jekyll-author` and for `node dist/server/cli.js` (how the VS Code client starts the server), through entry.ts. */
export function run(argv: string[]): void {
  const status = main(argv);
  // The language server keeps the process alive and exits on its own.
  if (status >= 0) process.exitCode = status;
}

if (require.main === module) run(process.argv.slice(2));
