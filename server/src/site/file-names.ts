/** What a site file's name says to Jekyll: whether it is a page, Markdown, a style or script, and a layout's name. */
import * as path from 'node:path';

const PAGE_EXTENSIONS = new Set(['.md', '.markdown', '.html', '.htm']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
/**
 * Sass and CoffeeScript files with front matter are pages to Jekyll too, but they are the site's
 * styles and scripts: the model leaves them to the style compiler rather than the page checks.
 */
const ASSET_EXTENSIONS = new Set(['.scss', '.sass', '.coffee']);

const extensionOf = (relPath: string): string => path.posix.extname(relPath).toLowerCase();

export function isPagePath(relPath: string): boolean {
  return PAGE_EXTENSIONS.has(extensionOf(relPath));
}

/** A page Jekyll converts from Markdown (kramdown), by its extension. */
export function isMarkdownPath(relPath: string): boolean {
  return MARKDOWN_EXTENSIONS.has(extensionOf(relPath));
}

export function isAssetPath(relPath: string): boolean {
  return ASSET_EXTENSIONS.has(extensionOf(relPath));
}

/** `_layouts/vendor/compress.html` is the layout `vendor/compress` (`LayoutReader#layout_name`). */
export function layoutName(relPath: string): string {
  return relPath.slice(relPath.indexOf('/') + 1).replace(/\.[^./]+$/, '');
}

/** `layout: none` and `layout: null` both mean "no layout". */
export function layoutValue(value: unknown): string | null {
  if (value === null || value === undefined || value === false) return null;
  const name = String(value);
  return name === 'none' || name === '' ? null : name;
}
