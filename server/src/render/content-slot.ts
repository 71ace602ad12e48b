/**
 * Whether a page's layouts only place its content, as it is: `{{ content }}` and nothing else reading
 * it (no filter on it, no `page.content`, `excerpt` or `output`, no drop printed whole). Then the rest
 * of the page does not depend on its body, and the preview can render only the body after an edit of
 * it. Anything this cannot see through (a dynamic include, a capture around the content) says no.
 */
import type { Page } from '../site/site';

/** Stands for the content while the layouts render; no template or Markdown writes a NUL. */
export const CONTENT_MARK = '\u0000jekyll-author-content\u0000';

const MARKUP = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const BARE_CONTENT = /^\{\{-?\s*content\s*-?\}\}$/;
const MENTIONS_CONTENT = /\bcontent\b/;
/** What reads the body another way: its excerpt or output, or a drop printed whole (which includes its content). */
const READS_BODY = /\b(?:excerpt|output|jsonify|inspect)\b/;
const CAPTURE = /^\{%-?\s*capture\b/;
/** jekyll-seo-tag's description falls back to the page's excerpt. */
const SEO = /^\{%-?\s*seo\b/;
const INCLUDE = /^\{%-?\s*(include|include_cached|include_relative)\s+([^\s%]+)/;

export interface Template {
  text: string;
  /** An include: it may not print the content itself (a caller could capture it). */
  include?: boolean;
}

/**
 * Whether `templates` (the page's layout chain, outermost last) place the content bare; the includes they
 * name are read with `includeSource` (undefined for one that cannot be read).
 */
export function placesContentBare(includeSource: (name: string) => string | undefined, page: Page, templates: Template[]): boolean {
  if (templates.length === 0) return false;
  const seen = new Set<string>();
  const queue = [...templates];
  for (let template = queue.shift(); template; template = queue.shift()) {
    const markup = template.text.match(MARKUP) ?? [];
    const printsContent = markup.some((part) => BARE_CONTENT.test(part));
    if (printsContent && template.include) return false;
    for (const part of markup) {
      if (MENTIONS_CONTENT.test(part) && !BARE_CONTENT.test(part)) return false;
      if (READS_BODY.test(part) || (printsContent && CAPTURE.test(part)) || (SEO.test(part) && page.collection)) return false;
      const include = INCLUDE.exec(part);
      if (!include) continue;
      const [, tag, name] = include;
      if (tag === 'include_relative' || name.includes('{')) return false;
      if (seen.has(name)) continue;
      seen.add(name);
      const text = includeSource(name);
      if (text === undefined) return false;
      queue.push({ text, include: true });
    }
  }
  return true;
}

/**
 * What the page around the body hangs on in the page itself: its front matter, and the title
 * jekyll-titles-from-headings takes from the body. A body-only render holds while this does.
 */
export function shellKey(page: Page): string {
  return `${page.text.slice(0, page.frontMatter.block.bodyStart)}\0${page.headingTitle ?? ''}`;
}
