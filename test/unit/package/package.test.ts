// The .vsix as `npm run package` makes it (scripts/package.mjs, here without rebuilding: `npm test`
// builds dist/ first): what it ships and its size. A few seconds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(__dirname, '../../../..');

interface PackageReport { file: string; bytes: number; files: string[]; problems: string[] }
interface PackageScript {
  SIZE_LIMIT: number;
  packageExtension(options: { out: string; build: boolean }): Promise<PackageReport>;
  packageProblems(files: string[], bytes: number, manifest: unknown): string[];
}
const loadScript = async (): Promise<PackageScript> => import(pathToFileURL(path.join(REPO, 'scripts', 'package.mjs')).href);

describe('the .vsix', () => {
  it('holds the two bundles and what the manifest names, no sources, tests, fixtures or maps, within 2 MB', async () => {
    const script = await loadScript();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-vsix-'));
    try {
      const report = await script.packageExtension({ out: path.join(dir, 'x.vsix'), build: false });
      assert.deepEqual(report.problems, []);
      assert.equal(fs.statSync(report.file).size, report.bytes);
      assert.ok(report.bytes <= script.SIZE_LIMIT, `${report.bytes} bytes`);
      for (const file of ['dist/client/extension.js', 'dist/server/cli.js', 'dist/server/render-worker.js', 'dist/server/render-worker-entry.js', 'syntaxes/liquid.injection.tmLanguage.json']) {
        assert.ok(report.files.includes(file), `${file} is shipped`);
      }
      for (const file of report.files) assert.doesNotMatch(file, /\.(ts|map)$|^(client|server|test|out|node_modules)\//);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the check names what must not ship, what is missing, and an oversized package', async () => {
    const { packageProblems, SIZE_LIMIT } = await loadScript();
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const problems = packageProblems(
      ['package.json', 'dist/client/extension.js.map', 'server/src/lsp/server.ts', 'test/fixtures/example-site/index.md', 'docs/schema.md'],
      SIZE_LIMIT + 1, manifest,
    );
    for (const expected of ['extension.js.map is a source map', 'server.ts is a TypeScript source', 'index.md is a test or fixture',
      'docs/schema.md is documentation', 'dist/server/cli.js is missing', 'images/icon.png is missing', 'over 2048 KB']) {
      assert.ok(problems.some((p) => p.includes(expected)), `a problem says "${expected}": ${problems.join('; ')}`);
    }
  });
});
