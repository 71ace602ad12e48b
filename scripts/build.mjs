// Bundles the extension client and the server/CLI into one file each (what the .vsix and the npm package
// ship), and the GitHub Action's entry (action.yml runs dist/action/main.js).
import * as esbuild from 'esbuild';
import { fastClassFields } from './fast-class-fields.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Halves the server bundle (sass alone is 5.8 MB of source), keeping the .vsix far under 2 MB;
  // the source maps (left out of the .vsix) keep stack traces readable.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
};

/**
 * Sass is 3.3 MB of the server's 4.3 MB and only the preview uses it: in a file of its own, `check`
 * does not pay Node's compile of it at every start. The server loads `./sass.js` on first use.
 */
const sassApart = {
  name: 'sass-apart',
  setup(build) {
    build.onResolve({ filter: /^sass$/ }, () => ({ path: './sass.js', external: true }));
  },
};

/**
 * The preview (with parse5, a third of the client) is loaded on the first preview, not at activation:
 * client/src/preview/register.ts requires `./preview.js`, built apart below.
 */
const previewApart = {
  name: 'preview-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/preview\.js$/ }, () => ({ path: './preview.js', external: true }));
  },
};

/**
 * The engine's bundles keep no function names: esbuild's `keepNames` redefines each class's `name`,
 * and V8 then builds every instance of such a class through its slow path (a derived class: 4 times
 * slower), which made rendering a big page three times slower than the same code unbundled. Nothing
 * the engine runs reads a function's name; stack traces map back through the source maps.
 */
const engine = { ...common, keepNames: false, plugins: [sassApart, fastClassFields] };

const builds = [
  // The client, loaded by the small extension.js through V8's code cache (client/src/entry.ts).
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/client.js', external: ['vscode'], plugins: [previewApart] },
  { ...common, entryPoints: ['client/src/entry.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['client/src/preview/previewManager.ts'], outfile: 'dist/client/preview.js', external: ['vscode'] },
  // The engine, loaded by the small cli.js through V8's code cache (server/src/cli/code-cache.ts).
  { ...engine, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/server/engine.js' },
  { ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/server/cli.js' },
  // The preview renders in a worker thread (server/src/lsp/render-host.ts starts it from beside engine.js).
  { ...engine, entryPoints: ['server/src/lsp/render-worker.ts'], outfile: 'dist/server/render-worker.js' },
  // What the render host starts: loads render-worker.js through the code cache (server/src/lsp/render-worker-entry.ts).
  { ...common, entryPoints: ['server/src/lsp/render-worker-entry.ts'], outfile: 'dist/server/render-worker-entry.js' },
  { ...common, entryPoints: ['sass'], outfile: 'dist/server/sass.js' },
  // The Action needs only `check`: its own bundle, so that it runs from dist/action/ alone.
  { ...engine, entryPoints: ['server/src/cli/action.ts'], outfile: 'dist/action/main.js' },
  // The preview webview's script (type-checked by `tsc -p client/preview-src` in `npm run build`).
  { ...common, entryPoints: ['client/preview-src/index.ts'], outfile: 'dist/preview/index.js', platform: 'browser', target: 'es2022', format: 'iife' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
