/**
 * jekyll-paginate's first page, as its `Pager` computes it: N newest posts not `hidden`, pages =
 * ceil(posts / N), the next page at `paginate_path` with `:num` replaced, on the deepest
 * `index.html` toward that path. Each site is also built by Jekyll with Debian's plugin, and its
 * pages compared whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from '../helpers/site';
import { oracleSite, OracleSite, pluginMissing } from './oracle-site';

const FIELDS = '{{ paginator.page }}|{{ paginator.per_page }}|{{ paginator.total_posts }}|{{ paginator.total_pages }}|'
  + '{{ paginator.previous_page }}|{{ paginator.previous_page_path }}|{{ paginator.next_page }}|{{ paginator.next_page_path }}|'
  + '{% for post in paginator.posts %}{{ post.title }},{% endfor %}';

const skip = pluginMissing('jekyll-paginate', 'ruby-jekyll-paginate');

function files(config: string): Record<string, string> {
  return {
    '_config.yml': config,
    'index.html': `---\n---\n${FIELDS}\n`,
    'blog/index.html': `---\n---\n${FIELDS}\n`,
    'about.html': `---\n---\n[${FIELDS}]\n`,
    '_posts/2024-01-01-one.md': '---\ntitle: One\n---\n1\n',
    '_posts/2024-01-02-two.md': '---\ntitle: Two\n---\n2\n',
    '_posts/2024-01-03-three.md': '---\ntitle: Three\nhidden: true\n---\n3\n',
    '_posts/2024-01-04-four.md': '---\ntitle: Four\n---\n4\n',
  };
}

function site(config: string): Site {
  return Site.load(writeTempSite(files(config)));
}

const CONFIGS = {
  'at the root': 'plugins: [jekyll-paginate]\npaginate: 2\n',
  'under a folder': 'plugins: [jekyll-paginate]\npaginate: 5\npaginate_path: "/blog/page:num/"\n',
};
const built: Record<string, OracleSite> = Object.fromEntries(Object.entries(CONFIGS).map(([name, config]) => [name, oracleSite(files(config))]));

for (const [name, oracle] of Object.entries(built)) {
  for (const relPath of ['index.html', 'blog/index.html', 'about.html']) {
    test(`jekyll-paginate ${name}: ${relPath} is the page Jekyll writes`, { skip }, async () => {
      const { jekyll, preview } = await oracle.bothOf(relPath);
      assert.equal(preview, jekyll);
    });
  }
}

const rendered = async (s: Site, relPath: string): Promise<string> => (await renderPage(s, relPath, { stylesheets: false })).html.trim();

test('paginator on the root index.html: the newest posts not hidden, and where the next page is', async () => {
  const s = site(CONFIGS['at the root']);
  assert.equal(await rendered(s, 'index.html'), '1|2|3|2|||2|/page2|Four,Two,');
  assert.equal(await rendered(s, 'about.html'), '[||||||||]', 'other pages have no paginator');
  assert.equal(await rendered(s, 'blog/index.html'), '||||||||', 'an index.html off the way to paginate_path has none');
});

test('paginate_path under a folder picks that folder\'s index.html; one page has no next page', async () => {
  const s = site(CONFIGS['under a folder']);
  assert.equal(await rendered(s, 'blog/index.html'), '1|5|3|1|||||Four,Two,One,');
  assert.equal(await rendered(s, 'index.html'), '||||||||');
});

test('without the jekyll-paginate plugin (Jekyll 4 only warns), paginate gives no paginator', async () => {
  const s = site('paginate: 2\n');
  assert.equal(await rendered(s, 'index.html'), '||||||||');
});
