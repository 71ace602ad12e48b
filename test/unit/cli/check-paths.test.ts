import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { writeTempSite } from '../../helpers/site';

const CLI = path.resolve(__dirname, '../../../../bin/jekyll-author');
const site = writeTempSite({ '_config.yml': 'title: T\n', 'about.md': '---\ntitle: About: us\n---\n', 'blog/post.md': '---\ntitle: Post: one\n---\n' });
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-cwd-'));
after(() => [site, elsewhere].forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function files(args: string[], cwd: string): string[] {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args, '--format', 'json'], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return (JSON.parse(result.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file).sort();
}

test('check PATH takes PATH relative to the current folder, else relative to --root, like render', () => {
  assert.deepEqual(files(['about.md', '--root', site], elsewhere), ['about.md']);
  assert.deepEqual(files(['blog', '--root', site], elsewhere), ['blog/post.md']);
  assert.deepEqual(files(['about.md'], site), ['about.md']);
  assert.deepEqual(files([path.join(site, 'blog/post.md')], elsewhere), ['blog/post.md']);
  const missing = spawnSync(process.execPath, [CLI, 'check', 'nope.md', '--root', site], { cwd: elsewhere, encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such file or folder: .*nope\.md or .*nope\.md/);
});
