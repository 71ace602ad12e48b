import { isCheckable, walkScalars } from '../schema/validate';
import type { PageRule } from './rule';
import { quote } from './fields';

/**
 * A ` #` inside an unquoted value: YAML ends the value there and reads the rest as a comment,
 * so `title: Issue #4` is the title "Issue". Reported only when the text after the `#` starts
 * right away with a letter or digit (`#4`, `#DataSavesLives`), as a number or hashtag does;
 * a comment is written `# like this`. Block texts (`intro: | #…`) are not values of this kind.
 */
export const commentInValue: PageRule = {
  id: 'comment-in-value',
  defaultSeverity: 'warning',
  description: 'An unquoted value with ` #` inside (`title: Top tips #health`): YAML cuts it there and drops the rest as a comment.',
  target: 'page',
  check({ page, report }) {
    const parsed = page.frontMatter;
    if (!isCheckable(page) || !parsed.root) return;
    const { text } = page;
    const hash = text.indexOf('#', parsed.block.yamlStart);
    if (hash === -1 || hash >= parsed.block.yamlEnd) return;
    walkScalars(parsed.root, [], (node, _path, key) => {
      if (node.type !== 'PLAIN') return;
      const [start, end] = parsed.offsetsOf(node);
      // A comment needs a blank right after the value: most values have none, and need no more look.
      const after = text.charCodeAt(end);
      if ((after !== 32 && after !== 9) || parsed.scalarOf(node)?.kind !== 'string') return;
      const line = page.lines.positionAt(start).line;
      if (page.lines.positionAt(end).line !== line) return;
      const rest = text.slice(end, page.lines.lineEnd(line));
      const comment = /^[ \t]+#[\p{L}\p{N}]/u.test(rest) ? rest.trimEnd() : undefined;
      if (comment === undefined) return;
      const value = text.slice(start, end);
      const whole = `${value}${comment}`;
      const field = key ? `\`${String(key.value)}\`` : 'this list item';
      report({
        start, end: end + comment.length,
        message: `YAML reads ${field} as \`${value}\` only: an unquoted \` #\` starts a comment, so \`${comment.trim()}\` is dropped. Put the whole value in quotes: \`${quote(whole)}\`.`,
        fixes: [{
          title: 'Put the whole value in quotes',
          // Not safe: the value gains the text YAML dropped, so a page that shows it changes.
          safe: false, preferred: true,
          edits: [{ start, end: end + comment.length, newText: quote(whole) }],
        }],
      });
    });
  },
};
