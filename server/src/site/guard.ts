/**
 * The one gate every file the server reads passes through: a path is resolved against the site
 * folder (or its theme's, given as further roots) and refused when it leaves them, by `..`, an
 * absolute path or a symbolic link on the way. Nothing outside is read, or even looked at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A path refused because it leads outside the site folder (by `..`, an absolute path or a symbolic link). */
export class OutsideSiteError extends Error {}

/**
 * The real path of the file at `target` (relative to the first root, or absolute), for reading.
 * Throws `OutsideSiteError` when the path, or a symbolic link on the way, leads outside every root;
 * ENOENT when there is no file. `written` is how the site wrote the path, for the message.
 */
export function guardedPath(roots: string | readonly string[], target: string, written: string = target): string {
  const allowed = typeof roots === 'string' ? [roots] : roots;
  const absolute = path.resolve(allowed[0], target);
  refuseOutside(allowed, absolute, written);
  // The native call is one system call; Node's own realpath looks at every folder on the way, which
  // was a fifth of `check`'s time on a large site.
  const real = fs.realpathSync.native(absolute);
  if (!allowed.some((root) => isInside(realRoot(root), real))) {
    throw new OutsideSiteError(`${written} links to a file outside the site folder; it is not read`);
  }
  return real;
}

/** The bytes of the file at `target`, read through `guardedPath`. */
export function readGuarded(roots: string | readonly string[], target: string, written: string = target): Buffer {
  return fs.readFileSync(guardedPath(roots, target, written));
}

/**
 * The bytes of a file the site's walk found as a regular file, below folders that are not symbolic
 * links (the walk follows none), so its path is already real: it is opened without following a link,
 * should one have replaced the file since, instead of being resolved again (two system calls a file
 * fewer, on sites of thousands of pages).
 */
export function readWalkedFile(root: string, relPath: string): Buffer {
  const absolute = path.resolve(root, relPath);
  if (!isInside(path.resolve(root), absolute)) throw new OutsideSiteError(`${relPath} is outside the site folder; it is not read`);
  const fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Throws `OutsideSiteError` when `absolute` lies outside every root as written (the root's own path or its real one), before anything there is touched. */
export function refuseOutside(roots: string | readonly string[], absolute: string, written: string): void {
  const allowed = typeof roots === 'string' ? [roots] : roots;
  if (!allowed.some((root) => isInside(path.resolve(root), absolute) || isInside(realRoot(root), absolute))) {
    throw new OutsideSiteError(`${written} is outside the site folder; it is not read`);
  }
}

/** Whether `absolute` lies strictly below `root`. */
export function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function realRoot(root: string): string {
  try {
    return fs.realpathSync.native(root);
  } catch {
    return path.resolve(root);
  }
}

/** The text of the site file at `target` read through `guardedPath`, or undefined when it is missing, unreadable or outside. */
export function readSiteText(roots: string | readonly string[], target: string): string | undefined {
  try {
    return readGuarded(roots, target).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A file or folder the process may not read: Jekyll stops the build on it ("Permission denied"). */
export function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Jekyll's `Utils.has_yaml_header?`: the first line is `---`. Reads only the first bytes. */
export function startsWithFrontMatter(absPath: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const head = Buffer.alloc(8);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return /^---[ \t]*\r?\n/.test(head.subarray(0, read).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
