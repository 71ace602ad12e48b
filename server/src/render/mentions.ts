/**
 * jekyll-mentions: after a page is rendered, each `@name` in its text (not inside `pre`, `code`,
 * `a`, `style` or `script`) becomes a link to that GitHub user, as HTML::Pipeline's MentionFilter
 * writes it. Only the `<body>` is touched when there is one.
 */
import { rewriteBodyText } from './html-text';

/** MentionFilter's pattern with jekyll-mentions' user names (`[\w][\w-]*`); JavaScript has no atomic group, a look-ahead stands in. */
const MENTION = /(?:^|\W)@(?=([\w][\w-]*))\1(?!\/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)/gim;
/** Words MentionFilter leaves as they are (they would link to an info page, which jekyll-mentions has none of). */
const NOT_USERS = new Set(['mention', 'mentions', 'mentioned', 'mentioning']);
const IGNORED_PARENTS = new Set(['pre', 'code', 'a', 'style', 'script']);
const DEFAULT_BASE = 'https://github.com';

/** `Mentions.mention_base`: `jekyll-mentions` of the page (when it has the key) or the site, a URL or `{base_url: …}`. */
export function mentionBase(siteConfig: Record<string, unknown>, pageData: Record<string, unknown>): string {
  const setting = Object.prototype.hasOwnProperty.call(pageData, 'jekyll-mentions') ? pageData['jekyll-mentions'] : siteConfig['jekyll-mentions'];
  if (typeof setting === 'string') return setting;
  if (setting && typeof setting === 'object' && typeof (setting as Record<string, unknown>).base_url === 'string') return (setting as Record<string, string>).base_url;
  return DEFAULT_BASE;
}

export function mentionify(html: string, base: string): string {
  if (!html.includes('@')) return html;
  const url = /[/~]$/.test(base) ? base : `${base}/`;
  const link = (match: string, login: string): string =>
    (NOT_USERS.has(login.toLowerCase()) ? match : match.replace(`@${login}`, `<a href="${url}${login}" class="user-mention">@${login}</a>`));
  return rewriteBodyText(html, IGNORED_PARENTS, (text) => text.replace(MENTION, link));
}
