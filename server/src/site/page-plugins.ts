/**
 * What GitHub Pages' default plugins do to pages before anything renders (they are generators):
 * jekyll-optional-front-matter 0.3 and jekyll-readme-index 0.3 make pages of Markdown files
 * without front matter, and jekyll-titles-from-headings 0.5 gives an untitled Markdown page the
 * text of its first heading. Each runs when the site loads it and its `_config.yml` key does not
 * say `enabled: false`.
 */
import * as path from 'node:path';
import { scopeMatches } from './config';
import { isMarkdownPath } from './file-names';
import type { Page, PagePlugin } from './model';
import { pageBody } from './page-data';
import type { Site } from './site';

/** `relative_links: { collections: true }` and the like: an option under a plugin's `_config.yml` key. */
export function pluginOption(site: Site, configKey: string, option: string): unknown {
  const settings = site.config.data[configKey];
  return settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>)[option] : undefined;
}

/** Whether the site loads the plugin gem and its `_config.yml` key does not turn it off. */
export function pluginRuns(site: Site, gem: string, configKey: string): boolean {
  return site.loadsPlugin(gem) && pluginOption(site, configKey, 'enabled') !== false;
}

/** `JekyllOptionalFrontMatter::FILENAME_BLACKLIST`: names (without extension, any case) that stay files. */
const NOT_PAGES = new Set(['README', 'LICENSE', 'LICENCE', 'COPYING', 'CODE_OF_CONDUCT', 'CONTRIBUTING', 'ISSUE_TEMPLATE', 'PULL_REQUEST_TEMPLATE']);

const README = /(?:^|\/)readme\.(?:md|markdown)$/i;

export function isReadmePath(relPath: string): boolean {
  return README.test(relPath);
}

/**
 * Which plugin makes a page of a Markdown file outside collections that has no front matter, if
 * any: a README becomes its folder's index when the folder has none (readme-index, which reads
 * front-matter-less files only); other files become pages unless their name is a README, a
 * licence… that `include:` does not list (optional-front-matter).
 */
export function plainMarkdownPage(site: Site, relPath: string): PagePlugin | undefined {
  if (!isMarkdownPath(relPath)) return undefined;
  if (isReadmePath(relPath) && pluginRuns(site, 'jekyll-readme-index', 'readme_index') && !folderHasIndex(site, relPath)) return 'readme-index';
  if (!pluginRuns(site, 'jekyll-optional-front-matter', 'optional_front_matter') || site.config.data.require_front_matter) return undefined;
  const name = path.posix.basename(relPath);
  const listed = site.config.include.some((entry) => scopeMatches(entry, relPath) || scopeMatches(entry, name));
  return listed || !NOT_PAGES.has(name.replace(/\.[^.]*$/, '').toUpperCase()) ? 'optional-front-matter' : undefined;
}

/** `StaticFile#to_page`: the README's permalink is its folder (`//` for the site's own, which Jekyll's URL makes `/`). */
export function readmePermalink(relPath: string): string {
  return `${path.posix.dirname(`/${relPath}`)}/`;
}

/** `Generator#dir_has_index?`: a published page, or a file, at the folder's URL or its `index.html` (`.htm`, `.xhtml`, `.xml`). */
function folderHasIndex(site: Site, readme: string): boolean {
  const folder = readmePermalink(readme).replace(/^\/\//, '/');
  const isIndex = (url: string) => url.toLowerCase().startsWith(folder.toLowerCase()) && /^(?:|index\.(?:html?|xhtml|xml))$/i.test(url.slice(folder.length));
  for (const page of site.pages.values()) {
    if (page.relPath !== readme && page.output && isIndex(page.url)) return true;
  }
  for (const relPath of site.files) {
    if (!site.pages.has(relPath) && site.classify(relPath) === 'static' && isIndex(`/${relPath}`)) return true;
  }
  return false;
}

/** The READMEs in the folder of `relPath` (other than itself), whose being an index may change with it. */
export function readmesBeside(site: Site, relPath: string): string[] {
  if (!site.loadsPlugin('jekyll-readme-index')) return [];
  const folder = path.posix.dirname(relPath);
  return [...site.files].filter((file) => file !== relPath && isReadmePath(file) && path.posix.dirname(file) === folder);
}

/**
 * `JekyllTitlesFromHeadings::Generator::TITLE_REGEX`: at the very start (after blanks), an ATX
 * heading of level one to three or a Setext heading. Ruby's `$` ends a line, as `m` does here.
 */
export const TITLE_HEADING = /(?<![\s\S])\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$/m;

/**
 * jekyll-titles-from-headings: the text of the first heading, as written, for a Markdown page
 * without a `title` (with `titles_from_headings: { collections: true }`, also for every document,
 * whose title Jekyll otherwise takes from the file name). The preview strips its markup.
 */
export function headingTitle(site: Site, page: Page): string | undefined {
  if (!isMarkdownPath(page.relPath) || !pluginRuns(site, 'jekyll-titles-from-headings', 'titles_from_headings')) return undefined;
  if (page.collection ? pluginOption(site, 'titles_from_headings', 'collections') !== true : page.data.title !== undefined && page.data.title !== null) return undefined;
  const match = TITLE_HEADING.exec(pageBody(page).text);
  return match ? match[1] ?? match[2] : undefined;
}
