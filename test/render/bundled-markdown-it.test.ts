/**
 * The server bundle's markdown-it sets its class fields by plain assignment (scripts/fast-class-fields.mjs):
 * built with that plugin, markdown-it must give the same tokens and HTML as the package itself, on
 * every Markdown page of the example site and on text that exercises every block and inline rule.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import MarkdownIt = require('markdown-it');
import { EXAMPLE_SITE, tempDir } from '../helpers/site';

const REPO = path.resolve(__dirname, '../../..');

type MarkdownItClass = typeof MarkdownIt;

async function markdownItBuiltWithPlugin(): Promise<MarkdownItClass> {
  const esbuild = await import('esbuild');
  const { fastClassFields } = await import(pathToFileURL(path.join(REPO, 'scripts', 'fast-class-fields.mjs')).href) as { fastClassFields: import('esbuild').Plugin };
  const outfile = path.join(tempDir('jekyll-author-markdown-it-'), 'markdown-it.js');
  await esbuild.build({ entryPoints: [require.resolve('markdown-it')], bundle: true, platform: 'node', format: 'cjs', outfile, plugins: [fastClassFields], logLevel: 'silent' });
  const bundle = fs.readFileSync(outfile, 'utf8');
  assert.doesNotMatch(bundle, /\(r = toPropertyKey\(r\)\) in e/, 'the plugin left the slow helper in place');
  assert.doesNotMatch(bundle, /_defineProperty\(\s*this,/, 'the plugin left a field set through the helper');
  return require(outfile) as MarkdownItClass;
}

const EVERY_RULE = [
  '# Head\n\nSetext\n===\n\n> quote *em* **strong** `code` ~~del~~\n\n- a\n- [b](http://x.org "t")\n\n1. one\n2. ![img](i.png)\n',
  '| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\ncode\n```\n\n    indented\n\n<div>\nhtml\n</div>\n\n---\n\n[ref]: http://r.org\n\nA [ref] and <http://auto.link> &amp; "quotes" -- dashes... (c)\n',
];

function markdownTexts(): string[] {
  const texts = [...EVERY_RULE];
  for (const file of fs.readdirSync(EXAMPLE_SITE, { recursive: true, encoding: 'utf8' })) {
    if (/\.(md|markdown)$/.test(file)) texts.push(fs.readFileSync(path.join(EXAMPLE_SITE, file), 'utf8'));
  }
  return texts;
}

test('markdown-it bundled with the fast class-field helper gives the same tokens and HTML as the package', async () => {
  const Bundled = await markdownItBuiltWithPlugin();
  for (const options of [{ html: true, xhtmlOut: true, typographer: true }, { linkify: true, breaks: true }]) {
    const bundled = new Bundled(options);
    const original = new MarkdownIt(options);
    for (const text of markdownTexts()) {
      const what = `${JSON.stringify(options)} ${JSON.stringify(text.slice(0, 60))}`;
      // Plain data: the two Token classes are not the same object.
      assert.deepEqual(JSON.parse(JSON.stringify(bundled.parse(text, {}))), JSON.parse(JSON.stringify(original.parse(text, {}))), what);
      assert.equal(bundled.render(text), original.render(text), what);
    }
  }
});
