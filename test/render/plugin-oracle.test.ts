/**
 * What GitHub Pages' plugins write, against Debian's packaged plugins: one small site loading every
 * plugin that is installed, built once by Jekyll, each page compared whole with the preview's.
 * A case whose plugin is not installed skips, saying which package to install.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { jekyllMissing } from './fidelity-harness';
import { withoutBlankLines } from './html';
import { oracleSite, pluginMissing as pluginMissingAs } from './oracle-site';

/** The plugin gems the cases need, and Debian's package for each. */
const PACKAGES: Record<string, string> = {
  'jekyll-redirect-from': 'ruby-jekyll-redirect-from',
  'jekyll-avatar': 'ruby-jekyll-avatar',
  'jekyll-gist': 'ruby-jekyll-gist',
  'jekyll-mentions': 'ruby-jekyll-mentions',
};

const pluginMissing = (gem: string) => pluginMissingAs(gem, PACKAGES[gem]);

const installed = Object.keys(PACKAGES).filter((gem) => !pluginMissing(gem));

const SITE: Record<string, string> = {
  '_config.yml': ['title: Plugins', 'url: https://example.org', 'baseurl: /base', `plugins: [${installed.join(', ')}]`, 'gist: {noscript: false}', ''].join('\n'),
  '_layouts/default.html': '<!DOCTYPE html>\n<html><body><main>{{ content }}</main></body></html>\n',
  'about.md': '---\nlayout: default\ntitle: About\nredirect_from: [/old-about/, /older.html]\n---\nAbout us.\n',
  'github.html': '---\nlayout: default\npermalink: /github.html\nredirect_to: https://github.com/jekyll/jekyll\n---\nNever shown.\n',
  'moved.md': '---\nlayout: default\nredirect_to:\n  - /about/\n  - /elsewhere/\n---\nNever shown either.\n',
  '_posts/2024-01-01-first.md': '---\nlayout: none\n---\nRelated:{% for post in site.related_posts %} {{ post.title }}{% endfor %}.\n',
  '_posts/2024-01-03-third.md': '---\nlayout: none\n---\nThird.\n',
  'mentions.md': [
    '---', 'layout: default', '---',
    'Thanks @benbalter and @parkr, (@jekyll/core stays), mail@example.org, @mention, `@code` and [@linked](x).', '',
    '    @in-pre', '', '<script>var a = "@script";</script>', '', 'End of line @dots...', '',
  ].join('\n'),
  'no-mentions.md': '---\nlayout: default\njekyll-mentions: false\n---\nHi @nobody.\n',
  'related.html': '---\nlayout: none\n---\nOn a page: [{{ site.related_posts }}]\n',
  '_posts/2024-01-02-gone.md': '---\nlayout: default\nredirect_to: /about/\n---\nGone.\n',
};

/** Pages using a plugin's tag, written only when it is installed: Jekyll stops at a tag it does not know. */
const TAG_PAGES: Record<string, Record<string, string>> = {
  'jekyll-avatar': {
    'avatars.html': [
      '---', 'layout: none', 'who: octocat', '---',
      '{% avatar hubot %}', '{% avatar @benbalter size=50 %}', '{% avatar user=page.who size=24 lazy=true %}',
      '{% assign name = "jekyll" %}{% avatar {{ name }} %}', '{% avatar user=page.nobody %}', '',
    ].join('\n'),
  },
  'jekyll-gist': {
    // With `noscript: false` (set above): offline, jekyll-gist cannot fetch the code it copies into <noscript>, and prints `false`.
    'gists.html': '---\nlayout: none\nid: 5555251\n---\n{% gist 5555251 gist.md %}\n{% gist parkr/931c1c8d465a04042403 %}\n{% gist page.id %}\n',
  },
};

const { bothOf } = oracleSite({ ...SITE, ...Object.assign({}, ...installed.map((gem) => TAG_PAGES[gem] ?? {})) });

for (const relPath of ['github.html', 'moved.md', '_posts/2024-01-02-gone.md']) {
  test(`redirect_to: ${relPath} is jekyll-redirect-from's redirect page, as Jekyll writes it`, { skip: pluginMissing('jekyll-redirect-from') }, async () => {
    const { jekyll, preview } = await bothOf(relPath);
    assert.match(jekyll, /Redirecting/);
    assert.equal(preview, jekyll);
  });
}

test('a page with redirect_from is itself rendered as usual', { skip: pluginMissing('jekyll-redirect-from') }, async () => {
  const { jekyll, preview } = await bothOf('about.md');
  assert.match(preview, /About us/);
  assert.equal(preview, jekyll);
});

test('redirect_to without the plugin loaded leaves the page as it is', { skip: jekyllMissing }, async () => {
  const site = Site.load(writeTempSite({ ...SITE, '_config.yml': 'title: Plugins\n' }));
  const preview = (await renderPage(site, 'moved.md', { stylesheets: false })).html;
  assert.match(preview, /Never shown either/);
  assert.doesNotMatch(preview, /Redirecting/);
});


for (const [relPath, gem] of [['avatars.html', 'jekyll-avatar'], ['gists.html', 'jekyll-gist']]) {
  test(`${gem}: ${relPath} is what the plugin writes`, { skip: pluginMissing(gem) }, async () => {
    const { jekyll, preview } = await bothOf(relPath);
    assert.match(jekyll, gem === 'jekyll-avatar' ? /<img class="avatar/ : /<script src="https:\/\/gist/);
    assert.equal(preview, jekyll);
  });
}

for (const relPath of ['_posts/2024-01-01-first.md', 'related.html']) {
  test(`site.related_posts in ${relPath}: the most recent other posts in a post, nothing in a page`, { skip: jekyllMissing }, async () => {
    const { jekyll, preview } = await bothOf(relPath);
    assert.equal(preview, jekyll);
  });
}

for (const relPath of ['mentions.md', 'no-mentions.md']) {
  test(`jekyll-mentions: @names in ${relPath} are linked as the plugin links them`, { skip: pluginMissing('jekyll-mentions') }, async () => {
    const { jekyll, preview } = await bothOf(relPath);
    assert.equal(/class="user-mention"/.test(jekyll), relPath === 'mentions.md');
    assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
  });
}
