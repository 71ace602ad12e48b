import * as fs from 'node:fs';
import * as path from 'node:path';

/** A path refused because it leads outside the site folder (by `..`, an absolute path or a symbolic link). */
export class OutsideSiteError extends Error {}

/**
 * The real path of the file at `relPath` (relative to `root`, or absolute), for reading. Throws `OutsideSiteError` when
 * the path, or a symbolic link on the way, leads outside the site; ENOENT when there is no file.
 */
export function resolveInsideRoot(root: string, relPath: string): string {
  const absolute = path.resolve(root, relPath);
  refuseOutside(root, absolute, relPath);
  const real = fs.realpathSync(absolute);
  if (!isInside(fs.realpathSync(root), real)) throw new OutsideSiteError(`${relPath} links to a file outside the site folder; it is not read`);
  return real;
}

/** Throws `OutsideSiteError` when `absolute` lies outside the site folder as written (the folder's own path or its real one), before anything there is touched. */
export function refuseOutside(root: string, absolute: string, written: string): void {
  if (!isInside(path.resolve(root), absolute) && !isInside(fs.realpathSync(root), absolute)) {
    throw new OutsideSiteError(`${written} is outside the site folder; it is not read`);
  }
}

export function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
