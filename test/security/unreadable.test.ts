// What Jekyll stops the build on is an error, never a skip: an unreadable page, folder or layout
// (tested as a user permissions apply to: the tests run as root, so the CLI runs as `nobody`).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { writeTempSite } from '../helpers/site';
import { cannotDropRoot, giveToUser, runAsUser, STACK_LINE } from './as-user';

const made: string[] = [];
after(() => { for (const folder of made) fs.rmSync(folder, { recursive: true, force: true }); });

test('unreadable pages, folders and layouts are errors that name them, and check fails', { skip: cannotDropRoot }, () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\n',
    '_layouts/default.html': '<main>{{ content }}</main>\n',
    'index.md': '---\ntitle: Home\n---\nHello\n',
    'private.md': '---\ntitle: Private\n---\n',
    'locked/inside.md': '---\ntitle: Inside\n---\n',
  });
  made.push(root);
  giveToUser(root);
  fs.chmodSync(path.join(root, 'private.md'), 0o200);
  fs.chmodSync(path.join(root, 'locked'), 0o300);
  fs.chmodSync(path.join(root, '_layouts', 'default.html'), 0o200);
  const { status, stdout, stderr } = runAsUser(['check', '--format', 'json'], root);
  assert.doesNotMatch(stderr, STACK_LINE);
  const unreadable = (JSON.parse(stdout).diagnostics as { code: string; file: string; message: string }[])
    .filter((d) => d.code === 'unreadable-file');
  assert.deepEqual(unreadable.map((d) => /`([^`]+)` cannot be read/.exec(d.message)?.[1]).sort(), ['_layouts/default.html', 'locked', 'private.md']);
  assert.equal(status, 1);
});
