/**
 * `dist/client/extension.js`, what VS Code loads: it loads the client bundle (`client.js`, from
 * ./extension.ts) through V8's code cache, so that only this small file is compiled from scratch when
 * the extension activates (the server's engine loads the same way: server/src/cli/entry.ts).
 */
import * as path from 'node:path';
import { requireWithCodeCache } from '../../server/src/cli/code-cache';

/** Once activation is over (its functions compiled too): VS Code may end the extension host without an `exit` event. */
const WRITE_AFTER_MS = 10_000;

const client = requireWithCodeCache(path.join(__dirname, 'client.js'), undefined, (write) => {
  setTimeout(write, WRITE_AFTER_MS).unref();
}) as typeof import('./extension');

export const activate = client.activate;
export const deactivate = client.deactivate;
