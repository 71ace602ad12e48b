// `check` loads the engine's bundle alone: not the renderer, the language server or Sass, which are
// bundles of their own (issue 14). `render` and the preview load theirs on first use, from an empty
// cache folder as from a kept one, and give the page the engine renders in-process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { RENDER_PREVIEW_METHOD, type PreviewPage } from '../../../server/src/lsp/preview-protocol';
import { renderPageSync } from '../../../server/src/render/page';
import { Site } from '../../../server/src/site/site';
import { copyExampleSite, EXAMPLE_SITE } from '../../helpers/site';
import { TestClient, withTimeout } from '../../lsp/lsp-client';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'bin/jekyll-author');
const BUNDLES = path.join(REPO, 'dist', 'server');
let home: string;
let reportBundles: string;

before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-bundles-'));
  // Preloaded into the CLI: at exit, it prints which bundles of dist/server were loaded (require.cache).
  reportBundles = path.join(home, 'report-bundles.cjs');
  fs.writeFileSync(reportBundles, `const path = require('node:path');
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((file) => path.dirname(file) === ${JSON.stringify(BUNDLES)});
  process.stderr.write('\\nbundles: ' + JSON.stringify(loaded.map((file) => path.basename(file)).sort()) + '\\n');
});
`);
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

function cli(args: string[], cacheHome: string) {
  const result = spawnSync(process.execPath, ['--require', reportBundles, CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, JEKYLL_AUTHOR_NO_CODE_CACHE: '' },
  });
  const report = /\nbundles: (.*)\n$/.exec(result.stderr);
  assert.ok(report, `the CLI exited without the report: ${result.stderr}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.slice(0, report.index), bundles: JSON.parse(report[1]) as string[] };
}

/** The code caches in the cache folder, by bundle (and command): `engine-check`, `render`… */
const cachesKept = (cacheHome: string): string[] => {
  const folder = path.join(cacheHome, 'jekyll-author', 'code-cache');
  return fs.existsSync(folder) ? fs.readdirSync(folder).map((file) => file.replace(/-[0-9a-f]{12}-v.*$/, '')).sort() : [];
};

test('check loads the engine alone, not the renderer, the language server or Sass', () => {
  const cacheHome = path.join(home, 'check');
  for (const run of ['empty cache folder', 'kept caches']) {
    const checked = cli(['check', '--format', 'json', EXAMPLE_SITE], cacheHome);
    assert.equal(checked.status, 1, `${run}: the example site has errors to report: ${checked.stderr}`);
    assert.ok((JSON.parse(checked.stdout) as { diagnostics: unknown[] }).diagnostics.length > 0, run);
    assert.deepEqual(checked.bundles, ['cli.js', 'engine.js'], run);
  }
  assert.deepEqual(cachesKept(cacheHome), ['engine-check']);
});

test('render loads the renderer on first use, from an empty cache folder and from a kept one, and gives the page the engine renders', () => {
  const cacheHome = path.join(home, 'render');
  const expected = renderPageSync(Site.load(EXAMPLE_SITE), 'research.md', { stylesheets: false }).html;
  assert.match(expected, /<title>Research \| /);
  for (const run of ['empty cache folder', 'kept caches']) {
    const rendered = cli(['render', 'research.md', '--root', EXAMPLE_SITE], cacheHome);
    assert.equal(rendered.stderr, '', run);
    assert.equal(rendered.status, 0, run);
    assert.deepEqual(rendered.bundles, ['cli.js', 'engine.js', 'render.js'], run);
    assert.equal(rendered.stdout, expected, `${run}: the page the engine renders in-process`);
  }
  assert.deepEqual(cachesKept(cacheHome), ['engine-render', 'render']);
});

test('the preview renders from an empty cache folder, and the server keeps its caches for the next start', async () => {
  const cacheHome = path.join(home, 'preview');
  // The client's stop removes the site it was given: a copy.
  const client = await TestClient.start(copyExampleSite(), {}, { ...process.env, XDG_CACHE_HOME: cacheHome, JEKYLL_AUTHOR_NO_CODE_CACHE: '' });
  try {
    const page = await withTimeout(client.connection.sendRequest<PreviewPage>(RENDER_PREVIEW_METHOD, { uri: client.uri('research.md') }), 'the preview');
    assert.match(page.html, /<title>Research \| /);
    await client.shutdown();
    assert.equal(client.exited?.code, 0, client.stderr.join(''));
  } finally {
    await client.stop();
  }
  assert.deepEqual(cachesKept(cacheHome), ['engine-lsp', 'render-worker', 'server']);
});
