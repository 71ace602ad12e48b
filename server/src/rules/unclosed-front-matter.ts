import type { PageRule } from './rule';

/** A page opened with `---` that never closes it: Jekyll prints the fields as page text. */
export const unclosedFrontMatter: PageRule = {
  id: 'unclosed-front-matter',
  defaultSeverity: 'error',
  description: 'The front matter starts with `---` but has no closing `---` line.',
  target: 'page',
  checksUnreadableFrontMatter: true,
  check({ page, report }) {
    const { block } = page.frontMatter;
    if (!block.present || block.closed) return;
    const lines = page.lines;
    const openLine = lines.positionAt(block.openStart).line;
    // The fields most likely end at the first blank line.
    let closeBefore = lines.lineCount;
    for (let line = openLine + 1; line < lines.lineCount; line++) {
      if (lines.lineText(line).trim() === '') {
        closeBefore = line;
        break;
      }
    }
    const insertAt = closeBefore < lines.lineCount ? lines.lineStart(closeBefore) : page.text.length;
    const needsBreak = insertAt === page.text.length && !/\n$/.test(page.text);
    report({
      start: block.openStart,
      end: lines.lineEnd(openLine),
      message: 'The front matter starts with `---` here but is never closed, so Jekyll shows the fields as text on the page and ignores them. Add a line with just `---` after the last field.',
      fixes: [{
        title: `Close the front matter before line ${closeBefore + 1}`,
        safe: false,
        preferred: true,
        edits: [{ start: insertAt, end: insertAt, newText: `${needsBreak ? '\n' : ''}---\n` }],
      }],
    });
  },
};
