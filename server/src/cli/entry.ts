/**
 * `dist/server/cli.js`: what `bin/jekyll-author` requires and the VS Code client starts as the
 * language server. It loads the engine bundle (`engine.js`, from ./main.ts) through the code cache
 * and runs it, so that only this small file is compiled from scratch at each start.
 */
import * as path from 'node:path';
import { requireWithCodeCache } from './code-cache';

const engine = requireWithCodeCache(path.join(__dirname, 'engine.js')) as typeof import('./main');

export const run = engine.run;

if (require.main === module) run(process.argv.slice(2));
