import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file that is not valid UTF-8: Jekyll stops on it, and no fix may write it (its bytes would be lost). */
export class NotUtf8Error extends Error {}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, read as bytes and decoded strictly: `NotUtf8Error` rather than a text with U+FFFD in it. */
export function readUtf8File(absPath: string): string {
  const bytes = fs.readFileSync(absPath);
  try {
    // TextDecoder drops a byte-order mark unless told not to; the text keeps it as Node's 'utf8' does.
    return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '') + strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error(`${absPath} is not valid UTF-8 text`);
  }
}

/**
 * Replaces a file's text all at once: written to a temporary file beside it, then renamed over it,
 * so that a crash or a full disk never leaves half a file. The file keeps its mode (and owner, where
 * allowed); a link is followed and its target replaced; a read-only file is refused (EACCES), as a
 * plain write would be. Line endings and a byte-order mark are the caller's text's, unchanged.
 */
export function replaceFile(absPath: string, text: string): void {
  const target = fs.realpathSync(absPath);
  fs.accessSync(target, fs.constants.W_OK);
  const stat = fs.statSync(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const descriptor = fs.openSync(temporary, 'wx', stat.mode & 0o7777);
  try {
    try {
      fs.writeFileSync(descriptor, text);
      fs.fchmodSync(descriptor, stat.mode & 0o7777);
      try {
        fs.fchownSync(descriptor, stat.uid, stat.gid);
      } catch {
        // Only root may give a file away; the file is then the writer's, as after any edit.
      }
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
