import { isPair, isScalar, Node } from 'yaml';
import { OVERRIDING_RESERVED_FIELDS, RESERVED_FIELDS } from '../schema/jekyll-fields';
import { isCheckable } from '../schema/validate';
import type { PageRule } from './rule';

/** Names to offer instead of a reserved one. */
const RENAMES: Readonly<Record<string, string>> = {
  collection: 'collection_name',
  content: 'body_text',
  dir: 'folder',
  excerpt: 'summary',
  id: 'identifier',
  name: 'display_name',
  next: 'next_page',
  output: 'output_text',
  path: 'file_path',
  previous: 'previous_page',
  relative_path: 'source_path',
  url: 'link',
};

/** Jekyll's documentation tells authors to set these to replace its own value (`excerpt:` for a post's summary). */
const DOCUMENTED_OVERRIDES: ReadonlySet<string> = new Set(['excerpt']);

/** A front-matter key that replaces one of Jekyll's own page variables (`path`, `url`…). */
export const reservedField: PageRule = {
  id: 'reserved-field',
  defaultSeverity: 'warning',
  description: 'A field whose name Jekyll uses for its own page variable, such as `path` or `url`.',
  target: 'page',
  check({ page, report }) {
    if (!isCheckable(page)) return;
    const parsed = page.frontMatter;
    for (const item of parsed.root?.items ?? []) {
      // The key's name first: pairs are looked at further (as `topLevelPairs` gives them) only for a reserved one.
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value ?? '');
      if (!Object.prototype.hasOwnProperty.call(RESERVED_FIELDS, key) || DOCUMENTED_OVERRIDES.has(key)) continue;
      const keyNode = item.key;
      const value = (item.value as Node | null) ?? null;
      const [start, end] = parsed.offsetsOf(keyNode);
      const rename = RENAMES[key] ?? `${key}_value`;
      const line = page.lines.positionAt(start).line;
      const valueEnd = value && (value as Node).range ? parsed.offsetsOf(value)[1] : end;
      const lastLine = page.lines.positionAt(Math.max(start, valueEnd - 1)).line;
      const removeTo = lastLine + 1 < page.lines.lineCount ? page.lines.lineStart(lastLine + 1) : page.lines.lineEnd(lastLine);
      const shown = value && isScalar(value) ? ` (\`${page.text.slice(...parsed.offsetsOf(value)).trim()}\`)` : '';
      report({
        start, end,
        message: `\`${key}\` is a name Jekyll uses for the page itself: \`page.${key}\` is ${RESERVED_FIELDS[key]}. `
          + (OVERRIDING_RESERVED_FIELDS.has(key)
            ? `The value here${shown} replaces it, which breaks whatever relies on it. `
            : `Jekyll ignores the value here${shown}: templates that read \`page.${key}\` get Jekyll's own value, so this one is lost. `)
          + `Delete this line, or give the field another name, such as \`${rename}\`, in this page and in the templates that read it.`,
        fixes: [
          { title: `Delete the \`${key}\` line`, safe: false, preferred: true, edits: [{ start: page.lines.lineStart(line), end: removeTo, newText: '' }] },
          { title: `Rename to \`${rename}\``, safe: false, edits: [{ start, end, newText: rename }] },
        ],
      });
    }
  },
};
