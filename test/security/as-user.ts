import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../../bin/jekyll-author');
const NOBODY = 65534;

/**
 * Why the tests of permissions cannot run here, or undefined. They need a user that permissions
 * apply to: root reads and writes everything, so as root they run the CLI as `nobody` through setpriv.
 */
export const cannotDropRoot: string | undefined = process.getuid?.() !== 0 ? undefined
  : spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'true']).status === 0 ? undefined
    : 'the tests run as root and setpriv cannot switch to the user nobody';

/** Runs the CLI as a user file permissions apply to (`nobody` when the tests run as root). */
export function runAsUser(args: string[], cwd: string) {
  const command = process.getuid?.() === 0
    ? ['setpriv', '--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, CLI, ...args]
    : [process.execPath, CLI, ...args];
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Gives a folder (and everything in it) to that user, so that only the modes chosen by the test stop it. */
export function giveToUser(root: string): void {
  if (process.getuid?.() !== 0) return;
  const own = (file: string) => {
    fs.lchownSync(file, NOBODY, NOBODY);
    if (fs.lstatSync(file).isDirectory()) for (const entry of fs.readdirSync(file)) own(path.join(file, entry));
  };
  own(root);
}

/** No stack trace: the user sees a sentence, not the program's insides. */
export const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
