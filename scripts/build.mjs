// Bundles the extension client and the server/CLI (what the .vsix and the npm package ship: a bundle for
// each process and command, see partsApart), and the GitHub Action's entry (action.yml runs dist/action/main.js).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  metafile: true,
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
 * `check` needs neither the renderer (markdown-it, the kramdown passes, lexers, emoji, Sass) nor the
 * protocol code: in the engine bundle, the CLI's on-demand requires of them (`cli/commands.ts`,
 * `cli/main.ts`) load bundles of their own beside it (render.js, server.js) through the code cache, so
 * that `check` reads and compiles only its half of the engine. `render` passes the engine's site model
 * to render.js, which only reads it.
 */
const partsApart = {
  name: 'parts-apart',
  setup(build) {
    const parts = { '../render/page': 'render.js', '../lsp/server': 'server.js' };
    build.onResolve({ filter: /^\.\.\/(render\/page|lsp\/server)$/ }, (args) => ({ path: parts[args.path], namespace: 'part', pluginData: path.dirname(args.importer) }));
    build.onLoad({ filter: /.*/, namespace: 'part' }, (args) => ({
      contents: `module.exports = require('./code-cache').requireWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(args.path)}));`,
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

/**
 * esbuild writes strings ASCII-only but leaves regular expression literals as they are: one `é` in a
 * pattern makes Node read the whole bundle as a two-byte string, twice the memory and twice the time
 * to decode at every start. Escaped as \uXXXX they match the same characters.
 */
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd((result) => {
      for (const file of Object.keys(result.metafile?.outputs ?? {}).filter((name) => name.endsWith('.js'))) {
        const text = fs.readFileSync(file, 'utf8');
        // eslint-disable-next-line no-control-regex
        if (/[^\x00-\x7f]/.test(text)) fs.writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      }
    });
  },
};

/**
 * `import * as fs from 'node:fs'` becomes, in esbuild's CommonJS output, a copy of the module's every
 * property as a getter, made again in each of the 60 modules that import `node:fs` or `node:path`
 * (a sixth of the server's start-up in a profile), and every later `fs.x` runs a getter. Node's own
 * modules need no ES-module wrapping: they are required as they are.
 */
const builtinsRequired = {
  name: 'builtins-required',
  setup(build) {
    build.onLoad({ filter: /[\\/](server|client)[\\/]src[\\/].*\.ts$/ }, (args) => ({
      contents: fs.readFileSync(args.path, 'utf8').replace(/^import \* as (\w+) from '(node:[\w/]+)';$/gm, "import $1 = require('$2');"),
      loader: 'ts',
    }));
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
  // The engine, loaded by the small cli.js through V8's code cache (server/src/cli/code-cache.ts), and
  // the parts `check` does not use, which it loads the same way on first use.
  { ...engine, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/server/engine.js', plugins: [partsApart, ...engine.plugins] },
  { ...engine, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server/server.js' },
  { ...engine, entryPoints: ['server/src/render/page.ts'], outfile: 'dist/server/render.js' },
  { ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/server/cli.js' },
  // The preview renders in a worker thread (server/src/lsp/render-host.ts starts it from beside server.js).
  { ...engine, entryPoints: ['server/src/lsp/render-worker.ts'], outfile: 'dist/server/render-worker.js' },
  // What the render host starts: loads render-worker.js through the code cache (server/src/lsp/render-worker-entry.ts).
  { ...common, entryPoints: ['server/src/lsp/render-worker-entry.ts'], outfile: 'dist/server/render-worker-entry.js' },
  { ...common, entryPoints: ['sass'], outfile: 'dist/server/sass.js' },
  // The Action needs only `check`: its own bundle, so that it runs from dist/action/ alone.
  { ...engine, entryPoints: ['server/src/cli/action.ts'], outfile: 'dist/action/main.js' },
  // The preview webview's script (type-checked by `tsc -p client/preview-src` in `npm run build`).
  { ...common, entryPoints: ['client/preview-src/index.ts'], outfile: 'dist/preview/index.js', platform: 'browser', target: 'es2022', format: 'iife' },
];

const withSharedPlugins = (options) => ({ ...options, plugins: [...(options.plugins ?? []), builtinsRequired, asciiOnly] });
if (watch) {
  for (const options of builds) await (await esbuild.context(withSharedPlugins(options))).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(withSharedPlugins(options))));
}
