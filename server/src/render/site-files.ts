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
  const realRoot = fs.realpathSync(root);
  if (!isInside(path.resolve(root), absolute) && !isInside(realRoot, absolute)) {
    throw new OutsideSiteError(`${relPath} is outside the site folder; it is not read`);
  }
  const real = fs.realpathSync(absolute);
  if (!isInside(realRoot, real)) throw new OutsideSiteError(`${relPath} links to a file outside the site folder; it is not read`);
  return real;
}

export function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
