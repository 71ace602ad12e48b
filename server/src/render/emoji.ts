/**
 * jemoji 0.13 (`lib/jemoji.rb`) with HTML::Pipeline 2's `EmojiFilter`
 * (`lib/html/pipeline/emoji_filter.rb`): after a page renders, each `:name:` gemoji knows, in the
 * text of its body (not inside `pre`, `code` or `tt`), becomes GitHub's image of that emoji. The
 * table of names is generated from gemoji by `scripts/make-emoji-table.mjs`.
 */
import { rewriteBodyText } from './html-text';
import EMOJI_TABLE = require('./generated/emoji.json');

const SKIPPED_ELEMENTS = new Set(['pre', 'code', 'tt']);
/** `Jekyll::Emoji::GITHUB_DOT_COM_ASSET_HOST_URL` with its default asset path. */
const DEFAULT_ROOT = 'https://github.githubassets.com';
const DEFAULT_PATH = '/images/icons/emoji/:file_name';

const unicodeImages: Readonly<Record<string, string>> = EMOJI_TABLE.unicode;
const customImages: Readonly<Record<string, string>> = EMOJI_TABLE.custom;

/** gemoji's `image_filename`: `unicode/<code points>.png`, or `<name>.png` for GitHub's own images. */
function imageFile(name: string): string {
  return Object.prototype.hasOwnProperty.call(unicodeImages, name) ? `unicode/${unicodeImages[name]}.png` : `${customImages[name]}.png`;
}

let pattern: RegExp | undefined;

/** `EmojiFilter.emoji_pattern`: every name, sorted, between colons. */
function emojiPattern(): RegExp {
  pattern ??= new RegExp(`:(${[...Object.keys(unicodeImages), ...Object.keys(customImages)].sort()
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}):`, 'g');
  return pattern;
}

/**
 * Where the images are (`emoji_src_root` and `emoji_asset_path`): the site's `emoji: src:` (with
 * `emoji: asset:`, else `/emoji`), or GitHub's.
 */
export function emojiImageUrl(siteConfig: Record<string, unknown>): (name: string) => string {
  const setting = siteConfig.emoji;
  const settings = setting && typeof setting === 'object' ? setting as Record<string, unknown> : {};
  const custom = Object.prototype.hasOwnProperty.call(settings, 'src');
  const root = custom ? String(settings.src ?? '') : DEFAULT_ROOT;
  const assetPath = !custom ? DEFAULT_PATH
    : Object.prototype.hasOwnProperty.call(settings, 'asset') ? `${String(settings.asset ?? '').replace(/\/$/, '')}/:file_name` : '/emoji/:file_name';
  // Ruby's File.join: one slash between the two.
  return (name) => `${root.replace(/\/+$/, '')}/${assetPath.replace(':file_name', imageFile(name)).replace(/^\/+/, '')}`;
}

export function emojify(html: string, imageUrl: (name: string) => string): string {
  const names = emojiPattern();
  names.lastIndex = 0;
  if (!names.test(html)) return html;
  const image = (_match: string, name: string): string =>
    `<img class="emoji" title=":${name}:" alt=":${name}:" src="${imageUrl(name)}" height="20" width="20">`;
  return rewriteBodyText(html, SKIPPED_ELEMENTS, (text) => (text.includes(':') ? text.replace(names, image) : text));
}
