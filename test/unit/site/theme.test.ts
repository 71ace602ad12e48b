import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { siteVocabulary } from '../../../server/src/catalogue';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { findTheme } from '../../../server/src/site/theme';
import { Site } from '../../../server/src/site/site';
import { tempSites } from '../../helpers/temp-sites';

const sites = tempSites();
const minima = findTheme('minima', process.cwd());

/** What `jekyll new` writes (Jekyll 4.3), without running Bundler. */
const JEKYLL_NEW: Record<string, string> = {
  Gemfile: 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3.1"\ngem "minima", "~> 2.5"\ngroup :jekyll_plugins do\n  gem "jekyll-feed", "~> 0.12"\nend\n',
  '_config.yml': 'title: Your awesome title\nemail: your-email@example.com\nbaseurl: ""\nurl: ""\ntheme: minima\nplugins:\n  - jekyll-feed\n',
  'index.markdown': '---\n# Feel free to add content and custom Front Matter to this file.\nlayout: home\n---\n',
  'about.markdown': '---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\nThis is the base Jekyll theme.\n',
  '404.html': '---\npermalink: /404.html\nlayout: default\n---\n\n<h1>404</h1>\n',
  '_posts/2024-01-01-welcome-to-jekyll.markdown': '---\nlayout: post\ntitle:  "Welcome to Jekyll!"\ndate:   2024-01-01 10:00:00 +0000\ncategories: jekyll update\n---\nHello.\n',
};

test('a `jekyll new` blog with theme: minima installed gets no unknown-layout', { skip: minima ? false : 'jekyll-theme-minima is not installed (apt-get install jekyll-theme-minima)' }, () => {
  const workspace = SiteWorkspace.open(sites.root(JEKYLL_NEW));
  const site = workspace.site;
  assert.equal(site.theme?.root, minima!.root);
  for (const name of ['default', 'home', 'page', 'post']) {
    const layout = site.layouts.get(name)!;
    assert.equal(layout.theme, 'minima', name);
    assert.ok(fs.existsSync(site.absolutePath(layout.relPath)), `${name}: an absolute, readable path for hover and definition`);
  }
  assert.ok(site.isThemeFile(site.includes.get('head.html')!));
  assert.deepEqual(workspace.allDiagnostics().filter((diagnostic) => diagnostic.code === 'unknown-layout'), []);
  // The theme's files are read, never checked as the site's own.
  assert.ok(workspace.checkedFiles().every((file) => !path.isAbsolute(file)));
  // minima's gemspec brings jekyll-seo-tag: its tag is known.
  assert.ok(site.themeDependencies.includes('jekyll-seo-tag'));
  assert.equal(siteVocabulary(site).tags.has('seo'), true);
});

test('the site\'s own layouts and includes win over the theme\'s, and the theme\'s come back when they go', () => {
  const theme = sites.root({ '_layouts/default.html': 'THEME {{ content }}', '_layouts/post.html': '---\nlayout: default\n---\n{{ content }}', '_includes/head.html': 'theme head' });
  const root = sites.root({ '_config.yml': 'theme: my-theme\n', '_layouts/default.html': 'OWN {{ content }}', 'a.md': '---\nlayout: post\n---\n' });
  const site = Site.load(root, { themePath: theme });
  assert.equal(site.layouts.get('default')!.relPath, '_layouts/default.html');
  assert.equal(site.layouts.get('post')!.relPath, path.join(theme, '_layouts', 'post.html'));
  assert.deepEqual(site.layoutChain('post').map((layout) => layout.text.slice(0, 3)), ['---', 'OWN']);
  assert.equal(site.includes.get('head.html'), path.join(theme, '_includes', 'head.html'));
  assert.equal(site.missingTheme, undefined);
  site.deleteFile('_layouts/default.html');
  assert.equal(site.layouts.get('default')!.theme, 'my-theme');
});

test('a theme gem is found in GEM_HOME, newest version first, with its runtime dependencies', () => {
  const home = sites.root({
    'gems/my-theme-1.9.0/_layouts/default.html': 'old',
    'gems/my-theme-1.10.0/_layouts/default.html': 'new',
    'specifications/my-theme-1.10.0.gemspec': 's.add_runtime_dependency(%q<jekyll>.freeze, [">= 3.5"])\ns.add_runtime_dependency(%q<jekyll-seo-tag>.freeze, ["~> 2.1"])\n',
  });
  const before = process.env.GEM_HOME;
  process.env.GEM_HOME = home;
  try {
    const theme = findTheme('my-theme', home);
    assert.equal(theme?.root, path.join(home, 'gems', 'my-theme-1.10.0'));
    assert.deepEqual(theme?.dependencies, ['jekyll-seo-tag']);
  } finally {
    if (before === undefined) delete process.env.GEM_HOME;
    else process.env.GEM_HOME = before;
  }
});
