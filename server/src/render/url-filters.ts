/** Jekyll's `URLFilters` (`relative_url`, `absolute_url`), which templates and plugins (jekyll-relative-links) share. */

export function withLeadingSlash(text: string): string {
  return text === '' || text.startsWith('/') ? text : `/${text}`;
}

/** Addressable's `normalize` on a path: percent-encodes what may not stand in a URL. */
export function normalizeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?#%[\]]/g, (c) => encodeURIComponent(c));
}

/** Whether a URL names its scheme (`https:`, `mailto:`): the URL filters leave it as it is. */
export function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text);
}

/** `relative_url`: the site's `baseurl` put before a path. */
export function relativeUrl(baseurl: string, text: string): string {
  return hasScheme(text) ? text : normalizeUrl(withLeadingSlash(baseurl) + withLeadingSlash(text));
}
