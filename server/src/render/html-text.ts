/**
 * The text of a rendered page as HTML::Pipeline's filters (jekyll-mentions, jemoji) see it: the
 * text nodes of its `<body>` (of the whole output when it has none), not tags, comments, or
 * text inside the elements a filter skips.
 */

/** `html` with each run of body text passed through `rewrite`. */
export function rewriteBodyText(html: string, skippedElements: ReadonlySet<string>, rewrite: (text: string) => string): string {
  const body = /<body[^>]*?>\s*/.exec(html);
  if (!body) return rewriteText(html, skippedElements, rewrite);
  const start = body.index + body[0].length;
  const end = html.indexOf('</body>', start);
  const inner = end === -1 ? html.slice(start) : html.slice(start, end);
  return html.slice(0, start) + rewriteText(inner, skippedElements, rewrite) + (end === -1 ? '' : html.slice(end));
}

function rewriteText(html: string, skippedElements: ReadonlySet<string>, rewrite: (text: string) => string): string {
  let skippedDepth = 0;
  return html.split(/(<!--[\s\S]*?-->|<[^>]*>)/).map((part, index) => {
    if (index % 2 === 1) {
      const tag = /^<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>$/.exec(part);
      if (tag && skippedElements.has(tag[2].toLowerCase()) && !tag[3]) skippedDepth = Math.max(0, skippedDepth + (tag[1] ? -1 : 1));
      return part;
    }
    return skippedDepth > 0 || part === '' ? part : rewrite(part);
  }).join('');
}

/** Liquid's `strip_html`: scripts, comments and styles with what they hold, then every tag. */
function stripHtml(html: string): string {
  return html.replace(/<script.*?<\/script>|<!--.*?-->|<style.*?<\/style>/gis, '').replace(/<.*?>/gs, '');
}

/** Jekyll's `normalize_whitespace`: runs of whitespace as one space, none at either end. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An HTML fragment's text, as `strip_html | normalize_whitespace` leave it (plugins format titles so). */
export function plainText(html: string): string {
  return normalizeWhitespace(stripHtml(html));
}
