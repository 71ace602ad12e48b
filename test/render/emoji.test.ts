/**
 * jemoji in the preview. Debian has no jemoji package, so Jekyll cannot be the oracle here: the
 * expected HTML is what jemoji 0.13 (`lib/jemoji.rb`: asset root and path, `align` removed) and
 * HTML::Pipeline 2.14's `EmojiFilter` (`lib/html/pipeline/emoji_filter.rb`: the `<img>` attributes in
 * that order, `pre`/`code`/`tt` skipped) write, with gemoji 4's `image_filename` for the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';

const LAYOUT = '<html><head><title>{{ page.title }}</title></head><body class="page">\n{{ content }}</body></html>\n';

async function render(config: string, body: string, front = 'title: ":smile: in the head"'): Promise<string> {
  const root = writeTempSite({ '_config.yml': config, '_layouts/default.html': LAYOUT, 'index.md': `---\nlayout: default\n${front}\n---\n${body}\n` });
  return (await renderPage(Site.load(root), 'index.md', { stylesheets: false })).html;
}

const image = (name: string, src: string): string => `<img class="emoji" title=":${name}:" alt=":${name}:" src="${src}" height="20" width="20">`;

test('jemoji: :+1: and :smile: in the text become GitHub\'s images, as jemoji 0.13 writes them', async () => {
  const html = await render('plugins: [jemoji]\n', 'Nice :+1: work :smile:!');
  assert.match(html, new RegExp(`<p>Nice ${escape(image('+1', 'https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png'))} work ${escape(image('smile', 'https://github.githubassets.com/images/icons/emoji/unicode/1f604.png'))}!</p>`));
  assert.match(html, /<title>:smile: in the head<\/title>/, 'only the body is emojified');
});

test('jemoji: file names drop the variation selector and joiners; GitHub\'s own emoji are named files; unknown names stay text', async () => {
  const html = await render('plugins: [jemoji]\n', ':heart: :woman_technologist: :hash: :shipit: :squirrel: :not_an_emoji:');
  const root = 'https://github.githubassets.com/images/icons/emoji/';
  for (const [name, file] of [['heart', 'unicode/2764.png'], ['woman_technologist', 'unicode/1f469-1f4bb.png'], ['hash', 'unicode/0023-20e3.png'], ['shipit', 'shipit.png'], ['squirrel', 'shipit.png']]) {
    assert.ok(html.includes(image(name, root + file)), `:${name}: is ${file}`);
  }
  assert.match(html, / :not_an_emoji:<\/p>/);
});

test('jemoji: names are found as its pattern finds them, colon to colon, inside words and next to other colons', async () => {
  const html = await render('plugins: [jemoji]\n', '::+1:: :nope:heart: :a:smile:b: x:smile:y 10:30:00');
  const shown = /<p>([\s\S]*?)<\/p>/.exec(html)![1].replace(/<img class="emoji" title="(:[^"]+:)"[^>]*>/g, '[$1]');
  assert.equal(shown, ':[:+1:]: :nope[:heart:] [:a:]smile[:b:] x[:smile:]y 10:30:00');
});

test('jemoji: code, preformatted text, tt and comments keep their :names:', async () => {
  const html = await render('plugins: [jemoji]\n', '`:smile:` <tt>:smile:</tt> <!-- :smile: -->\n\n    :smile: in a code block\n');
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /<code class="language-plaintext highlighter-rouge">:smile:<\/code> <tt>:smile:<\/tt> <!-- :smile: -->/);
  assert.match(html, /<code>:smile: in a code block\n<\/code>/);
});

test('jemoji: emoji: src: (and asset:) of _config.yml say where the images are', async () => {
  const own = await render('plugins: [jemoji]\nemoji:\n  src: https://example.org/assets/\n', ':+1:');
  assert.ok(own.includes(image('+1', 'https://example.org/assets/emoji/unicode/1f44d.png')), own);
  const withAsset = await render('plugins: [jemoji]\nemoji:\n  src: https://example.org\n  asset: /images/png/\n', ':+1:');
  assert.ok(withAsset.includes(image('+1', 'https://example.org/images/png/unicode/1f44d.png')), withAsset);
});

test('jemoji: a site that does not load it keeps :+1: as text', async () => {
  const html = await render('title: no plugins\n', 'Nice :+1: work');
  assert.match(html, /<p>Nice :\+1: work<\/p>/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
