/**
 * The script the render host starts as its worker thread (`dist/server/render-worker-entry.js`): it
 * loads the worker's bundle (render-worker.js, the whole engine) through V8's code cache, as the CLI
 * and the client load theirs. The cache is written once the first render is answered, when the
 * functions a render runs are compiled too: a worker is stopped, it never exits by itself.
 */
import * as path from 'node:path';
import { requireWithCodeCache } from '../cli/code-cache';

let writeCache: (() => void) | undefined;
const worker = requireWithCodeCache(path.join(__dirname, 'render-worker.js'), undefined, (write) => {
  writeCache = write;
}) as typeof import('./render-worker');
if (writeCache) worker.afterFirstRender(writeCache);
