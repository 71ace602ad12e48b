/**
 * jekyll-seo-tag's `{% seo %}` against Debian's plugin, page by page: titles with Markdown and
 * apostrophes, the home and about pages, posts (BlogPosting, dates), authors from `_data/authors`,
 * images, a logo, social links, Twitter and Facebook settings, `seo:` overrides, `title=false`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutBlankLines } from './html';
import { oracleSite, pluginMissing } from './oracle-site';

const skip = pluginMissing('jekyll-seo-tag', 'ruby-jekyll-seo-tag');

const CONFIG = [
  'title: "Site\'s *own* name"', 'description: All about it & more.', 'url: ""', 'baseurl: /base', 'logo: /img/logo.png',
  'lang: en-GB', 'plugins: [jekyll-seo-tag]', 'twitter: {username: "@site", card: summary}', 'facebook: {app_id: 123, publisher: pub}',
  'social: {name: Social Name, links: [https://example.org/a, https://example.org/b]}', 'author: Site Author',
  'webmaster_verifications: {google: g-code}', '',
].join('\n');

const PAGES: Record<string, string> = {
  'index.md': '---\nlayout: none\n---\n{% seo %}\n',
  'about.md': '---\nlayout: none\npermalink: /about/\ntitle: About us\n---\n{% seo %}\n',
  'plain.md': '---\nlayout: none\ntitle: "Don\'t `panic`"\ndescription: A *short* page.\nimage: /img/a b.png\nlocale: fr-FR\n---\n{% seo title=false %}\n',
  'pictured.md': '---\nlayout: none\ntitle: Pictured\nimage: {path: /img/p.png, height: 100, alt: A picture}\nauthor: {name: Map Author, twitter: maptweets, type: Organization, url: https://example.org}\n---\n{% seo %}\n',
  'overridden.md': '---\nlayout: none\ntitle: Overridden\ncanonical_url: https://elsewhere.example/x\nseo: {type: CreativeWork, name: Seo Name, links: [https://x.example]}\nlast_modified_at: 2024-05-06\n---\n{% seo %}\n',
  '_posts/2024-03-01-a-post.md': '---\nlayout: none\nauthor: ada\n---\nThe first paragraph, an **excerpt**.\n\nMore text.\n\n{% seo %}\n',
  '_data/authors.yml': 'ada:\n  name: Ada L.\n  twitter: "@ada"\n  url: https://ada.example\n',
};

const { bothOf } = oracleSite({ '_config.yml': CONFIG, ...PAGES });

for (const relPath of Object.keys(PAGES).filter((relPath) => !relPath.startsWith('_data/'))) {
  test(`{% seo %} in ${relPath} writes what jekyll-seo-tag writes`, { skip }, async () => {
    const { jekyll, preview } = await bothOf(relPath);
    assert.match(jekyll, /Begin Jekyll SEO tag/);
    assert.equal(withoutBlankLines(preview), withoutBlankLines(jekyll));
  });
}
