// The CLI's npm package, from the same dist/ as the .vsix: the files `npm pack` takes from the repository
// (.npmignore: bin/, the server bundle and its Sass compiler, schemas/, README, LICENSE), staged in a folder
// with a package.json of its own (no dependencies, no scripts, no VS Code manifest), packed with `npm pack`.
// The repository's package.json stays the extension's manifest (vsce refuses a `files` list beside
// .vscodeignore). `npm run package` makes both; test/package/ installs this one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NPM_SIZE_LIMIT = 2 * 1024 * 1024;

const NOT_PACKED = [
  [/\.map$/, 'a source map'],
  [/\.ts$/, 'a TypeScript source'],
  [/(^|\/)node_modules\//, 'node_modules (the bundle needs none)'],
  [/^(client|server|test|out|scripts|bench|docs)\/|(^|\/)fixtures\//, 'a source, test or fixture'],
  [/^dist\/(client|preview|action)\//, 'a part of the extension or the Action'],
];
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE', 'bin/jekyll-author', 'dist/server/cli.js', 'dist/server/engine.js', 'dist/server/render.js', 'dist/server/render-worker.js',
  'dist/server/render-worker-entry.js', 'dist/server/sass.js', 'dist/server/server.js', 'schemas/jekyll-author.schema.json',
];

/** The published manifest: what npm and a user need, from the repository's manifest. */
export function cliManifest(manifest) {
  return {
    name: manifest.name,
    version: manifest.version,
    description: 'Check the front matter, _config.yml, layouts and includes of a Jekyll site: from the command line, in CI (GitHub annotations, SARIF), in a pre-commit hook, or in any LSP editor.',
    keywords: manifest.keywords,
    homepage: manifest.homepage,
    bugs: manifest.bugs,
    repository: manifest.repository,
    license: manifest.license,
    bin: manifest.bin,
    files: ['bin/', 'dist/server/*.js', 'schemas/'],
    engines: { node: manifest.engines.node },
  };
}

/** Why the packed `files` (paths inside the package) and `bytes` break the rules; empty when fine. */
export function npmPackageProblems(files, bytes, manifest) {
  const problems = [];
  for (const file of files) {
    const rule = NOT_PACKED.find(([pattern]) => pattern.test(file));
    if (rule) problems.push(`${file} is ${rule[1]}`);
  }
  for (const file of REQUIRED) if (!files.includes(file)) problems.push(`${file} is missing from the package`);
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'private']) {
    if (manifest[field] !== undefined) problems.push(`package.json has "${field}": the package must install nothing and run nothing`);
  }
  if (bytes > NPM_SIZE_LIMIT) problems.push(`the package is ${(bytes / 1024).toFixed(0)} KB, over ${NPM_SIZE_LIMIT / 1024} KB`);
  return problems;
}

/** `npm pack` in `cwd` (scripts not run: dist/ is built already); returns npm's report of the tarball. */
function npmPack(cwd, extraArgs) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--json', '--ignore-scripts', ...extraArgs], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
  const [packed] = JSON.parse(result.stdout);
  return { filename: packed.filename, files: packed.files.map((entry) => entry.path).sort() };
}

/** Packs dist/ as it is (build it first) into `outDir`; returns { file, bytes, files, problems }. */
export function packageCli({ outDir = REPO } = {}) {
  const shipped = npmPack(REPO, ['--dry-run']).files.filter((file) => file !== 'package.json');
  const manifest = cliManifest(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-npm-'));
  try {
    for (const file of shipped) fs.cpSync(path.join(REPO, file), path.join(stage, file));
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(outDir, { recursive: true });
    const packed = npmPack(stage, ['--pack-destination', path.resolve(outDir)]);
    const file = path.join(path.resolve(outDir), packed.filename);
    const bytes = fs.statSync(file).size;
    return { file, bytes, files: packed.files, problems: npmPackageProblems(packed.files, bytes, manifest) };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
