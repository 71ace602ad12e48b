/**
 * `dist/server/cli.js`: what `bin/jekyll-author` requires and the VS Code client starts as the
 * language server. It loads the engine bundle (`engine.js`, from ./main.ts) through the code cache
 * and runs it, so that only this small file is compiled from scratch at each start. The engine loads
 * the language server and the renderer, bundles of their own, when a command needs them.
 */
import * as path from 'node:path';
import { requireWithCodeCache } from './code-cache';

/** The commands whose runs keep a code cache of the engine each (see requireWithCodeCache). */
const CACHED_USES = new Set(['check', 'init', 'render', 'lsp']);

export function run(argv: string[]): void {
  const use = CACHED_USES.has(argv[0]) ? argv[0] : 'other';
  (requireWithCodeCache(path.join(__dirname, 'engine.js'), undefined, undefined, use) as typeof import('./main')).run(argv);
}

if (require.main === module) run(process.argv.slice(2));
