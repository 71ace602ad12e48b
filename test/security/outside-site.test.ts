// Nothing a site holds or says can make the server read, or even look at, a file outside the site
// folder: not an include or a Sass import through `..`, an absolute path or a symbolic link (to a
// file or to a folder), not a `_config.yml` setting. Each is refused with a problem or a diagnostic
// that says so, and the file's content never shows. Every file-system call the server makes is
// recorded, and none may touch the folder beside the site that holds the secrets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { renderPageSync, type RenderedPage } from '../../server/src/render/page';
import type { Diagnostic } from '../../server/src/rules/rule';
import { checkConfig, checkPage, checkTemplate } from '../../server/src/service/check';
import { EMPTY_SCHEMA } from '../helpers/site';
import { Site } from '../../server/src/site/site';

const SECRET = 'TOP-SECRET-CONTENT';
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-outside-'));
/** The folder beside the site, full of files the site tries to reach. */
const outside = path.join(parent, 'outside');

function write(root: string, files: Record<string, string>): void {
  for (const [relPath, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true });
    fs.writeFileSync(path.join(root, relPath), text);
  }
}

write(outside, {
  'secret.html': `<p>${SECRET}</p>`,
  'dir/secret.html': `<p>${SECRET}</p>`,
  '_secret.scss': `.leak { content: "${SECRET}"; }`,
  'sass/_secret.scss': `.leak { content: "${SECRET}"; }`,
  'secret.css': `.leak { content: "${SECRET}"; }`,
  'secret.md': `---\ntitle: ${SECRET}\n---\n${SECRET}\n`,
  '_layouts/evil.html': `<p>${SECRET}</p>{{ content }}`,
  '_includes/evil.html': `<p>${SECRET}</p>`,
  '_data/evil.yml': `secret: ${SECRET}\n`,
  '_sass/_evil.scss': `.leak { content: "${SECRET}"; }`,
  '_evil/doc.md': `---\ntitle: ${SECRET}\n---\n${SECRET}\n`,
});

/** The file-system calls made while `run` runs, by the path they name. */
function touchedPaths<T>(run: () => T): { result: T; touched: string[] } {
  const touched: string[] = [];
  const names = ['readFileSync', 'statSync', 'lstatSync', 'existsSync', 'realpathSync', 'readdirSync', 'openSync', 'accessSync', 'opendirSync'] as const;
  // The module object itself: every `import * as fs` of the server reads its functions from it.
  const mutableFs = require('node:fs') as Record<string, (...args: unknown[]) => unknown>;
  const originals = names.map((name) => mutableFs[name]);
  const recording = (original: (...args: unknown[]) => unknown) => function recorded(this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'string' || args[0] instanceof URL) touched.push(String(args[0] instanceof URL ? args[0].pathname : args[0]));
    return original.apply(this, args);
  };
  names.forEach((name, i) => {
    // `realpathSync.native` too: the server resolves links with it.
    mutableFs[name] = Object.assign(recording(originals[i]), name === 'realpathSync' ? { native: recording(fs.realpathSync.native as (...args: unknown[]) => unknown) } : {});
  });
  try {
    return { result: run(), touched };
  } finally {
    names.forEach((name, i) => { mutableFs[name] = originals[i]; });
  }
}

const touchingOutside = (touched: string[]) => touched.filter((file) => path.resolve(file).startsWith(outside) || file.includes('etc/passwd'));

interface Outcome {
  renders: Map<string, RenderedPage>;
  diagnostics: Diagnostic[];
  touched: string[];
}

/** Loads the site, checks its pages, templates and `_config.yml`, and renders every page. */
function checkAndRender(root: string): Outcome {
  const { result, touched } = touchedPaths(() => {
    const site = Site.load(root);
    const diagnostics = [...checkConfig(site, EMPTY_SCHEMA)];
    for (const page of site.pages.values()) diagnostics.push(...checkPage(site, page, EMPTY_SCHEMA));
    for (const relPath of [...site.layouts.values()].map((layout) => layout.relPath).concat([...site.includes.values()])) {
      diagnostics.push(...checkTemplate(site, relPath, fs.readFileSync(path.join(root, relPath), 'utf8')));
    }
    const renders = new Map([...site.pages.keys()].map((relPath) => [relPath, renderPageSync(site, relPath)]));
    return { site, diagnostics, renders };
  });
  return { renders: result.renders, diagnostics: result.diagnostics, touched };
}

/** Nothing of the secrets in any output: HTML, CSS, problems or diagnostics. */
function assertNoSecret(outcome: Outcome): void {
  for (const [relPath, rendered] of outcome.renders) {
    assert.ok(!JSON.stringify(rendered).includes(SECRET), `the render of ${relPath} shows a secret: ${JSON.stringify(rendered.problems)}`);
  }
  assert.ok(!JSON.stringify(outcome.diagnostics).includes(SECRET), 'a diagnostic shows a secret');
  assert.deepEqual(touchingOutside(outcome.touched), [], 'nothing outside the site was touched');
}

const problemsOf = (outcome: Outcome, relPath: string) => outcome.renders.get(relPath)!.problems.map((problem) => problem.message);

let escapes: Outcome;
let config: Outcome;

before(() => {
  const site = path.join(parent, 'site');
  const page = (body: string) => `---\nlayout: none\n---\n${body}\n`;
  const sheet = (name: string) => page(`<link rel="stylesheet" href="/assets/css/${name}.css">`);
  write(site, {
    '_config.yml': 'title: Escapes\n',
    'include-dotdot.html': page('{% include ../outside/secret.html %}'),
    'include-absolute.html': page(`{% include ${outside}/secret.html %}`),
    'include-dynamic.html': page('{% assign name = "../../outside/secret.html" %}{% include {{ name }} %}'),
    'include-file-link.html': page('{% include file-link.html %}'),
    'include-folder-link.html': page('{% include folder-link/secret.html %}'),
    'relative-dotdot.html': page('{% include_relative ../outside/secret.html %}'),
    'relative-absolute.html': page(`{% include_relative ${outside}/secret.html %}`),
    'relative-file-link.html': page('{% include_relative file-link.html %}'),
    'relative-folder-link.html': page('{% include_relative folder-link/secret.html %}'),
    '_layouts/escapes.html': '{% include ../outside/secret.html %}\n{% include_relative ../../outside/secret.html %}\n{% include file-link.html %}\n{% include folder-link/secret.html %}\n{{ content }}\n',
    'sass-dotdot.html': sheet('dotdot'),
    'sass-absolute.html': sheet('absolute'),
    'sass-file-url.html': sheet('file-url'),
    'sass-use.html': sheet('use'),
    'sass-import-file-link.html': sheet('import-file-link'),
    'sass-import-folder-link.html': sheet('import-folder-link'),
    'css-link.html': sheet('linked'),
    'css-dotdot.html': page('<link rel="stylesheet" href="/../../outside/secret.css"><link rel="stylesheet" href="/%2e%2e/outside/secret.css">'),
    'assets/css/dotdot.scss': '---\n---\n@import "../../../outside/secret";\n',
    'assets/css/absolute.scss': `---\n---\n@import "${outside}/secret";\n`,
    'assets/css/file-url.scss': `---\n---\n@import "file://${outside}/_secret.scss";\n`,
    'assets/css/use.scss': '---\n---\n@use "../../../outside/secret";\n',
    'assets/css/import-file-link.scss': '---\n---\n@import "file-link";\n',
    'assets/css/import-folder-link.scss': '---\n---\n@import "folder-link/secret";\n',
  });
  for (const folder of ['_includes', '_sass']) fs.mkdirSync(path.join(site, folder));
  fs.symlinkSync(path.join(outside, 'secret.html'), path.join(site, '_includes', 'file-link.html'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(site, '_includes', 'folder-link'));
  fs.symlinkSync(path.join(outside, 'secret.html'), path.join(site, 'file-link.html'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(site, 'folder-link'));
  fs.symlinkSync(path.join(outside, '_secret.scss'), path.join(site, '_sass', '_file-link.scss'));
  fs.symlinkSync(path.join(outside, 'sass'), path.join(site, '_sass', 'folder-link'));
  fs.symlinkSync(path.join(outside, 'secret.css'), path.join(site, 'assets', 'css', 'linked.css'));
  escapes = checkAndRender(site);

  const configured = path.join(parent, 'configured');
  write(configured, {
    '_config.yml': `title: Configured
source: ../outside
layouts_dir: ../outside/_layouts
includes_dir: ../outside/_includes
data_dir: ../outside/_data
plugins_dir: ../outside/_plugins
collections_dir: ../outside
collections:
  evil:
    output: true
sass:
  sass_dir: ../outside/_sass
exclude: [../outside, ../outside/secret.md]
include: [../outside, ../outside/secret.md, ../outside/_evil]
defaults:
  - scope:
      path: ../outside
    values:
      from_outside_default: ${SECRET}
header_pages:
  - ../../etc/passwd
  - ../outside/secret.md
`,
    'index.html': '---\nlayout: evil\n---\n{% include evil.html %}{{ site.data.evil.secret }}{{ page.from_outside_default }}{% for doc in site.evil %}{{ doc.content }}{% endfor %}\n<link rel="stylesheet" href="/assets/main.css">\n',
    'assets/main.scss': '---\n---\n@import "evil";\n',
    '_layouts/page.html': '{% include evil.html %}{{ content }}',
  });
  config = checkAndRender(configured);
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

test('include and include_relative through .., an absolute path or a link to a file or a folder: refused, said, never shown', () => {
  assertNoSecret(escapes);
  const expectations: Record<string, RegExp> = {
    'include-dotdot.html': /include \.\.\/outside\/secret\.html: the file name leaves the site folder/,
    'include-absolute.html': /include \/.*\/secret\.html: the file name leaves the site folder/,
    'include-dynamic.html': /include \.\.\/\.\.\/outside\/secret\.html: the file name leaves the site folder/,
    'include-file-link.html': /include file-link\.html: _includes\/file-link\.html links to a file outside the site folder/,
    'include-folder-link.html': /include folder-link\/secret\.html: _includes\/folder-link\/secret\.html links to a file outside the site folder/,
    'relative-dotdot.html': /include_relative \.\.\/outside\/secret\.html: the file name leaves the site folder/,
    'relative-absolute.html': /include_relative \/.*: the file name leaves the site folder/,
    'relative-file-link.html': /include_relative file-link\.html: file-link\.html links to a file outside the site folder/,
    'relative-folder-link.html': /include_relative folder-link\/secret\.html: folder-link\/secret\.html links to a file outside the site folder/,
  };
  for (const [relPath, expected] of Object.entries(expectations)) {
    assert.ok(problemsOf(escapes, relPath).some((message) => expected.test(message)), `${relPath}: ${JSON.stringify(problemsOf(escapes, relPath))}`);
  }
});

test('…and the template checks report each of them as missing-include', () => {
  const found = escapes.diagnostics.filter((d) => d.file === '_layouts/escapes.html' && d.code === 'missing-include').map((d) => d.message);
  assert.equal(found.length, 4, JSON.stringify(found));
  assert.equal(found.filter((message) => /refuses an include name with `\.\.`/.test(message)).length, 2, JSON.stringify(found));
  // Links are not files of the site to Jekyll's safe mode (GitHub Pages) either.
  assert.ok(found.some((message) => /no file `_includes\/file-link\.html`/.test(message)), JSON.stringify(found));
  assert.ok(found.some((message) => /no file `_includes\/folder-link\/secret\.html`/.test(message)), JSON.stringify(found));
});

test('Sass @import and @use through .., an absolute path, a file: URL or a link, and stylesheet links out of the site: refused, said, never shown', () => {
  assertNoSecret(escapes);
  for (const name of ['dotdot', 'absolute', 'file-url', 'use', 'import-file-link', 'import-folder-link']) {
    const rendered = escapes.renders.get(`sass-${name}.html`)!;
    assert.deepEqual(rendered.stylesheets, [], name);
    assert.ok(rendered.problems.some((p) => p.message.startsWith(`Sass error in /assets/css/${name}.css:`) && /outside the site folder/.test(p.message)),
      `${name}: ${JSON.stringify(rendered.problems)}`);
  }
  assert.ok(problemsOf(escapes, 'css-link.html').some((message) => /linked\.css links to a file outside the site folder/.test(message)), JSON.stringify(problemsOf(escapes, 'css-link.html')));
  assert.ok(problemsOf(escapes, 'css-dotdot.html').every((message) => /outside the site folder/.test(message)), JSON.stringify(problemsOf(escapes, 'css-dotdot.html')));
  assert.equal(problemsOf(escapes, 'css-dotdot.html').length, 2);
});

test('no _config.yml setting points the server outside the site: the settings it reads stay inside, the others are not read', () => {
  assertNoSecret(config);
  const diagnostics = config.diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`);
  // layouts_dir, includes_dir, data_dir, collections_dir, source: the server reads _layouts, _includes, _data and the collections in the site only.
  assert.ok(diagnostics.some((d) => /^index\.html unknown-layout: .*`evil`/.test(d)), diagnostics.join('\n'));
  assert.ok(diagnostics.some((d) => /^_layouts\/page\.html missing-include: .*`_includes\/evil\.html`/.test(d)), diagnostics.join('\n'));
  // defaults scopes with `..` match no file of the site.
  assert.ok(diagnostics.some((d) => /^_config\.yml defaults-scope: No file of the site is at `\.\.\/outside`/.test(d)), diagnostics.join('\n'));
  // header_pages: at most "not a page of the site", without a look outside (checked with every other call above).
  for (const entry of ['../../etc/passwd', '../outside/secret.md']) {
    assert.ok(diagnostics.some((d) => d.startsWith('_config.yml config-missing-page: ') && d.includes(`\`${entry}\` is outside the site folder, so it is not a page of the site`)), `${entry}:\n${diagnostics.join('\n')}`);
  }
  // sass_dir outside the site: ignored, with a problem that says so.
  const index = config.renders.get('index.html')!;
  assert.ok(index.problems.some((p) => p.file === '_config.yml' && /sass_dir \.\.\/outside\/_sass is outside the site folder: it is not read/.test(p.message)), JSON.stringify(index.problems));
  assert.deepEqual([...config.renders.keys()], ['index.html'], 'include/exclude entries with .. add no page');
});

test('a file the editor reports through a link leading outside is not read into the site', () => {
  const root = path.join(parent, 'watched');
  write(root, { '_config.yml': 'title: Watched\n', 'index.md': '---\ntitle: Home\n---\n' });
  const site = Site.load(root);
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'leak.md'));
  fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked-folder'));
  fs.mkdirSync(path.join(root, '_includes'));
  fs.symlinkSync(path.join(outside, '_includes', 'evil.html'), path.join(root, '_includes', 'evil.html'));
  fs.mkdirSync(path.join(root, '_data'));
  fs.symlinkSync(path.join(outside, '_data', 'evil.yml'), path.join(root, '_data', 'evil.yml'));
  const { touched } = touchedPaths(() => {
    for (const relPath of ['leak.md', 'linked-folder/secret.html', '_includes/evil.html', '_data/evil.yml']) {
      assert.equal(site.setFile(relPath), 'ignored', relPath);
    }
  });
  assert.deepEqual([...site.pages.keys()], ['index.md']);
  assert.deepEqual([...site.includes.keys()], []);
  assert.ok(![...site.files].some((file) => /leak|linked-folder|evil/.test(file)), [...site.files].join(', '));
  assert.deepEqual(touchingOutside(touched), []);
});
