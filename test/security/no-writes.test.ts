// The server, `check` without `--fix` and `render` without `-o` only read. Each runs over a copy of
// the example site with a fresh HOME and TMPDIR; afterwards no file of the site has changed (content,
// mode or mtime), none has appeared or gone, TMPDIR is still empty, and HOME holds nothing but the
// compiled-code caches of the engine and the preview's render worker (server/src/cli/code-cache.ts), in the user's cache folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { RENDER_PREVIEW_METHOD } from '../../server/src/lsp/preview-protocol';
import { rangeOf, SERVER, TestClient, withTimeout } from '../lsp/lsp-client';
import { copyExampleSite } from '../helpers/site';

const made: string[] = [];
after(() => { for (const folder of made) fs.rmSync(folder, { recursive: true, force: true }); });

/** A fresh site copy, HOME and TMPDIR, and the environment that points the process at them. */
function sandbox(): { site: string; home: string; tmp: string; env: NodeJS.ProcessEnv } {
  const site = copyExampleSite();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-home-'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-tmp-'));
  made.push(site, home, tmp);
  return { site, home, tmp, env: { PATH: process.env.PATH, HOME: home, TMPDIR: tmp, TMP: tmp, TEMP: tmp } };
}

/** HOME is as it was, but for the caches of compiled code: `.cache/jekyll-author/code-cache/` (V8's) and `validators/` (ajv's). */
function assertHomeHasOnlyCaches(home: string): void {
  const written = (fs.readdirSync(home, { recursive: true }) as string[]).map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => fs.statSync(path.join(home, entry)).isFile());
  const caches = /^\.cache\/jekyll-author\/(?:code-cache\/(?:engine-(?:check|init|render|lsp|other)|render|render-worker|server)-[0-9a-f]{12}-v[\d.]+-\d+-\d+\.bin|validators\/[0-9a-f]{32}\.js)$/;
  for (const file of written) assert.match(file, caches, 'nothing in HOME but the compiled-code caches');
}

/** Every entry below `root` (links not followed), with what would show a write: content hash, mode, mtime. */
function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = fs.lstatSync(full);
      const relPath = path.relative(root, full);
      if (stat.isDirectory()) {
        entries.set(relPath, `folder ${stat.mode} ${stat.mtimeMs}`);
        walk(full);
      } else {
        const content = stat.isSymbolicLink() ? fs.readlinkSync(full) : fs.readFileSync(full);
        entries.set(relPath, `${createHash('sha256').update(content).digest('hex')} ${stat.mode} ${stat.mtimeMs}`);
      }
    }
  };
  walk(root);
  return entries;
}

function assertUnchanged(before: Map<string, string>, root: string): void {
  const now = snapshot(root);
  const changed = [...new Set([...before.keys(), ...now.keys()])].filter((relPath) => before.get(relPath) !== now.get(relPath));
  assert.deepEqual(changed, [], `changed, added or removed in ${root}`);
}

test('the language server writes nothing, whatever the editor asks of it', async () => {
  const { site, home, tmp, env } = sandbox();
  const before = snapshot(site);
  const client = await TestClient.start(site, {}, env);
  try {
    await client.waitForDiagnostics('broken/duplicate-key.md', (diagnostics) => diagnostics.length > 0, 'the workspace checked');
    const request = (method: string, params: unknown) => withTimeout(client.connection.sendRequest(method, params), method);
    const research = await client.open('research.md');
    const at = (needle: string) => ({ textDocument: { uri: client.uri('research.md') }, position: rangeOf(research, needle).start });
    await client.change('research.md', rangeOf(research, 'title: Research'), 'title: Research #2');
    await request('textDocument/hover', at('section'));
    await request('textDocument/completion', at('section'));
    await request('textDocument/codeAction', {
      textDocument: { uri: client.uri('research.md') }, range: rangeOf(research, 'title'), context: { diagnostics: [] },
    });
    await request('textDocument/codeAction', {
      textDocument: { uri: client.uri('research.md') }, range: rangeOf(research, 'title'), context: { diagnostics: [], only: ['source.fixAll.jekyll-author'] },
    });
    // A rename answers with the edit for the editor to apply; the server applies none itself.
    await request('textDocument/rename', { ...at('section: research'), newName: 'studies' }).catch(() => undefined);
    await request(RENDER_PREVIEW_METHOD, { uri: client.uri('research.md') });
    await request(RENDER_PREVIEW_METHOD, { uri: client.uri('index.md') });
    const broken = await client.open('broken/duplicate-key.md');
    await request('textDocument/codeAction', {
      textDocument: { uri: client.uri('broken/duplicate-key.md') }, range: { start: { line: 0, character: 0 }, end: { line: broken.split('\n').length, character: 0 } },
      context: { diagnostics: client.diagnosticsOf('broken/duplicate-key.md'), only: ['source.fixAll.jekyll-author'] },
    });
    await client.open('_includes/broken-examples.html');
    await client.open('_config.yml');
    await client.fileEvents(['research.md', FileChangeType.Changed], ['_config.yml', FileChangeType.Changed], ['_layouts/default.html', FileChangeType.Changed],
      ['new-page.md', FileChangeType.Created], ['impact.md', FileChangeType.Deleted], ['assets/css/main.scss', FileChangeType.Changed]);
    await request(RENDER_PREVIEW_METHOD, { uri: client.uri('research.md') });
    for (const relPath of ['research.md', 'broken/duplicate-key.md', '_includes/broken-examples.html', '_config.yml']) await client.close(relPath);
    await client.shutdown();
    assert.equal(client.exited?.code, 0, client.stderr.join(''));
    assertUnchanged(before, site);
    assertHomeHasOnlyCaches(home);
    assert.deepEqual(fs.readdirSync(tmp), [], 'nothing in TMPDIR');
  } finally {
    await client.stop();
  }
});

test('check without --fix and render without -o write nothing', () => {
  const { site, home, tmp, env } = sandbox();
  const before = snapshot(site);
  const runs = [
    ['check', '--root', site], ['check', '--root', site, '--format', 'json'], ['check', '--root', site, '--format', 'sarif'],
    ['check', 'research.md', 'broken', '--root', site, '--format', 'github'], ['render', 'research.md', '--root', site], ['render', 'index.md', '--root', site],
  ];
  for (const args of runs) {
    const run = spawnSync(process.execPath, [SERVER, ...args], { cwd: site, env, encoding: 'utf8', timeout: 60_000 });
    assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    assert.ok(run.stdout.length > 0, `${args.join(' ')} printed its result`);
  }
  assertUnchanged(before, site);
  assertHomeHasOnlyCaches(home);
  assert.deepEqual(fs.readdirSync(tmp), [], 'nothing in TMPDIR');
});
