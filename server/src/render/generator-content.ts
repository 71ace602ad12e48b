/**
 * A page's content as GitHub Pages' generators leave it for rendering, before Liquid:
 * jekyll-relative-links 0.7 turns links to the site's own files into their URLs, and
 * jekyll-titles-from-headings with `strip_title` removes the heading the title came from.
 */
import * as path from 'node:path';
import { scopeMatches } from '../site/config';
import { isMarkdownPath } from '../site/file-names';
import { siteIndex } from '../site/indexes';
import { pageBody } from '../site/page-data';
import { pluginOption, pluginRuns, TITLE_HEADING } from '../site/page-plugins';
import type { Page, Site } from '../site/site';
import { plainText } from './html-text';
import { hasScheme, relativeUrl } from './url-filters';

/** The content Jekyll renders, and where it starts in the file (for the preview's source lines). */
export function generatedContent(site: Site, page: Page): { text: string; start: number } {
  const body = pageBody(page);
  let { text, start } = body;
  if (page.headingTitle !== undefined && stripsTitle(site, page)) {
    const rest = text.replace(TITLE_HEADING, '');
    const trimmed = rest.replace(/^\s+/, '');
    start += text.length - trimmed.length;
    text = trimmed.replace(/\s+$/, '');
  }
  return { text: rewritesLinks(site, page) ? relativeLinks(site, page, text) : text, start };
}

/** `strip_title: true` in the page's front matter, or (when the page does not say) under `titles_from_headings`. */
function stripsTitle(site: Site, page: Page): boolean {
  return 'strip_title' in page.data ? page.data.strip_title === true : pluginOption(site, 'titles_from_headings', 'strip_title') === true;
}

const CONFIG_KEY = 'relative_links';

/** Markdown pages, and with `collections: true` the documents Jekyll writes, unless `exclude` lists them. */
function rewritesLinks(site: Site, page: Page): boolean {
  if (!isMarkdownPath(page.relPath) || !pluginRuns(site, 'jekyll-relative-links', CONFIG_KEY)) return false;
  if (page.collection && (!page.output || pluginOption(site, CONFIG_KEY, 'collections') !== true)) return false;
  const excluded = pluginOption(site, CONFIG_KEY, 'exclude');
  return !(Array.isArray(excluded) && excluded.some((entry) => scopeMatches(String(entry), page.relPath)));
}

// `JekyllRelativeLinks::Generator`'s patterns, as the gem writes them.
const FRAGMENT = '(#.+?|)?';
const TITLE = String.raw`(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?`;
const INLINE_LINK = String.raw`\[(.*?)\]\(([^)]+?)${FRAGMENT}${TITLE}\)`;
const REFERENCE_LINK = String.raw`^\s*?\[(.*?)\]: (.+?)${FRAGMENT}${TITLE}\s*?$`;
const LINK = new RegExp(`(${INLINE_LINK}|${REFERENCE_LINK})`, 'gm');

/** `Generator#replace_relative_links!`: each link whose target is a page, file or written document of the site gets its URL. */
function relativeLinks(site: Site, page: Page, content: string): string {
  const folder = path.posix.dirname(String(page.collection ? page.filled.relative_path ?? page.relPath : page.relPath));
  const targets = linkTargets(site);
  return content.replace(LINK, (original, _all, inlineText?: string, inlinePath?: string, inlineFragment?: string, inlineTitle?: string,
    referenceText?: string, referencePath?: string, referenceFragment?: string, referenceTitle?: string) => {
    const inline = inlineText !== undefined;
    const target = inline ? inlinePath! : referencePath!;
    if (target.startsWith('#') || hasScheme(target)) return original;
    const relPath = pathFromRoot(target, folder);
    const url = relPath === undefined ? undefined : targets.get(unescape(relPath));
    if (url === undefined) return original;
    const destination = `${relativeUrl(site.config.baseurl, url)}${(inline ? inlineFragment : referenceFragment) ?? ''}`;
    const title = (inline ? inlineTitle : referenceTitle) ?? '';
    return inline ? `[${inlineText}](${destination}${title})` : `\n[${referenceText}]: ${destination}${title}`;
  });
}

/** `File.expand_path` from the page's folder (from the site's root for `/…`), as a site-relative path; undefined above the root. */
function pathFromRoot(target: string, folder: string): string | undefined {
  const absolute = target.startsWith('/');
  const joined = path.posix.normalize(path.posix.join(absolute ? '.' : folder, target.replace(/^\//, ''))).replace(/\/+$/, '');
  return joined === '..' || joined.startsWith('../') || joined === '.' ? undefined : joined;
}

/** `CGI.unescape`: `+` is a space, `%XX` its byte; what does not decode stays as written. */
function unescape(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `site.pages + site.static_files + site.docs_to_write`, by relative path, the first one found winning. */
function linkTargets(site: Site): Map<string, string> {
  return siteIndex(site, 'relative-link-targets', () => {
    const targets = new Map<string, string>();
    const add = (relPath: string, url: string) => {
      if (!targets.has(relPath)) targets.set(relPath, url);
    };
    for (const page of site.pages.values()) if (!page.collection && page.output) add(page.relPath, page.url);
    // Markdown files without front matter are static files too, whether or not a plugin also made them pages.
    for (const relPath of site.files) if (site.classify(relPath) === 'static' || (isMarkdownPath(relPath) && !relPath.startsWith('_') && !site.pages.get(relPath)?.frontMatter.block.present)) add(relPath, `/${relPath}`);
    for (const doc of site.pages.values()) if (doc.collection && doc.output) add(String(doc.filled.relative_path ?? doc.relPath), doc.url);
    return targets;
  }, undefined, ['published']);
}

/**
 * jekyll-titles-from-headings' `strip_markup` after `markdownify`: `strip_html`, `normalize_whitespace`,
 * then footnote markers (`[^1]`) removed.
 */
export function plainHeadingText(html: string): string {
  return plainText(html).replace(/\[\^[^\]]*\]/g, '');
}
