// `npm run package`: builds dist/, makes the .vsix with @vscode/vsce, then checks what went in: the bundled
// client and server (dist/, one file each, the preview's code and the server's Sass compiler apart: no node_modules, hence no dependencies), the files the manifest
// names, nothing of the sources, tests, fixtures, maps, docs or scripts, and at most 2 MB.
// Then it packs the CLI's npm package from the same dist/ (scripts/package-npm.mjs: jekyll-author-<version>.tgz).
// Options: --out FILE (default: jekyll-author-<version>.vsix here), --no-build (package dist/ as it is).
// Exits 1 when a check fails. test/unit/package/ and test/package/ run packageExtension() and packageCli().
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';
import { NPM_SIZE_LIMIT, packageCli } from './package-npm.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SIZE_LIMIT = 2 * 1024 * 1024;

/** What must never ship: the .vsix runs from dist/ alone. */
const NOT_SHIPPED = [
  [/^dist\/action\/|^action\.yml$|^\.pre-commit-hooks\.yaml$/, 'for CI (the GitHub Action, the pre-commit hook)'],
  [/\.map$/, 'a source map'],
  [/\.ts$/, 'a TypeScript source'],
  [/(^|\/)node_modules\//, 'node_modules (dist/ is bundled)'],
  [/^(client|server|bench|scripts|out|test-artifacts|\.ci)\//, 'a source, build or CI file'],
  [/^test\/|(^|\/)fixtures\/|example-site/, 'a test or fixture'],
  // The rules' pages ship (each problem links to its page), and so do the walkthrough's steps.
  [/^docs\/(?!rules\/|walkthrough\/)/, 'documentation (the README links to it in the repository)'],
  [/(^|\/)tsconfig[^/]*\.json$|^package-lock\.json$|\.vsix$|\.tgz$/, 'a development file'],
];

/** Files the extension needs at run time or the marketplace shows: the manifest's, and the server it starts. */
function requiredFiles(manifest) {
  const relative = (p) => path.posix.normalize(p.replace(/^\.\//, ''));
  return [
    'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
    relative(manifest.main), 'dist/client/client.js', 'dist/client/preview.js', 'dist/server/cli.js', 'dist/server/engine.js', 'dist/server/render.js', 'dist/server/render-worker.js', 'dist/server/render-worker-entry.js', 'dist/server/sass.js', 'dist/server/server.js', relative(manifest.icon),
    ...(manifest.contributes.grammars ?? []).map((g) => relative(g.path)),
    ...(manifest.contributes.jsonValidation ?? []).filter((v) => !/^https?:/.test(v.url)).map((v) => relative(v.url)),
    ...(manifest.contributes.viewsContainers?.activitybar ?? []).map((c) => relative(c.icon)),
    ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps).map((s) => s.media?.markdown).filter(Boolean).map(relative),
    ...fs.readdirSync(path.join(REPO, 'docs', 'rules')).map((name) => `docs/rules/${name}`),
  ];
}

/** Why `files` (paths relative to the repository) and a package of `bytes` break the rules; empty when fine. */
export function packageProblems(files, bytes, manifest) {
  const problems = [];
  for (const file of files) {
    const rule = NOT_SHIPPED.find(([pattern]) => pattern.test(file));
    if (rule) problems.push(`${file} is ${rule[1]}: add it to .vscodeignore`);
  }
  for (const file of requiredFiles(manifest)) {
    if (!files.includes(file)) problems.push(`${file} is missing from the package`);
  }
  if (bytes > SIZE_LIMIT) problems.push(`the package is ${(bytes / 1024).toFixed(0)} KB, over ${SIZE_LIMIT / 1024} KB`);
  return problems;
}

/** Builds (unless build is false), packages into `out`, and returns { file, bytes, files, problems }. */
export async function packageExtension({ out, build = true } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  out = path.resolve(out ?? path.join(REPO, `${manifest.name}-${manifest.version}.vsix`));
  if (build) {
    const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('the build failed');
  }
  // --no-dependencies: the bundles need nothing from node_modules.
  await createVSIX({ cwd: REPO, packagePath: out, dependencies: false });
  const files = (await listFiles({ cwd: REPO, packageManager: PackageManager.None })).map((f) => f.split(path.sep).join('/')).sort();
  const bytes = fs.statSync(out).size;
  return { file: out, bytes, files, problems: packageProblems(files, bytes, manifest) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  const report = await packageExtension({ out: outIndex >= 0 ? argv[outIndex + 1] : undefined, build: !argv.includes('--no-build') });
  console.log(`\n${path.relative(process.cwd(), report.file)}: ${(report.bytes / 1024).toFixed(0)} KB (limit ${SIZE_LIMIT / 1024} KB), ${report.files.length} files:`);
  for (const file of report.files) console.log(`  ${file}  ${(fs.statSync(path.join(REPO, file)).size / 1024).toFixed(1)} KB`);
  for (const problem of report.problems) console.error(`package: ${problem}`);
  const npm = packageCli({ outDir: path.dirname(report.file) });
  console.log(`\n${path.relative(process.cwd(), npm.file)}: ${(npm.bytes / 1024).toFixed(0)} KB (limit ${NPM_SIZE_LIMIT / 1024} KB), ${npm.files.length} files: ${npm.files.join(', ')}`);
  for (const problem of npm.problems) console.error(`npm package: ${problem}`);
  process.exit(report.problems.length || npm.problems.length ? 1 : 0);
}
