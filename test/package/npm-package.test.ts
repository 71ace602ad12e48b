// The CLI's npm package as a user gets it: packed from dist/ (as `npm test` built it), installed into an
// empty project with the network off, then run through npx, npm exec and a global install. Slow-ish
// (three npm runs, a few seconds).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RENDER_PREVIEW_METHOD, type PreviewPage } from '../../server/src/lsp/preview-protocol';
import { copyExampleSite, EXAMPLE_SITE } from '../helpers/site';
import { TestClient, withTimeout } from '../lsp/lsp-client';
import { BIN, cleanEnv, NpmPackageReport, packCli, REPO, spawn, tempDir } from './helpers';

describe('the npm package', () => {
  let dir: string;
  let project: string;
  let report: NpmPackageReport;
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

  before(async () => {
    dir = tempDir('jekyll-author-npm-test-');
    report = await packCli(dir);
    project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "a-site", "private": true }\n');
    fs.cpSync(EXAMPLE_SITE, path.join(project, 'site'), { recursive: true });
    const install = spawn('npm', ['install', '--offline', '--no-audit', '--no-fund', report.file], project);
    assert.equal(install.status, 0, install.stderr);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds only what runs: the bin, the bundles, the schema, README and LICENSE; no sources, tests or maps', (t) => {
    t.diagnostic(`${path.basename(report.file)}: ${(report.bytes / 1024).toFixed(0)} KB, ${report.files.length} files: ${report.files.join(', ')}`);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.files, [
      'LICENSE', 'README.md', 'bin/jekyll-author', 'dist/server/cli.js', 'dist/server/engine.js', 'dist/server/render-worker-entry.js', 'dist/server/render-worker.js', 'dist/server/render.js',
      'dist/server/sass.js', 'dist/server/server.js', 'package.json', 'schemas/jekyll-author.schema.json',
    ]);
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'jekyll-author', 'package.json'), 'utf8'));
    assert.equal(installed.dependencies, undefined, 'nothing to install');
    assert.equal(installed.scripts, undefined, 'no install scripts');
    assert.equal(installed.private, undefined, 'publishable');
    assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.')), ['jekyll-author'], 'no dependencies came along');
  });

  it('npx jekyll-author check prints what bin/jekyll-author prints, with the same exit status', () => {
    const installed = spawn('npx', ['--offline', 'jekyll-author', 'check', 'site'], project);
    const repo = spawn(process.execPath, [BIN, 'check', 'site'], project);
    assert.equal(installed.stderr, repo.stderr);
    assert.equal(installed.stdout, repo.stdout);
    assert.equal(installed.status, repo.status);
    assert.equal(installed.status, 1, 'the example site has broken pages');
    assert.match(installed.stdout, /^site\/broken\/[^\n]* error /m);
  });

  it('answers --version and --help through npm exec', () => {
    const versionRun = spawn('npm', ['exec', '--offline', '--', 'jekyll-author', '--version'], project);
    assert.equal(versionRun.stdout.trim(), version);
    const help = spawn('npm', ['exec', '--offline', '--', 'jekyll-author', 'check', '--help'], project);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--max-warnings N/);
  });

  it('its language server renders the preview in its worker thread', async () => {
    const client = await TestClient.start(copyExampleSite(), {}, cleanEnv(), undefined, path.join(project, 'node_modules', 'jekyll-author', 'dist', 'server', 'cli.js'));
    try {
      const page = await withTimeout(client.connection.sendRequest<PreviewPage>(RENDER_PREVIEW_METHOD, { uri: client.uri('research.md') }), 'the preview');
      assert.match(page.html, /<title>Research/);
      assert.ok(page.stylesheets.length > 0, 'the site\'s Sass compiled in the worker');
    } finally {
      await client.stop();
    }
  });

  it('runs from a global install (npm i -g)', () => {
    const prefix = path.join(dir, 'global');
    const install = spawn('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, report.file], project);
    assert.equal(install.status, 0, install.stderr);
    const check = spawn(path.join(prefix, 'bin', 'jekyll-author'), ['check', '--quiet', 'site/broken/colon-title.md'], project, cleanEnv());
    assert.equal(check.status, 1);
    assert.match(check.stdout, /^site\/broken\/colon-title\.md:3:8 error yaml-syntax /);
  });
});
