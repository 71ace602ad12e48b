import { isJekyllField, JEKYLL_FIELDS } from '../schema/jekyll-fields';
import type { FieldOrigin, JsonSchema } from '../schema/schema';

/**
 * What a field does on the page, in an author's words, from how the templates use it: the first
 * line of a hover. Where a template reads it comes after, for whoever edits the templates.
 */
export function whatItDoes(field: string, schema: JsonSchema, origins: FieldOrigin[], referredBy: string[]): string {
  if (typeof schema.uniqueWithin === 'string') {
    return `Orders this page among the other pages under the same \`${schema.uniqueWithin}\` in the menu: lower numbers come first.`;
  }
  if (typeof schema.refersTo === 'string') {
    return `Puts this page in the menu under the page whose \`${schema.refersTo}\` it names.`;
  }
  if (referredBy.length > 0) {
    return `Names this page's part of the site: pages whose \`${referredBy[0]}\` is this value appear under it in the menu.`;
  }
  if (isJekyllField(field) && JEKYLL_FIELDS[field].description) return JEKYLL_FIELDS[field].description!;
  const expressions = origins.map((origin) => origin.expression);
  if (expressions.some((expression) => /\|\s*markdownify\b/.test(expression))) return 'Shown on the page as formatted text (Markdown: `**bold**`, links, lists).';
  if (schema.siteFile === true || expressions.some((expression) => /\|\s*(?:relative_url|absolute_url)\b/.test(expression))) {
    return 'A file or address of the site that the page links to or shows.';
  }
  if (expressions.some((expression) => /^for\b/.test(expression))) return 'A list the page shows item by item.';
  if (expressions.length > 0 && expressions.every((expression) => /^(?:if|elsif|unless|when|case)\b/.test(expression))) {
    return 'Switches a part of the page on or off, or chooses between versions of it.';
  }
  if (expressions.length > 0) return 'Shown on the page where its layout places it.';
  return schema.description ?? 'A value of the page that its templates can read.';
}
