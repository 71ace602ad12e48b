import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogueNames, isJekyllField, pluginProviding, siteVocabulary } from '../../../server/src/catalogue';
import { tempSites } from '../../helpers/temp-sites';

const site = tempSites().load;

test('every known tag and filter says how the preview shows it: rendered, or a placeholder', () => {
  for (const kind of ['tags', 'filters'] as const) {
    const names = catalogueNames(kind);
    assert.ok(names.size > 20, `${kind}: the catalogue lists Liquid's, Jekyll's and plugins' names`);
    for (const [name, entry] of names) assert.ok(['rendered', 'placeholder'].includes(entry.preview), `${name}: ${entry.preview}`);
  }
  // The filters the preview cannot run are shown as placeholders, not passed through silently.
  for (const name of ['sassify', 'emojify', 'mentionify']) assert.equal(catalogueNames('filters').get(name)?.preview, 'placeholder');
  assert.equal(catalogueNames('tags').get('octicon')?.preview, 'placeholder');
  assert.equal(catalogueNames('tags').get('gist')?.preview, 'rendered');
  assert.equal(catalogueNames('tags').get('endhighlight')?.provider, 'jekyll');
});

test('a plugin\'s tags, filters and fields are known only where the site loads it', () => {
  const bare = siteVocabulary(site({}));
  assert.equal(bare.tags.has('seo'), false);
  assert.equal(bare.filters.has('emojify'), false);
  assert.equal(bare.tags.has('highlight'), true);
  assert.equal(bare.filters.has('where_exp'), true);
  assert.equal(bare.fields.has('redirect_from'), false);
  assert.equal(pluginProviding('tags', 'seo'), 'jekyll-seo-tag');
  assert.equal(pluginProviding('filters', 'emojify'), 'jemoji');
  assert.equal(pluginProviding('tags', 'include'), undefined);

  const loaded = siteVocabulary(site({ '_config.yml': 'plugins: [jekyll-seo-tag, jemoji, jekyll-redirect-from, jekyll-sitemap]\n' }));
  assert.equal(loaded.tags.get('seo')?.provider, 'jekyll-seo-tag');
  assert.equal(loaded.filters.get('emojify')?.provider, 'jemoji');
  assert.equal(loaded.fields.get('redirect_from')?.provider, 'jekyll-redirect-from');
  assert.equal(loaded.fields.has('sitemap'), true);
  assert.equal(loaded.hasGenerator, false);
  // Known on every page whatever the site loads: a schema need not repeat them.
  assert.ok(isJekyllField('redirect_from') && isJekyllField('date') && !isJekyllField('sectoin'));
});

test('a plugin the catalogue does not know may provide any name', () => {
  const vocabulary = siteVocabulary(site({ '_config.yml': 'plugins: [jekyll-fancy-thing, jekyll-feed]\n' }));
  assert.deepEqual(vocabulary.mayComeFrom, ['jekyll-fancy-thing']);
  assert.equal(vocabulary.tags.has('feed_meta'), true);
});

test('the site\'s own plugins: tags, blocks, public filter methods, generators', () => {
  const vocabulary = siteVocabulary(site({
    '_plugins/tags.rb': [
      'module Jekyll',
      '  class RenderTimeTag < Liquid::Tag',
      '    def render(context) = Time.now.to_s',
      '  end',
      '  class NoteBlock < Liquid::Block',
      '  end',
      'end',
      'Liquid::Template.register_tag("render_time", Jekyll::RenderTimeTag)',
      "Liquid::Template.register_tag('note', Jekyll::NoteBlock)",
      '# Liquid::Template.register_tag("disabled", Jekyll::Nothing)',
    ].join('\n'),
    '_plugins/filters.rb': [
      'module Shouty',
      '  def shout(input)',
      '    input.upcase',
      '  end',
      '  private',
      '  def helper; end',
      'end',
      'Liquid::Template.register_filter(Shouty)',
    ].join('\n'),
    '_plugins/gen.rb': 'class Tagger < Jekyll::Generator\n  def generate(site); end\nend\n',
  }));
  assert.equal(vocabulary.tags.get('render_time')?.provider, '_plugins/tags.rb');
  assert.equal(vocabulary.tags.get('note')?.kind, 'block');
  assert.equal(vocabulary.tags.has('endnote'), true);
  assert.equal(vocabulary.tags.has('disabled'), false);
  assert.equal(vocabulary.filters.get('shout')?.provider, '_plugins/filters.rb');
  assert.equal(vocabulary.filters.has('helper'), false);
  assert.equal(vocabulary.hasGenerator, true);
  assert.deepEqual(vocabulary.mayComeFrom, []);
});

test('an own plugin whose names only Ruby knows leaves room for any name', () => {
  const vocabulary = siteVocabulary(site({
    '_plugins/dyn.rb': 'Liquid::Template.register_tag(self.tag_name, self)\nLiquid::Template.register_filter(Other::Filters)\n',
  }));
  assert.deepEqual(vocabulary.mayComeFrom, ['_plugins/dyn.rb']);
});
