import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { Site } from '../../../server/src/site/site';
import { tempSites } from '../../helpers/temp-sites';

/**
 * The site model against Jekyll itself: a site of permalink, post and collection edge cases is
 * built with `jekyll build`, each page printing what Jekyll computed for it; the model must agree.
 */
const hasJekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0;
const sites = tempSites();

// In an HTML block, which kramdown leaves alone.
const REPORT = '<div>PATH={{ page.path }}|URL={{ page.url }}|DATE={{ page.date | date: "%Y-%m-%d %H:%M:%S" }}|SLUG={{ page.slug }}'
  + '|TITLE={{ page.title }}|CATS={{ page.categories | join: "," }}|TAGS={{ page.tags | join: "," }}|END</div>\n';

const page = (frontMatter = ''): string => `---\n${frontMatter}---\n${REPORT}`;

const FILES: Record<string, string> = {
  '_config.yml': [
    'title: Oracle',
    'collections:',
    '  docs: {output: true}',
    '  recipes: {output: true, permalink: "/cook/:categories/:name:output_ext"}',
    '  notes: {output: false}',
    'defaults:',
    '  - scope: {path: "", type: posts}',
    '    values: {tags: from-defaults}',
  ].join('\n'),
  '_posts/2020-01-05-hello-world.md': page(),
  '_posts/sub/2021-3-7-In Sub Folder.md': page(),
  'blog/_posts/2019-12-31-blog-post.markdown': page('categories: [News, tech]\n'),
  'blog/news/_posts/2018-05-01-deep.md': page('tags: one two\n'),
  '_posts/2022-02-02-own-permalink.md': page('permalink: /:year/:i_month/:i_day/:slug/\n'),
  '_posts/2022-02-03-dated.md': page('date: 2021-06-30 23:15:00 +0200\n'),
  '_posts/2022-02-04-weekly.md': page('permalink: /:w_year/W:week/:short_day/:y_day/:title.html\n'),
  '_posts/2022-02-05-slugged.md': page('slug: Custom Slug Here\n'),
  '_posts/2022-02-06-cat.md': page('category: Single Cat\n'),
  '_posts/2022-02-07-no-front-matter.md': REPORT,
  '_posts/not-a-post.md': page(),
  '_drafts/a-draft.md': page(),
  '_docs/intro.md': page(),
  '_docs/guide/Getting Started.md': page(),
  '_docs/pretty.md': page('permalink: /:collection/:path/\n'),
  '_docs/plain.txt': page(),
  '_recipes/pie.md': page('categories: sweet\n'),
  '_notes/hidden.md': page(),
  'about/index.md': page(),
  'about/team.md': page(),
  'about/pretty.md': page('permalink: /:path/:basename/\n'),
  'about/odd.md': page('permalink: /x/:title/\n'),
  'feeds/data.json': page(),
  'plain.html': page(),
  'trailing..md': page(),
};

function jekyllReports(root: string): Map<string, Record<string, string>> {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-oracle-'));
  try {
    const build = spawnSync('jekyll', ['build', '-s', root, '-d', destination, '--disable-disk-cache', '--quiet'], { cwd: os.tmpdir(), encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const reports = new Map<string, Record<string, string>>();
    for (const file of fs.readdirSync(destination, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const absolute = path.join(file.parentPath, file.name);
      const match = /PATH=([\s\S]*?)\|END/.exec(fs.readFileSync(absolute, 'utf8'));
      if (!match) continue;
      const fields = Object.fromEntries(`PATH=${match[1]}`.split('|').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
      reports.set(fields.PATH, { ...fields, FILE: `/${path.relative(destination, absolute).split(path.sep).join('/')}` });
    }
    return reports;
  } finally {
    fs.rmSync(destination, { recursive: true, force: true });
  }
}

/** Builds `files` with Jekyll and compares what each written page reports with the model; returns the model. */
function agreesWithJekyll(files: Record<string, string>): Site {
  const root = sites.root(files);
  const reports = jekyllReports(root);
  const site = Site.load(root);
  const written = [...site.pages.values()].filter((each) => each.output);
  // Jekyll shows documents' paths relative to `collections_dir`.
  assert.deepEqual(written.map((each) => each.filled.path ?? each.relPath).sort(), [...reports.keys()].sort(), 'the pages Jekyll writes');
  for (const model of written) {
    const relPath = model.relPath;
    const report = reports.get(String(model.filled.path ?? relPath))!;
    assert.equal(model.url, report.URL, `${relPath}: url`);
    // Jekyll writes `/x/` to `/x/index.html`, and adds the output extension a URL lacks (`/ordinal` to `/ordinal.html`).
    const outputExt = path.posix.extname(report.FILE);
    const file = model.url.endsWith('/') ? `${model.url}index${outputExt}` : model.url.endsWith(outputExt) ? model.url : `${model.url}${outputExt}`;
    assert.equal(decodeURI(file), report.FILE, `${relPath}: written to`);
    if (!model.collection) continue;
    const filled = model.filled;
    // Other documents are dated when the site is read, a moment apart here and in Jekyll.
    if (model.collection === 'posts') assert.equal(filled.date, report.DATE, `${relPath}: date`);
    assert.equal(filled.slug, report.SLUG, `${relPath}: slug`);
    assert.equal(filled.title, report.TITLE, `${relPath}: title`);
    assert.equal((filled.categories as string[]).join(','), report.CATS, `${relPath}: categories`);
    assert.equal((filled.tags as string[]).join(','), report.TAGS, `${relPath}: tags`);
  }
  return site;
}

const skip = hasJekyll ? false : 'jekyll is not installed';

test('URLs, dates, slugs, titles, categories and tags are Jekyll\'s', { skip }, () => {
  const site = agreesWithJekyll(FILES);
  // Read, but not written: the draft (without --drafts) and a collection that is not output.
  assert.equal(site.pages.get('_drafts/a-draft.md')?.draft, true);
  assert.equal(site.pages.get('_notes/hidden.md')?.collection, 'notes');
  assert.equal(site.pages.has('_posts/not-a-post.md'), false);
});

test('the pretty style, a custom permalink template, collections_dir and a time zone', { skip }, () => {
  agreesWithJekyll({
    '_config.yml': 'permalink: pretty\ncollections_dir: content\ntimezone: America/New_York\ncollections: {docs: {output: true}}\n',
    'content/_posts/2020-01-05-hello.md': page('date: 2020-01-05 02:00:00 +0000\n'),
    'content/blog/_posts/2020-01-06-in-blog.md': page(),
    'content/_docs/a/b.md': page(),
    'about.md': page(),
    'index.html': page(),
    'feed.xml': page(),
  });
  agreesWithJekyll({
    '_config.yml': 'permalink: /:categories/:title/\n',
    '_posts/2020-01-05-hello.md': page('categories: [A B, c]\n'),
    '_posts/2020-01-06-ordinal.md': page('permalink: ordinal\n'),
    'about.md': page(),
    'docs/index.md': page(),
  });
  agreesWithJekyll({
    '_config.yml': 'permalink: none\n',
    '_posts/2020-01-05-hello.md': page(),
    'about.md': page(),
  });
});
