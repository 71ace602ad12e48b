// The pre-commit hook as pre-commit runs it: the repository packed with `npm pack` and installed
// globally (offline, into a temporary prefix), then the hook's entry started with the staged files
// that match its `files` pattern, in a temporary git repository holding the example site.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { copyExampleSite } from '../helpers/site';
import { cleanEnv, REPO, spawn, tempDir } from './helpers';

interface Hook { id: string; entry: string; language: string; files: string; args?: string[]; require_serial?: boolean }
const [HOOK] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('the pre-commit hook', () => {
  let dir: string;
  let site: string;
  let binDir: string;
  const git = (...args: string[]) => {
    const result = spawn('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], site);
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  /** What pre-commit does at `git commit`: the staged files matching `files`, given to the entry. */
  const runHook = () => {
    const staged = git('diff', '--staged', '--name-only', '--diff-filter=ACMRTUXB', '-z').split('\0').filter(Boolean);
    const files = staged.filter((file) => new RegExp(HOOK.files).test(file));
    const [command, ...entryArgs] = HOOK.entry.split(' ');
    return spawn(path.join(binDir, command), [...entryArgs, ...(HOOK.args ?? []), ...files], site, cleanEnv());
  };
  const edit = (file: string, change: (text: string) => string) => {
    fs.writeFileSync(path.join(site, file), change(fs.readFileSync(path.join(site, file), 'utf8')));
  };

  before(() => {
    dir = tempDir('jekyll-author-hook-');
    const pack = spawn('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO);
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = path.join(dir, JSON.parse(pack.stdout)[0].filename);
    const prefix = path.join(dir, 'env');
    const install = spawn('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], dir);
    assert.equal(install.status, 0, install.stderr);
    binDir = path.join(prefix, 'bin');
    site = copyExampleSite();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'The example site');
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(site, { recursive: true, force: true });
  });

  it('is a node hook running the check once over all the files it is given', () => {
    assert.equal(HOOK.language, 'node');
    assert.match(HOOK.entry, /^jekyll-author check\b/);
    assert.equal(HOOK.require_serial, true);
  });

  it('fails on a staged broken page and reports only the staged pages, knowing the whole site', () => {
    // Both pages name `parent: research`, a page that is not staged: no unknown-reference means the site was read.
    edit('research/air-quality.md', (text) => `${text}\nOne more paragraph.\n`);
    edit('research/heart-health.md', (text) => text.replace(/^title: .*$/m, 'title: Results: the first year'));
    git('add', 'research/air-quality.md', 'research/heart-health.md');
    const broken = runHook();
    assert.equal(broken.status, 1, broken.stdout);
    const reported = new Set(broken.stdout.split('\n').map((line) => line.split(':')[0]).filter((file) => file.endsWith('.md')));
    assert.deepEqual([...reported], ['research/heart-health.md'], broken.stdout);
    assert.match(broken.stdout, /^research\/heart-health\.md:\d+:8 error yaml-syntax /m);
    assert.match(broken.stdout, /in 2 pages checked\.$/m);
    assert.doesNotMatch(broken.stdout, /unknown-reference/);
  });

  it('passes when only the clean page is staged; --changed finds the same files without being told', () => {
    git('reset', '-q', 'research/heart-health.md');
    const clean = runHook();
    assert.equal(clean.status, 0, clean.stdout);
    assert.match(clean.stdout, /^0 errors, 0 warnings, 0 notes in 1 page checked\.$/m);
    const changed = spawn(path.join(binDir, 'jekyll-author'), ['check', '--changed'], site, cleanEnv());
    assert.equal(changed.status, 1, 'the unstaged broken page is a change too');
    assert.match(changed.stdout, /in 2 pages checked\.$/m);
    assert.match(changed.stdout, /^research\/heart-health\.md:\d+:8 error yaml-syntax /m);
  });
});
