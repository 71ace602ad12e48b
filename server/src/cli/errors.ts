import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotUtf8Error } from '../service/write-file';
import type { Site } from '../site/site';

/** What the file system said, as a sentence for the user; undefined for errors that are the program's own. */
export function fileProblem(error: unknown): string | undefined {
  if (error instanceof NotUtf8Error) return `${error.message}: it is left as it is.`;
  const { code, path: file, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof file !== 'string') return undefined;
  const writing = syscall === 'open' || syscall === 'rename' || syscall === 'access' || syscall === 'write' || syscall === 'mkdir';
  const verb = writing ? 'write' : 'read';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Cannot ${verb} ${file}: permission denied (the file or its folder is read-only for you).`;
    case 'EROFS':
      return `Cannot write ${file}: it is on a read-only disk.`;
    case 'EISDIR':
      return `${file} is a folder: give the name of a file.`;
    case 'ENOENT':
      return `There is no folder ${path.dirname(file)} to put ${path.basename(file)} in, or no file ${file}.`;
    case 'ENOTDIR':
      return `${file} goes through a file as if it were a folder.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Cannot write ${file}: the disk is full.`;
    default:
      return undefined;
  }
}

/** A condition of the user's files the CLI cannot work with: said in a sentence, exit 2, without the usage text. */
export class CliError extends Error {}

/**
 * The file `-o` names, checked before anything is rendered: an existing folder, a folder that does
 * not exist and any file the site reads (the page itself, a layout, `_config.yml`…) are refused.
 */
export function outputFile(site: Site, output: string, pagePath: string): string {
  const absolute = path.resolve(output);
  const folder = path.dirname(absolute);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new CliError(`There is no folder ${folder} to write ${path.basename(absolute)} in: create it first, or give another file.`);
  }
  if (fs.existsSync(absolute) && fs.statSync(absolute).isDirectory()) {
    throw new CliError(`${output} is a folder: give the name of a file, such as ${path.join(output, 'index.html')}.`);
  }
  const real = fs.existsSync(absolute) ? fs.realpathSync(absolute) : path.join(fs.realpathSync(folder), path.basename(absolute));
  const relPath = site.relativePath(real) ?? site.relativePath(absolute);
  if (real === fs.realpathSync(site.absolutePath(pagePath)) || (relPath !== undefined && site.classify(relPath) !== 'ignored')) {
    throw new CliError(`${output} is a file of the site, which rendering would overwrite. Give a file outside the site's sources, such as _site/${pagePath.replace(/\.\w+$/, '.html')}.`);
  }
  return absolute;
}
