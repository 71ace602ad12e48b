import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO = path.resolve(__dirname, '../../..');
export const BIN = path.join(REPO, 'bin', 'jekyll-author');

/** The environment without the npm_* variables of an enclosing `npm test`, which would steer a nested npm. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

export function spawn(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** A fresh temporary folder; `after` hooks remove it. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface NpmPackageReport { file: string; bytes: number; files: string[]; problems: string[] }

/** scripts/package-npm.mjs's packageCli: packs dist/ as `npm test` built it. */
export async function packCli(outDir: string): Promise<NpmPackageReport> {
  const script = await import(pathToFileURL(path.join(REPO, 'scripts', 'package-npm.mjs')).href) as {
    packageCli(options: { outDir: string }): NpmPackageReport;
  };
  return script.packageCli({ outDir });
}
