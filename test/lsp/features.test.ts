import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CodeLensRequest, CompletionItem, CompletionList, CompletionRequest, DefinitionRequest, DocumentLinkRequest, DocumentSymbol,
  DocumentSymbolRequest, FoldingRangeRequest, Hover, HoverRequest, Location, MarkupContent, Position, PrepareRenameRequest,
  Range, ReferencesRequest, RenameRequest, TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf, serverPerTest, TestClient, withTimeout } from './lsp-client';

const startExample = serverPerTest();

/** The position `offset` characters into the first `needle` of a site file's text. */
function at(c: TestClient, relPath: string, needle: string, offset = 0): Position {
  const { start } = rangeOf(read(c, relPath), needle);
  return { line: start.line, character: start.character + offset };
}

function read(c: TestClient, relPath: string): string {
  return fs.readFileSync(path.join(c.root, ...relPath.split('/')), 'utf8');
}

function doc(c: TestClient, relPath: string, position: Position) {
  return { textDocument: { uri: c.uri(relPath) }, position };
}

async function hover(c: TestClient, relPath: string, position: Position): Promise<string> {
  const result = await withTimeout(c.connection.sendRequest(HoverRequest.type, doc(c, relPath, position)), 'hover') as Hover | null;
  assert.ok(result, `a hover at ${relPath}:${position.line}:${position.character}`);
  return (result.contents as MarkupContent).value;
}

async function complete(c: TestClient, relPath: string, position: Position): Promise<CompletionItem[]> {
  const result = await withTimeout(c.connection.sendRequest(CompletionRequest.type, doc(c, relPath, position)), 'completion') as CompletionList | null;
  assert.ok(result, `completions at ${relPath}:${position.line}:${position.character}`);
  return [...result.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

async function definition(c: TestClient, relPath: string, position: Position): Promise<Location[]> {
  return (await withTimeout(c.connection.sendRequest(DefinitionRequest.type, doc(c, relPath, position)), 'definition') ?? []) as Location[];
}

/** Opens a page with `replace` replaced by `by` in its text. */
async function openEdited(c: TestClient, relPath: string, replace: string, by: string): Promise<string> {
  const text = read(c, relPath).replace(replace, by);
  assert.notEqual(text, read(c, relPath), `${replace} is in ${relPath}`);
  await c.open(relPath, text);
  return text;
}

/** The range of the value of a `key: value` line. */
function valueRange(c: TestClient, relPath: string, line: string): Range {
  const { start, end } = rangeOf(read(c, relPath), line);
  return { start: { line: start.line, character: start.character + line.indexOf(': ') + 2 }, end };
}

/** The end of the first line that is exactly `line`. */
function endOfLine(text: string, line: string): Position {
  const index = text.split('\n').indexOf(line);
  assert.ok(index >= 0, `a line "${line}"`);
  return { line: index, character: line.length };
}

function positionIn(text: string, needle: string, offset = 0): Position {
  const { start } = rangeOf(text, needle);
  return { line: start.line, character: start.character + offset };
}

test('hover on a key says what reads it, its type, whether the layout requires it and where the value comes from', async () => {
  const c = await startExample();
  const intro = await hover(c, 'research.md', at(c, 'research.md', 'intro'));
  // First what the field does on the page, in an author's words; then what it holds; then the template.
  assert.match(intro.split('\n')[0], /^\*\*`intro`\*\*: Shown on the page as formatted text \(Markdown/);
  assert.match(intro, /Text · required by the `section-home` layout\./);
  assert.match(intro, /Read by `_layouts\/section-home\.html` line 14 as `page\.intro \| markdownify`\./);
  assert.match(intro, /Set on this page\./);

  const title = await hover(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'title'));
  assert.match(title, /The title of the page/, 'Jekyll\'s own words for its own field');
  assert.match(title, /Other pages read it too: `_includes\/footer\.html` line 14/);

  const nested = await hover(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'path:'));
  assert.match(nested, /the `path` of item 1 of `resources`\*\*: A file or address of the site that the page links to or shows\.\n\nText · optional\./);
  assert.match(nested, /A path to a file of the site\./);

  // A page setting what a `defaults` entry already gives it.
  const text = await openEdited(c, 'people/training.md', 'title:', 'layout: default\ntitle:');
  const layout = await hover(c, 'people/training.md', positionIn(text, 'layout'));
  assert.match(layout, /Set on this page, over `default` from the `_config\.yml` `defaults` entry at line 25 \(scope `people`, type `pages`\)\./);

  const unknown = await hover(c, 'broken/resource-typo.md', at(c, 'broken/resource-typo.md', 'resource:\n'));
  assert.match(unknown, /no template of the site reads it/);
});

test('hover on layout, parent and section values', async () => {
  const c = await startExample();
  const layout = await hover(c, 'research.md', at(c, 'research.md', 'section-home', 2));
  assert.match(layout, /\*\*Layout `section-home`\*\*: `_layouts\/section-home\.html`/);
  assert.match(layout, /Chain: `section-home` → `core`/);
  assert.match(layout, /Reads `intro` \(required\), `section` \(required\), `title` \(required\), .*`sidebar_image`/);

  const parent = await hover(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'parent: research', 'parent: '.length));
  assert.match(parent, /\*\*Research\*\*: the page with `section: research`, `research\.md` \(published at `\/research\.html`\)\./);

  const section = await hover(c, 'research.md', at(c, 'research.md', 'section: research', 'section: '.length));
  assert.match(section, /\*\*3 pages\*\* name `research` as their `parent`:/);
  assert.match(section, /- Air quality and breathing \(`research\/air-quality\.md`\)/);
});

test('completion offers the missing fields first, with a block scalar for Markdown text', async () => {
  const c = await startExample();
  const text = await openEdited(c, 'broken/no-intro.md', 'layout: section-home\n', 'layout: section-home\nin\n');
  const items = await complete(c, 'broken/no-intro.md', endOfLine(text, 'in'));
  assert.equal(items[0].label, 'intro', items.map((item) => item.label).join(', '));
  assert.equal((items[0].textEdit as TextEdit).newText, 'intro: |\n  $0');
  assert.match(items[0].detail ?? '', /text · required/);
  const labels = items.map((item) => item.label);
  for (const set of ['title', 'section', 'layout']) assert.ok(!labels.includes(set), `${set} is set already`);
  assert.ok(labels.indexOf('sidebar_image') < labels.indexOf('permalink'), 'fields the layout reads before Jekyll\'s own');

  // Inside a list item: the item's fields.
  const resources = await openEdited(c, 'research/heart-health.md', '    title: Heart health summary\n', '    title: Heart health summary\n    u\n');
  const itemFields = await complete(c, 'research/heart-health.md', endOfLine(resources, '    u'));
  assert.deepEqual(itemFields.map((item) => item.label), ['url']);
});

test('completion of values: layouts, parents nearest first with titles, files of the page first, config page lists', async () => {
  const c = await startExample();
  const layoutText = await openEdited(c, 'about/contact.md', 'title:', 'layout: \ntitle:');
  const layouts = await complete(c, 'about/contact.md', endOfLine(layoutText, 'layout: '));
  // Most used first; `core`, the shell `default` builds on, is no layout for a page.
  assert.deepEqual(layouts.map((item) => item.label), ['default', 'section-home', 'post', 'home']);
  assert.match(layouts[0].detail ?? '', /_layouts\/default\.html · used by \d+ pages/);

  const parents = await complete(c, 'research/air-quality/school-streets.md',
    at(c, 'research/air-quality/school-streets.md', 'parent: research/air-quality', 'parent: '.length));
  assert.equal(parents[0].label, 'research/air-quality');
  assert.equal(parents[0].detail, 'Air quality and breathing');
  assert.equal(parents[1].label, 'research');
  assert.ok(!parents.some((item) => item.label === 'research/air-quality/school-streets'), 'not its own section');

  const pathText = await openEdited(c, 'research/air-quality.md', '/assets/reports/air-quality-report.pdf', '/assets/');
  const files = await complete(c, 'research/air-quality.md', positionIn(pathText, '/assets/', 8));
  assert.equal(files[0].label, '/assets/reports/air-quality-report.pdf', files.map((item) => item.label).join(', '));
  assert.deepEqual((files[0].textEdit as TextEdit).range, rangeOf(pathText, '/assets/'));

  const config = read(c, '_config.yml').replace('  - people.md\n', '  - people.md\n  - \n');
  await c.open('_config.yml', config);
  const pages = await complete(c, '_config.yml', endOfLine(config, '  - '));
  assert.equal(pages[0].label, 'about.md');
  assert.equal(pages[0].detail, 'About');
  assert.match(pages.find((item) => item.label === 'research.md')?.detail ?? '', /already in header_pages/);
});

test('go to definition: layouts, parents, files, includes and parent layouts', async () => {
  const c = await startExample();
  const [layout] = await definition(c, 'research.md', at(c, 'research.md', 'section-home', 1));
  assert.equal(layout.uri, c.uri('_layouts/section-home.html'));

  const [parent] = await definition(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'parent: research', 9));
  assert.equal(parent.uri, c.uri('research.md'));
  assert.deepEqual(parent.range, valueRange(c, 'research.md', 'section: research'));

  const [file] = await definition(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'air-quality-report.pdf'));
  assert.equal(file.uri, c.uri('assets/reports/air-quality-report.pdf'));

  const [include] = await definition(c, '_layouts/core.html', at(c, '_layouts/core.html', 'header.html', 2));
  assert.equal(include.uri, c.uri('_includes/header.html'));

  const [parentLayout] = await definition(c, '_layouts/section-home.html', at(c, '_layouts/section-home.html', 'core', 1));
  assert.equal(parentLayout.uri, c.uri('_layouts/core.html'));

  const [listed] = await definition(c, '_config.yml', at(c, '_config.yml', 'impact.md', 1));
  assert.equal(listed.uri, c.uri('impact.md'));
});

test('references and the code lens of a layout list the pages using it', async () => {
  const c = await startExample();
  const references = await withTimeout(c.connection.sendRequest(ReferencesRequest.type, {
    ...doc(c, '_layouts/section-home.html', { line: 5, character: 4 }), context: { includeDeclaration: false },
  }), 'references') as Location[];
  const files = references.map((location) => path.relative(c.root, new URL(location.uri).pathname)).sort();
  assert.deepEqual(files, ['about.md', 'broken/no-intro.md', 'impact.md', 'people.md', 'research.md']);
  const research = references.find((location) => location.uri === c.uri('research.md'))!;
  assert.deepEqual(research.range, rangeOf(read(c, 'research.md'), 'section-home'));

  const [lens] = await withTimeout(c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: c.uri('_layouts/section-home.html') } }), 'code lens') ?? [];
  assert.equal(lens.command?.title, 'used by 5 pages');
  assert.equal(lens.range.start.line, 0);
  const [core] = await withTimeout(c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: c.uri('_layouts/core.html') } }), 'code lens') ?? [];
  assert.match(core.command?.title ?? '', /^used by \d+ pages through `default`, `home`, `post`, `section-home`$/);

  // A section's references are the pages naming it as their parent.
  const children = await withTimeout(c.connection.sendRequest(ReferencesRequest.type, {
    ...doc(c, 'research/air-quality.md', at(c, 'research/air-quality.md', 'section: research/air-quality', 10)), context: { includeDeclaration: false },
  }), 'references') as Location[];
  assert.deepEqual(children.map((location) => location.uri).sort(),
    [c.uri('research/air-quality/school-streets.md'), c.uri('research/air-quality/sensor-network.md')]);
});

test('renaming a section renames the parents naming it and the sections continuing it, in one edit', async () => {
  const c = await startExample();
  const position = at(c, 'research.md', 'section: research', 'section: '.length + 2);
  const prepared = await withTimeout(c.connection.sendRequest(PrepareRenameRequest.type, doc(c, 'research.md', position)), 'prepare rename');
  assert.deepEqual(prepared, { range: valueRange(c, 'research.md', 'section: research'), placeholder: 'research' });

  const edit = await withTimeout(c.connection.sendRequest(RenameRequest.type, { ...doc(c, 'research.md', position), newName: 'studies' }), 'rename');
  const changes = edit?.changes ?? {};
  const after = (relPath: string): string => {
    const text = read(c, relPath);
    return TextDocument.applyEdits(TextDocument.create(c.uri(relPath), 'markdown', 1, text), changes[c.uri(relPath)] ?? []);
  };
  assert.match(after('research.md'), /^section: studies$/m);
  assert.match(after('research/air-quality.md'), /^section: studies\/air-quality\nlevel: "2\.1"\nparent: studies$/m);
  assert.match(after('research/air-quality/school-streets.md'), /^section: studies\/air-quality\/school-streets$/m);
  assert.match(after('research/air-quality/school-streets.md'), /^parent: studies\/air-quality$/m);
  assert.match(after('research/heart-health.md'), /^parent: studies$/m);
  assert.ok(!(c.uri('people.md') in changes), 'other sections stay');

  // Applying the edit leaves no broken references behind.
  for (const uri of Object.keys(changes)) {
    const relPath = path.relative(c.root, new URL(uri).pathname);
    fs.writeFileSync(path.join(c.root, relPath), after(relPath));
  }

  await assert.rejects(
    withTimeout(c.connection.sendRequest(RenameRequest.type, { ...doc(c, 'research.md', position), newName: 'people' }), 'rename'),
    /people\.md` already has `section: people`/);
});

test('document symbols, links and folding of a page', async () => {
  const c = await startExample();
  const symbols = await withTimeout(c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: c.uri('research/air-quality.md') } }), 'symbols') as DocumentSymbol[];
  assert.deepEqual(symbols.map((symbol) => symbol.name), ['title', 'weight', 'section', 'level', 'parent', 'resources', 'What we found', 'Next steps']);
  const resources = symbols.find((symbol) => symbol.name === 'resources')!;
  assert.deepEqual(resources.children?.map((symbol) => symbol.name), ['Air quality final report', 'Open air-quality readings']);
  assert.deepEqual(resources.children?.[0].children?.map((symbol) => [symbol.name, symbol.detail]),
    [['path', '/assets/reports/air-quality-report.pdf'], ['title', 'Air quality final report']]);
  assert.equal(symbols[0].detail, 'Air quality and breathing');

  const links = await withTimeout(c.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: c.uri('research/air-quality.md') } }), 'links') ?? [];
  assert.deepEqual(links.map((link) => [link.target, link.range]),
    [[c.uri('assets/reports/air-quality-report.pdf'), rangeOf(read(c, 'research/air-quality.md'), '/assets/reports/air-quality-report.pdf')]]);

  const folds = await withTimeout(c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: c.uri('research.md') } }), 'folding') ?? [];
  assert.deepEqual(folds.map((fold) => [fold.startLine, fold.endLine, fold.kind]), [[0, 10, 'region'], [2, 5, undefined]]);
});
