/**
 * `dist/client/extension.js`, what VS Code loads. Activation starts the language server's process
 * first, then loads the client bundle (`client.js`, from ./extension.ts) through V8's code cache: the
 * server's Node start and bundle load run while the client compiles, and only this small file is
 * compiled from scratch (the server's engine loads the same way: server/src/cli/entry.ts).
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { requireWithCodeCache } from '../../server/src/cli/code-cache';
import { SERVER_MODULE, spawnServer } from './serverProcess';

/** Once activation is over (its functions compiled too): VS Code may end the extension host without an `exit` event. */
const WRITE_AFTER_MS = 10_000;

let client: typeof import('./extension') | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const activatedAt = performance.now();
  const server = spawnServer(context.asAbsolutePath(SERVER_MODULE));
  client ??= requireWithCodeCache(path.join(__dirname, 'client.js'), undefined, (write) => {
    setTimeout(write, WRITE_AFTER_MS).unref();
  }) as typeof import('./extension');
  client.activate(context, { activatedAt, server });
}

export async function deactivate(): Promise<void> {
  await client?.deactivate();
}
