import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders no site has content in, skipped before `exclude` is even read. */
export const ALWAYS_SKIPPED = new Set(['_site', 'node_modules', '.git', '.jekyll-cache', '.sass-cache']);

/**
 * The folder holding `_config.yml`: the start folder or one above it; else the first one below it
 * (a few levels deep); else the start folder itself.
 */
export function findSiteRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '_config.yml'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return findConfigBelow(path.resolve(start), 3) ?? path.resolve(start);
}

function findConfigBelow(dir: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  if (entries.some((entry) => entry.isFile() && entry.name === '_config.yml')) return dir;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || ALWAYS_SKIPPED.has(entry.name)) continue;
    const found = findConfigBelow(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return undefined;
}
