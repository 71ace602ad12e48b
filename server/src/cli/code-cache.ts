/**
 * Loads a bundle through V8's code cache. Compiling the engine's megabyte of JavaScript is a good part
 * of every start of `check` and of the language server, and Node 20 has no compile cache of its own
 * (`module.enableCompileCache` came in Node 22). The cache lives in the user's cache folder, one file
 * per bundle and Node version; V8 checks it against the source and refuses one that does not fit,
 * and then it is written again. A cache folder that cannot be written only costs the saving.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { userCacheFolder, writeCacheFile } from '../util/cache-folder';

/** Writes the cache at exit: by then the functions the command ran are compiled too, and go into it. */
const atExit = (write: () => void): void => {
  process.once('exit', write);
};

/**
 * `require(file)`, compiled from the code cache when there is a usable one. `whenToWrite` decides when
 * a new cache is written (a process that is killed, such as VS Code's extension host, never sees `exit`).
 * A cache holds the functions its first run compiled, and V8 takes it as long as the bundle is the same:
 * a bundle that runs several commands keeps a cache per `use` (the command), so that a first `--version`
 * does not leave every later `check` compiling its functions again.
 */
export function requireWithCodeCache(file: string, cacheFolder: string | undefined = userCacheFolder('code-cache'), whenToWrite = atExit, use?: string): unknown {
  const known = loadedModules()[file];
  if (known) return known.exports;
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const cacheFile = cacheFolder && path.join(cacheFolder, `${cachePrefix(file, use)}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
  const cachedData = cacheFile ? readIfThere(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const loaded = new Module(file, module);
  loaded.filename = file;
  // Where Node keeps what `require` loaded (require.cache): a second load of the bundle gets the same module.
  loadedModules()[file] = loaded;
  loaded.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, (id: string) => loaded.require(id), loaded, file, path.dirname(file));
  loaded.loaded = true;
  if (cacheFile && (!cachedData || script.cachedDataRejected)) whenToWrite(() => writeCache(cacheFolder!, cachePrefix(file, use), cacheFile, script));
  return loaded.exports;
}

/** `require.cache`, which the bundles, whose `require` is a plain function, cannot reach. */
const loadedModules = () => (Module as unknown as { _cache: Record<string, Module> })._cache;

/** What names one bundle file's caches: its name (and use), a hash of where it is, and the Node that compiled it. */
function cachePrefix(bundle: string, use: string | undefined): string {
  const where = createHash('sha256').update(path.resolve(bundle)).digest('hex').slice(0, 12);
  return `${path.basename(bundle, '.js')}${use ? `-${use}` : ''}-${where}-${process.version}`;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(folder: string, prefixOfBundle: string, cacheFile: string, script: vm.Script): void {
  try {
    // Caches of older builds of this bundle file, for this Node, are of no more use; another Node (the
    // CLI's and VS Code's) and another copy of the bundle (a second install, a checkout) keep their own.
    writeCacheFile(folder, cacheFile, script.createCachedData());
    const prefix = `${prefixOfBundle}-`;
    for (const old of fs.readdirSync(folder)) if (old.startsWith(prefix) && old !== path.basename(cacheFile)) fs.rmSync(path.join(folder, old), { force: true });
  } catch {
    // Read-only home, full disk: the next start compiles again, as Node does without a cache.
  }
}
