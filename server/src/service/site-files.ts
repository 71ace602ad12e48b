/** Site-relative paths and the site's files on disk, as the workspace walks them after a folder changes. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function normalizeRel(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

export function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** A real folder of the site: a link to a folder may lead outside it, and the site model never follows links. */
export function isDirectory(absPath: string): boolean {
  try {
    return fs.lstatSync(absPath).isDirectory();
  } catch {
    return false;
  }
}

const SKIPPED_DIRS = new Set(['_site', 'node_modules', '.git', '.jekyll-cache', '.sass-cache']);

export function* walkFiles(absDir: string, relDir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walkFiles(path.join(absDir, entry.name), rel);
    } else if (entry.isFile()) {
      yield rel;
    }
  }
}
