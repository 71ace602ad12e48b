/**
 * GitHub Pages' default plugins that change pages before they render, against Debian's packages:
 * jekyll-optional-front-matter and jekyll-readme-index (which files are pages),
 * jekyll-titles-from-headings (titles), jekyll-relative-links (links to `.md` files) and
 * jekyll-default-layout. Two small sites, with the plugins' settings left alone and changed,
 * each page compared whole with Jekyll's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { withoutBlankLines } from './html';
import { oracleSite, pluginMissing } from './oracle-site';

const PACKAGES: Record<string, string> = {
  'jekyll-optional-front-matter': 'ruby-jekyll-optional-front-matter',
  'jekyll-readme-index': 'ruby-jekyll-readme-index',
  'jekyll-titles-from-headings': 'ruby-jekyll-titles-from-headings',
  'jekyll-relative-links': 'ruby-jekyll-relative-links',
  'jekyll-default-layout': 'ruby-jekyll-default-layout',
};
const skip = Object.entries(PACKAGES).map(([gem, debianPackage]) => pluginMissing(gem, debianPackage)).find(Boolean) ?? false;
const PLUGINS = `plugins: [${Object.keys(PACKAGES).join(', ')}]`;

/** Titles and URLs of `site.pages`, in its order, around the content: what a navigation menu shows. */
const LAYOUT = '<html><head><title>{{ page.title }}</title></head><body>\n'
  + '<nav>{% for p in site.pages %}<a href="{{ p.url | relative_url }}">{{ p.title }}|{{ p.name }}</a>\n{% endfor %}</nav>\n'
  + '<main>{{ content }}</main></body></html>\n';

const CONTENT: Record<string, string> = {
  '_layouts/default.html': LAYOUT,
  'README.md': '# Project *home*\n\nWelcome. Read the [guide](docs/guide.md) and [notes](notes/README.md).\n',
  'docs/index.md': '---\n---\nDocs index\n',
  'docs/README.md': '# Docs readme\n\nNot the index: the folder has one.\n',
  'docs/guide.md': [
    "# Guide & Don't `code` [^1]", '',
    'See [setup](setup.md#step-1 "Setup") and [root](../README.md), ![img](img/a.png), [ref][r], [abs](/docs/setup.md),'
    + ' [ext](https://x.org/a.md), [frag](#here), [enc](my%20file.md), [missing](nowhere.md), [up](../../out.md).', '',
    '[r]: ./setup.md', '', '```', '[code](setup.md)', '```', '', '[^1]: A note.', '',
  ].join('\n'),
  'docs/setup.md': '---\nlayout: default\n---\n\nSetup steps\n===========\n\nText.\n',
  'docs/img/a.png': 'x',
  'docs/my file.md': 'Plain text, no heading.\n',
  'CONTRIBUTING.md': '# Contributing\n',
  'given.md': '---\ntitle: Given\n---\n# Heading left as it is\n',
  'notes/README.md': '## Notes home\n\nBack to [the guide](../docs/guide.md).\n',
  '_posts/2024-01-01-first.md': '---\n---\n# Post head\n\n[guide](../docs/guide.md)\n',
  '_posts/2024-01-02-titled.md': '---\ntitle: Own title\n---\n### Heading of a post\n\nText.\n',
};

const defaults = oracleSite({ ...CONTENT, '_config.yml': `title: Plugins\nbaseurl: /proj\n${PLUGINS}\n` });

const pagesWithDefaults = ['README.md', 'notes/README.md', 'docs/index.md', 'docs/guide.md', 'docs/setup.md', 'docs/my file.md', 'given.md', '_posts/2024-01-01-first.md', '_posts/2024-01-02-titled.md'];
for (const relPath of pagesWithDefaults) {
  test(`GitHub Pages' page plugins as they come: ${relPath} is the page Jekyll writes`, { skip }, async () => {
    const { jekyll, preview } = await defaults.bothOf(relPath);
    assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
  });
}

test('without front matter: a README is its folder\'s index unless the folder has one; a licence or contributing guide stays a file', { skip }, () => {
  const site = Site.load(writeTempSite({ ...CONTENT, '_config.yml': `title: Plugins\n${PLUGINS}\n` }));
  assert.equal(site.pages.get('README.md')?.url, '/');
  assert.equal(site.pages.get('notes/README.md')?.url, '/notes/');
  assert.equal(site.pages.get('docs/my file.md')?.url, '/docs/my%20file.html');
  assert.equal(site.pages.has('docs/README.md'), false);
  assert.equal(site.pages.has('CONTRIBUTING.md'), false);
  assert.equal(site.pages.get('docs/guide.md')?.data.title, "Guide & Don't `code` [^1]", 'the model keeps the heading as written');
});

test('a README stops being the index when its folder gets one, and is again when that goes', { skip }, () => {
  const site = Site.load(writeTempSite({ ...CONTENT, '_config.yml': `title: Plugins\n${PLUGINS}\n` }));
  site.setFile('notes/index.md', '---\n---\nThe notes.\n');
  assert.equal(site.pages.has('notes/README.md'), false);
  site.deleteFile('notes/index.md');
  assert.equal(site.pages.get('notes/README.md')?.url, '/notes/');
});

test('without the plugins, files without front matter are not pages and links stay as written', () => {
  const site = Site.load(writeTempSite({ ...CONTENT, '_config.yml': 'title: Plain\n' }));
  assert.deepEqual([...site.pages.keys()].filter((relPath) => !relPath.startsWith('_posts/')).sort(), ['docs/index.md', 'docs/setup.md', 'given.md']);
  assert.equal(site.pages.get('_posts/2024-01-01-first.md')?.layout, null);
});

const changed = oracleSite({
  ...CONTENT,
  'docs/kept.md': '---\nstrip_title: false\n---\n# Kept heading\n\nBody.\n',
  '_config.yml': [
    'title: Plugins', PLUGINS, 'include: [CONTRIBUTING.md]', 'readme_index: {enabled: false}',
    'relative_links: {collections: true}', 'titles_from_headings: {strip_title: true, collections: true}', '',
  ].join('\n'),
});

const pagesWithSettings = ['CONTRIBUTING.md', 'docs/guide.md', 'docs/setup.md', 'docs/kept.md', 'given.md', '_posts/2024-01-01-first.md', '_posts/2024-01-02-titled.md'];
for (const relPath of pagesWithSettings) {
  test(`GitHub Pages' page plugins with their settings changed: ${relPath} is the page Jekyll writes`, { skip }, async () => {
    const { jekyll, preview } = await changed.bothOf(relPath);
    assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
  });
}
