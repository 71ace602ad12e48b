import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { collectionDocuments, collectionLabels, postsBy, siteDrafts, sitePosts } from '../../../server/src/site/collections';
import { csvRows, siteData } from '../../../server/src/site/data';
import { Site } from '../../../server/src/site/site';
import { tempSites } from '../../helpers/temp-sites';

const sites = tempSites();

test('site.posts newest first, without drafts, future posts or unpublished ones; categories and tags', () => {
  const site = sites.load({
    '_config.yml': 'collections:\n  docs: {output: true}\n',
    '_posts/2020-01-01-first.md': '---\ntags: [a, b]\n---\n',
    '_posts/2021-06-01-second.md': '---\ncategories: news\n---\n',
    'blog/_posts/2021-06-01-same-day.md': '---\ntag: a\n---\n',
    '_posts/2099-01-01-future.md': '---\n---\n',
    '_posts/2019-01-01-hidden.md': '---\npublished: false\n---\n',
    '_drafts/idea.md': '---\n---\n',
    '_docs/b.md': '---\n---\n',
    '_docs/a.md': '---\n---\n',
  });
  assert.deepEqual(sitePosts(site).map((post) => post.relPath), ['blog/_posts/2021-06-01-same-day.md', '_posts/2021-06-01-second.md', '_posts/2020-01-01-first.md']);
  assert.deepEqual(siteDrafts(site).map((draft) => draft.relPath), ['_drafts/idea.md']);
  assert.deepEqual([...postsBy(site, 'categories').keys()].sort(), ['blog', 'news']);
  assert.deepEqual(postsBy(site, 'tags').get('a')?.map((post) => post.relPath), ['blog/_posts/2021-06-01-same-day.md', '_posts/2020-01-01-first.md']);
  assert.deepEqual(collectionDocuments(site, 'docs').map((doc) => doc.relPath), ['_docs/a.md', '_docs/b.md']);
  assert.deepEqual(collectionLabels(site), ['posts', 'docs']);
  // Fields Jekyll fills in, so that no check calls them missing.
  const first = site.pages.get('_posts/2020-01-01-first.md')!;
  assert.equal(first.filled.date, '2020-01-01 00:00:00');
  assert.equal(first.filled.title, 'First');
  assert.equal(site.pages.get('_posts/2099-01-01-future.md')?.output, false);
});

test('site.data: YAML, JSON, CSV and TSV files, in folders, the theme\'s under the site\'s', () => {
  const theme = sites.root({ '_data/theme.yml': 'from: theme\n', '_data/nav.yml': '- theme\n' });
  const root = sites.root({
    '_config.yml': 'theme: t\n',
    '_data/nav.yml': '- title: Home\n  url: /\n- title: About\n  url: /about/\n',
    '_data/people/staff.json': '{"ada": {"role": "engineer"}}',
    '_data/prices.csv': 'name,price\n"Pie, apple",3\nBread,"2"\n',
    '_data/sizes.tsv': 'size\tinches\nsmall\t8\n',
    '_data/broken.yml': 'a: [1\n',
    '_data/my file.yml': 'x: 1\n',
  });
  const data = siteData(Site.load(root, { themePath: theme }));
  assert.deepEqual(data.nav, [{ title: 'Home', url: '/' }, { title: 'About', url: '/about/' }]);
  assert.deepEqual(data.people, { staff: { ada: { role: 'engineer' } } });
  assert.deepEqual(data.prices, [{ name: 'Pie, apple', price: '3' }, { name: 'Bread', price: '2' }]);
  assert.deepEqual(data.sizes, [{ size: 'small', inches: '8' }]);
  assert.deepEqual(data.theme, { from: 'theme' });
  assert.deepEqual(data.my_file, { x: 1 });
  assert.equal('broken' in data, false);
});

test('csvRows: quotes, doubled quotes, line breaks in a field, missing cells', () => {
  assert.deepEqual(csvRows('a,b\r\n"x ""y""","1\n2"\nlast\n', ','), [{ a: 'x "y"', b: '1\n2' }, { a: 'last', b: null }]);
});

const rubyMissing = spawnSync('ruby', ['-rcsv', '-rjson', '-e', ''], { encoding: 'utf8' }).status === 0 ? false : 'ruby with its csv library is not installed (CI installs it with jekyll)';

test('CSV and TSV data files are the rows Ruby\'s CSV reads, as Jekyll reads them', { skip: rubyMissing }, () => {
  const files: [string, string, boolean][] = [
    ['name,role,"quoted, header",name\nAnn,lead,"x, y",second Ann\nBob,,""\n"Multi\nline",z\n\nlast,"a ""b"""\n\n', ',', true],
    ['a\tb\r\n1\t"2"\r\n\t\r\n', '\t', true],
    ['x,y\n1,,3\n\n', ',', false],
  ];
  for (const [text, separator, headers] of files) {
    const script = `rows = CSV.parse(STDIN.read, headers: ${headers}, col_sep: ${JSON.stringify(separator)}); puts JSON.generate(rows.map { |row| row.is_a?(CSV::Row) ? row.to_hash : row })`;
    const ruby = spawnSync('ruby', ['-rcsv', '-rjson', '-e', script], { input: text, encoding: 'utf8' });
    assert.equal(ruby.status, 0, ruby.stderr);
    assert.deepEqual(csvRows(text, separator, headers), JSON.parse(ruby.stdout), JSON.stringify(text));
  }
});
