// The CLI's engine is loaded through V8's code cache in the user's cache folder: a start writes it,
// the next one uses it, and a cache that is damaged or cannot be written never changes what the CLI does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLE_SITE } from '../../helpers/site';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'bin/jekyll-author');
let home: string;

before(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-code-cache-')); });
after(() => fs.rmSync(home, { recursive: true, force: true }));

function check(cacheHome: string, cli = CLI) {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', EXAMPLE_SITE], {
    encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, JEKYLL_AUTHOR_NO_CODE_CACHE: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (cacheHome: string) => {
  const folder = path.join(cacheHome, 'jekyll-author', 'code-cache');
  return fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : [];
};

test('the first run writes the engine\'s code cache, the next runs use it and give the same findings', () => {
  const cacheHome = path.join(home, 'fresh');
  const first = check(cacheHome);
  assert.equal(first.stderr, '');
  const [cache, ...others] = cacheFiles(cacheHome);
  assert.ok(cache, 'a cache file was written');
  assert.deepEqual(others, []);
  assert.match(path.basename(cache), new RegExp(`^engine-check-[0-9a-f]{12}-${process.version.replace(/\./g, '\\.')}-`));
  const written = fs.statSync(cache).mtimeMs;
  const second = check(cacheHome);
  assert.deepEqual(second, first);
  assert.equal(fs.statSync(cache).mtimeMs, written, 'a cache V8 accepts is not written again');
});

test('a damaged cache is replaced, and the findings are the same', () => {
  const cacheHome = path.join(home, 'damaged');
  const expected = check(cacheHome);
  const [cache] = cacheFiles(cacheHome);
  fs.writeFileSync(cache, 'not a code cache');
  assert.deepEqual(check(cacheHome), expected);
  assert.notEqual(fs.readFileSync(cache, 'utf8'), 'not a code cache');
});

test('a cache folder that cannot be made costs only the saving', () => {
  const blocked = path.join(home, 'blocked');
  fs.writeFileSync(blocked, 'a file where the cache folder would go');
  const result = check(blocked);
  assert.equal(result.stderr, '');
  assert.deepEqual(result, check(path.join(home, 'fresh')));
});

test('two copies of the CLI (an install and a checkout) keep a cache each instead of replacing each other\'s', () => {
  const cacheHome = path.join(home, 'two-copies');
  const copy = path.join(home, 'copy');
  fs.mkdirSync(path.join(copy, 'dist', 'server'), { recursive: true });
  fs.cpSync(path.join(REPO, 'bin'), path.join(copy, 'bin'), { recursive: true });
  for (const bundle of fs.readdirSync(path.join(REPO, 'dist', 'server')).filter((name) => name.endsWith('.js'))) {
    fs.copyFileSync(path.join(REPO, 'dist', 'server', bundle), path.join(copy, 'dist', 'server', bundle));
  }
  const expected = check(cacheHome);
  assert.deepEqual(check(cacheHome, path.join(copy, 'bin', 'jekyll-author')), expected);
  const caches = cacheFiles(cacheHome);
  assert.equal(caches.length, 2, `one cache per copy: ${caches.map((file) => path.basename(file)).join(', ')}`);
  const written = caches.map((file) => fs.statSync(file).mtimeMs);
  assert.deepEqual(check(cacheHome), expected);
  assert.deepEqual(cacheFiles(cacheHome).map((file) => fs.statSync(file).mtimeMs), written, 'neither copy wrote its cache again');
});
