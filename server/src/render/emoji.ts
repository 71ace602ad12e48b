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

function isEmoji(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(unicodeImages, name) || Object.prototype.hasOwnProperty.call(customImages, name);
}

/**
 * Each `:name:` gemoji knows, as `EmojiFilter.emoji_pattern` (every name between colons) finds them.
 * Names are made of `[a-z0-9_+-]` only, so at each colon the one candidate is the run of those
 * up to the next colon: looking it up stands in for the pattern's thousands of alternatives.
 */
function eachEmoji(text: string, found: (name: string, start: number, end: number) => boolean | void): void {
  const candidate = /:([a-z0-9_+-]+)(?=:)/g;
  for (let match = candidate.exec(text); match; match = candidate.exec(text)) {
    // Not a name: the closing colon may open the next one.
    if (!isEmoji(match[1])) continue;
    const end = match.index + match[0].length + 1;
    if (found(match[1], match.index, end) === false) return;
    candidate.lastIndex = end;
  }
}

function hasEmoji(text: string): boolean {
  let any = false;
  eachEmoji(text, () => {
    any = true;
    return false;
  });
  return any;
}

function replaceEmoji(text: string, image: (name: string) => string): string {
  let result = '';
  let last = 0;
  eachEmoji(text, (name, start, end) => {
    result += text.slice(last, start) + image(name);
    last = end;
  });
  return last === 0 ? text : result + text.slice(last);
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
  if (!hasEmoji(html)) return html;
  const image = (name: string): string => `<img class="emoji" title=":${name}:" alt=":${name}:" src="${imageUrl(name)}" height="20" width="20">`;
  return rewriteBodyText(html, SKIPPED_ELEMENTS, (text) => (text.includes(':') ? replaceEmoji(text, image) : text));
}
