import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './usage-error';

/**
 * The files git sees as changed in the repository holding `folder`: staged, changed since the index,
 * or new and not ignored (absolute paths of files that exist). Works before the first commit too.
 */
export function changedFiles(folder: string): string[] {
  const top = git(folder, ['rev-parse', '--show-toplevel']).trim();
  const listed = [
    ...git(top, ['diff', '--cached', '--name-only', '-z', '--no-renames']).split('\0'),
    ...git(top, ['ls-files', '-z', '--full-name', '--modified', '--others', '--exclude-standard']).split('\0'),
  ];
  const files = new Set(listed.filter(Boolean).map((file) => path.join(top, file)));
  return [...files].filter((file) => fs.existsSync(file) && fs.statSync(file).isFile()).sort();
}

function git(cwd: string, args: string[]): string {
  // Loaded here: child_process (and the sockets it brings) costs every `check` without --changed a few ms.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT'
      ? 'git is not installed or not on the PATH'
      : `${cwd} is not inside a git repository`;
    throw new UsageError(`--changed needs git: ${reason}. Name the files to check instead.`);
  }
}
