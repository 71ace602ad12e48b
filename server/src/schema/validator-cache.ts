/**
 * ajv's validators kept between runs. Compiling a layout's validator takes ajv 10 to 50 ms, at every
 * start of `check` and of the language server, for schemas that rarely change; ajv can write a
 * compiled validator out as standalone JavaScript, which loads in well under a millisecond. Each is
 * kept in the user's cache folder under a hash of its schema and ajv's version and options; the
 * folder keeps the most recent few hundred. A folder that cannot be read or written only costs the saving.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { writeCacheFile } from '../util/cache-folder';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * What ajv's standalone code may `require`: its run-time helpers, bundled here and loaded when a
 * validator asks (uri, with its URI parser, only for schemas with `format: uri`, if ever).
 */
const RUNTIME: Record<string, () => unknown> = {
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/uri': () => require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/validation_error': () => require('ajv/dist/runtime/validation_error'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Validators kept beyond this many are removed, oldest first. */
const KEPT = 300;

export class ValidatorCache {
  private written = 0;

  /**
   * `signature`: what the code depends on besides the schema (ajv's version, options, keywords);
   * `folder`: where validators are kept (undefined: nowhere).
   */
  constructor(private readonly ajv: () => Ajv, private readonly signature: string, private readonly folder: string | undefined) {}

  /** The validator of the schema whose JSON is `key`, when an earlier run kept it. */
  cached(key: unknown): ValidateFunction | undefined {
    const file = this.fileOf(key);
    return file ? load(file) : undefined;
  }

  /** The validator `compile` makes for the schema whose JSON is `key`, kept for the next runs. */
  compiled(key: unknown, compile: () => ValidateFunction): ValidateFunction {
    const validate = compile();
    const file = this.fileOf(key);
    if (file) this.keep(file, validate);
    return validate;
  }

  private fileOf(key: unknown): string | undefined {
    if (!this.folder) return undefined;
    return path.join(this.folder, `${createHash('sha256').update(this.signature).update(JSON.stringify(key)).digest('hex').slice(0, 32)}.js`);
  }

  private keep(file: string, validate: ValidateFunction): void {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
      writeCacheFile(this.folder!, file, standaloneCode(this.ajv(), validate));
      if (++this.written % 50 === 1) prune(this.folder!);
    } catch {
      // Read-only home, full disk, a schema ajv cannot write out: the next start compiles again.
    }
  }
}

function load(file: string): ValidateFunction | undefined {
  let code: string;
  try {
    code = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const module = { exports: {} as unknown };
    const wrapper = vm.runInThisContext(`(function (module, exports, require) {${code}\n})`, { filename: file }) as (...args: unknown[]) => void;
    wrapper(module, module.exports, (id: string) => {
      if (!(id in RUNTIME)) throw new Error(`A cached validator asks for ${id}`);
      return RUNTIME[id]();
    });
    return typeof module.exports === 'function' ? module.exports as ValidateFunction : undefined;
  } catch {
    return undefined; // A damaged file: compiled again, and written over.
  }
}

function prune(folder: string): void {
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.js')).map((name) => {
    const file = path.join(folder, name);
    return { file, time: fs.statSync(file).mtimeMs };
  });
  for (const { file } of files.sort((a, b) => b.time - a.time).slice(KEPT)) fs.rmSync(file, { force: true });
}
