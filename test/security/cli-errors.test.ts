// The CLI facing a condition of the user's files or arguments: a folder or a missing folder given
// as `-o`, `-o` naming a file of the site, `--fix` on a read-only file, `init` in a read-only
// folder. Each gets a sentence saying what to do, never a stack trace, and no file is lost.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { writeTempSite } from '../helpers/site';
import { cannotDropRoot, CLI, giveToUser, runAsUser, STACK_LINE } from './as-user';

const made: string[] = [];
after(() => { for (const folder of made) fs.rmSync(folder, { recursive: true, force: true }); });

const PAGE = '---\nlayout: default\ntitle: "Home"\n---\nHello\n';

function site(): string {
  const root = writeTempSite({ '_config.yml': 'title: T\n', '_layouts/default.html': '<main>{{ content }}</main>\n', 'index.md': PAGE });
  made.push(root);
  return root;
}

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('render -o DIR says to name a file', () => {
  const root = site();
  fs.mkdirSync(path.join(root, 'out'));
  const { status, stderr } = run(['render', 'index.md', '-o', 'out'], root);
  assert.doesNotMatch(stderr, STACK_LINE);
  assert.match(stderr, /out is a folder/);
  assert.equal(status, 2);
});

test('render -o missing/x.html says the folder does not exist', () => {
  const root = site();
  const { status, stderr } = run(['render', 'index.md', '-o', 'missing/x.html'], root);
  assert.doesNotMatch(stderr, STACK_LINE);
  assert.match(stderr, /There is no folder .*missing/);
  assert.equal(status, 2);
});

for (const output of ['index.md', './index.md', '_layouts/default.html', '_config.yml']) {
  test(`render -o ${output} (a file of the site) is refused and the file keeps its text`, () => {
    const root = site();
    const before = fs.readFileSync(path.join(root, output));
    const { status, stderr } = run(['render', 'index.md', '-o', output], root);
    assert.doesNotMatch(stderr, STACK_LINE);
    assert.match(stderr, /is a file of the site/);
    assert.equal(status, 2);
    assert.deepEqual(fs.readFileSync(path.join(root, output)), before);
  });
}

test('render -o writes a new file (and _site/ is not a source)', () => {
  const root = site();
  fs.mkdirSync(path.join(root, '_site'));
  const { status } = run(['render', 'index.md', '-o', '_site/index.html'], root);
  assert.equal(status, 0);
  assert.match(fs.readFileSync(path.join(root, '_site/index.html'), 'utf8'), /<main><p>Hello<\/p>/);
});

test('check --fix on a read-only file says it cannot write it, and leaves it as it was', { skip: cannotDropRoot }, () => {
  const root = writeTempSite({ '_config.yml': 'title: T\n', 'a.md': '---\ntitle: Draft\ntitle: Results\n---\nBody\n' });
  made.push(root);
  giveToUser(root);
  fs.chmodSync(path.join(root, 'a.md'), 0o444);
  const before = fs.readFileSync(path.join(root, 'a.md'));
  const { status, stderr, stdout } = runAsUser(['check', '--fix'], root);
  assert.doesNotMatch(stderr + stdout, STACK_LINE);
  assert.match(stderr, /a\.md.*read-only|cannot write.*a\.md/i);
  assert.deepEqual(fs.readFileSync(path.join(root, 'a.md')), before);
  assert.equal(fs.statSync(path.join(root, 'a.md')).mode & 0o777, 0o444);
  assert.equal(status, 2);
});

test('init in a read-only folder says it cannot write the schema file', { skip: cannotDropRoot }, () => {
  const root = site();
  giveToUser(root);
  fs.chmodSync(root, 0o555);
  try {
    const { status, stderr } = runAsUser(['init'], root);
    assert.doesNotMatch(stderr, STACK_LINE);
    assert.match(stderr, /Cannot write .*_jekyll-author\.schema\.json/);
    assert.equal(status, 2);
  } finally {
    fs.chmodSync(root, 0o755);
  }
});
