import { readGuarded } from '../site/guard';
import type { PageRule } from './rule';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A page whose bytes are not valid UTF-8: Jekyll stops the build ("invalid byte sequence in UTF-8").
 * Reported on each line that holds such bytes, with no fix: any edit would write the page back as
 * text and replace those bytes for good, and only the author knows the file's real encoding.
 */
export const encoding: PageRule = {
  id: 'encoding',
  defaultSeverity: 'error',
  description: 'The file has bytes that are not UTF-8 text (saved in another encoding): Jekyll stops the build. Never rewritten by a fix.',
  target: 'page',
  checksUnreadableFrontMatter: true,
  check({ site, page, report }) {
    // Decoding leaves U+FFFD where bytes were invalid: without one, the file is valid (or only in an editor).
    if (!page.text.includes('\ufffd')) return;
    let bytes: Buffer;
    try {
      bytes = readGuarded(site.root, page.relPath);
    } catch {
      return;
    }
    for (const line of invalidLines(bytes)) {
      if (line >= page.lines.lineCount) break;
      report({
        start: page.lines.lineStart(line),
        end: page.lines.lineEnd(line),
        message: `This line has bytes that are not UTF-8 text, so Jekyll stops the build ("invalid byte sequence in UTF-8"). `
          + 'The file was probably saved in another encoding: reopen it with its real encoding (in VS Code, click the encoding in the status bar, then "Reopen with Encoding", e.g. Windows 1252) and save it as UTF-8. '
          + 'Jekyll Author never rewrites this file, so that no byte is lost.',
      });
    }
  },
};

/** The 0-based lines (split at `\n` bytes) that are not valid UTF-8. */
export function invalidLines(bytes: Buffer): number[] {
  const lines: number[] = [];
  let start = 0;
  for (let line = 0; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      strictUtf8.decode(bytes.subarray(start, end));
    } catch {
      lines.push(line);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}
