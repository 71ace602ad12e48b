/** Every tag and filter of the catalogue is rendered by the preview or shown as a placeholder, never unknown. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogueNames } from '../../server/src/catalogue';
import { JekyllLiquid, RenderProblem } from '../../server/src/render/liquid';

/** Branches of `if`, `case` and `for`: parts of their block, not tags of their own. */
const BRANCHES = new Set(['else', 'elsif', 'when']);

function engine(ownTags: { name: string; kind: 'tag' | 'block'; provider: string }[] = []): JekyllLiquid {
  return new JekyllLiquid({
    root: '/nonexistent', baseurl: () => '', url: () => '', highlighter: () => 'rouge', markdownify: (text) => text, smartify: (text) => text,
    urlOfFile: () => undefined, urlOfPost: () => undefined, loadsSeoTag: () => false, ownPluginTags: () => ownTags, generation: () => 0,
  });
}

test('every tag and filter of the catalogue is rendered or shown as a placeholder', () => {
  const liquid = engine();
  const missing: string[] = [];
  for (const kind of ['tags', 'filters'] as const) {
    for (const [name, entry] of catalogueNames(kind)) {
      if (BRANCHES.has(name) || (name.startsWith('end') && kind === 'tags')) continue;
      if (!liquid.has(kind, name)) missing.push(`${kind} ${name} (${entry.provider}, ${entry.preview})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('a placeholder tag is a visible box naming its plugin; a placeholder filter shows its input', () => {
  const liquid = engine();
  const placeholders = [...catalogueNames('tags')].filter(([name, entry]) => entry.preview === 'placeholder' && entry.kind !== 'filter' && !name.startsWith('end'));
  assert.ok(placeholders.length > 0);
  for (const [name, entry] of placeholders) {
    const problems: RenderProblem[] = [];
    const template = entry.kind === 'block' ? `{% ${name} %}body{% end${name} %}` : `{% ${name} some/argument %}`;
    const html = liquid.render(template, 'page.md', {}, problems, 'page.md');
    assert.match(html, new RegExp(`class="jekyll-author-placeholder" data-plugin="${entry.provider}"`), name);
    assert.match(html, new RegExp(`\\{% ${name} %\\} · the ${entry.provider} plugin`), name);
    assert.deepEqual(problems, [], name);
  }
  const filter = [...catalogueNames('filters')].find(([, entry]) => entry.preview === 'placeholder');
  assert.ok(filter);
  assert.equal(liquid.render(`{{ "I :heart: it" | ${filter[0]} }}`, 'page.md', {}, [], 'page.md'), 'I :heart: it');
});

test('a tag of the site\'s own _plugins/ renders as a box naming the plugin file, a block with its body', () => {
  const liquid = engine([{ name: 'youtube', kind: 'tag', provider: '_plugins/embed.rb' }, { name: 'note', kind: 'block', provider: '_plugins/note.rb' }]);
  const problems: RenderProblem[] = [];
  const html = liquid.render('A {% youtube abc123 %} B {% note %}Hello{% endnote %}', 'page.md', {}, problems, 'page.md');
  assert.match(html, /^A <span class="jekyll-author-placeholder" data-plugin="_plugins\/embed.rb"[^>]*>\{% youtube %\} · the site's plugin _plugins\/embed.rb<\/span> B /);
  assert.match(html, /\{% note %\} · the site's plugin _plugins\/note.rb: Hello<\/span>$/);
  assert.deepEqual(problems, []);
});
