/**
 * The user's own cache folder for compiled code (V8's code caches, ajv's validators). Never a shared
 * temporary folder: code planted there would be run. `JEKYLL_AUTHOR_NO_CODE_CACHE` turns caching off.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function userCacheFolder(name: string): string | undefined {
  if (process.env.JEKYLL_AUTHOR_NO_CODE_CACHE) return undefined;
  const base = process.platform === 'win32'
    ? process.env.LOCALAPPDATA
    : process.env.XDG_CACHE_HOME || (process.platform === 'darwin' ? path.join(os.homedir(), 'Library', 'Caches') : path.join(os.homedir(), '.cache'));
  return base ? path.join(base, 'jekyll-author', name) : undefined;
}

/** Writes `data` to `file` in `folder` (made private to the user) through a temporary file, so a reader never sees half of it. */
export function writeCacheFile(folder: string, file: string, data: string | Uint8Array): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file);
}
