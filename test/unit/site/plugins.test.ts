import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gemfileGems, sitePlugins } from '../../../server/src/site/plugins';
import { tempSites } from '../../helpers/temp-sites';

const site = tempSites().load;

test('plugins come from plugins:, the older gems:, and the Gemfile\'s jekyll_plugins group', () => {
  const loaded = sitePlugins(site({
    '_config.yml': 'plugins: [jekyll-feed]\ngems: [jekyll-sitemap]\n',
    Gemfile: [
      'gem "jekyll"',
      'gem "jekyll-avatar", group: :jekyll_plugins',
      'gem "jemoji", :group => [:jekyll_plugins]',
      'group :jekyll_plugins do',
      '  gem "jekyll-seo-tag"',
      '  # gem "jekyll-gist"',
      'end',
      'gem "jekyll-mentions" # installed, not loaded',
    ].join('\n'),
  }));
  assert.deepEqual([...loaded.gems].sort(), ['jekyll-avatar', 'jekyll-feed', 'jekyll-seo-tag', 'jekyll-sitemap', 'jemoji']);
  assert.equal(loaded.githubPages, false);
});

test('the github-pages gem: its default set always, its allow-list when listed, no _plugins/', () => {
  const root = {
    Gemfile: 'source "https://rubygems.org"\ngem "github-pages", "~> 228", group: :jekyll_plugins\n',
    '_config.yml': 'plugins: [jekyll-seo-tag, jekyll-unknown-to-github]\n',
    '_plugins/own.rb': 'Liquid::Template.register_tag("own", Own)\n',
  };
  const model = site(root);
  const loaded = sitePlugins(model);
  assert.equal(loaded.githubPages, true);
  for (const gem of ['jekyll-gist', 'jekyll-default-layout', 'jekyll-titles-from-headings', 'jekyll-seo-tag']) assert.ok(loaded.gems.has(gem), gem);
  assert.equal(loaded.gems.has('jekyll-feed'), false);
  assert.equal(loaded.gems.has('github-pages'), false);
  assert.deepEqual(loaded.refused, ['jekyll-unknown-to-github']);
  assert.deepEqual(loaded.own, []);
  assert.equal(model.usesDefaultLayoutPlugin, true);
});

test('editing a plugin file or the Gemfile changes the answer', () => {
  const model = site({ Gemfile: 'gem "jekyll"\n' });
  assert.equal(model.loadsPlugin('jekyll-feed'), false);
  model.setFile('Gemfile', 'group :jekyll_plugins do\n  gem "jekyll-feed"\nend\n');
  assert.equal(model.loadsPlugin('jekyll-feed'), true);
  assert.equal(model.classify('_plugins/x.rb'), 'plugin');
  model.setFile('_plugins/x.rb', 'Liquid::Template.register_tag("x", X)\n');
  assert.deepEqual(sitePlugins(model).own.map((own) => own.tags), [['x']]);
  model.deleteFile('_plugins/x.rb');
  assert.deepEqual(sitePlugins(model).own, []);
});

test('gemfileGems reads both group forms and skips comments', () => {
  assert.deepEqual(gemfileGems('gem "a"\ngem \'b\', group: [:test, :jekyll_plugins]\n# gem "c", group: :jekyll_plugins\n'), {
    all: ['a', 'b'], jekyllPlugins: ['b'],
  });
});
