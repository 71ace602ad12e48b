/**
 * jekyll-redirect-from on the page that sets `redirect_to` (`Generator#generate_redirect_to`): the
 * page's content is dropped and it is rendered in the `redirect` layout, with `page.redirect`.
 */
import type { Page } from '../site/site';
import type { Drop } from './drops';

/** `Redirectable#redirect_to`: the first non-nil entry of a list, or the value. */
export function redirectTarget(page: Page): string | undefined {
  const value = page.data.redirect_to;
  const first = Array.isArray(value) ? value.find((entry) => entry !== null && entry !== undefined) : value;
  return first === null || first === undefined ? undefined : String(first);
}

/**
 * The page's drop once the plugin has merged its redirect page's data in: `to` stays a full URL,
 * anything else goes through `absolute_url` (`RedirectPage#set_paths`).
 */
export function redirectedDrop(pageDrop: Drop, url: string, target: string, absoluteUrl: (input: string) => string): Drop {
  const from = url.startsWith('/') ? url : `/${url}`;
  return {
    ...pageDrop,
    layout: 'redirect',
    permalink: from,
    sitemap: false,
    redirect: { from, to: /^https?:\/\//.test(target) ? target : absoluteUrl(target) },
  };
}
