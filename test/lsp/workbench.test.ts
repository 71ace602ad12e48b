import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CodeLensRequest, CompletionList, CompletionRequest, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  MoveInOutlineResult, NewPageResult, OutlineItem, SiteOutlineResult, SiteStateParams,
} from '../../server/src/lsp/workbench-protocol';
import { serverPerTest, TestClient, withTimeout } from './lsp-client';

const start = serverPerTest();

function request<T>(c: TestClient, method: string, params: unknown): Promise<T> {
  return withTimeout(c.connection.sendRequest(method, params), method) as Promise<T>;
}

function titles(items: OutlineItem[]): unknown[] {
  return items.map((item) => (item.children.length > 0 ? [item.title, titles(item.children)] : item.title));
}

/** The text of each file after a workspace edit, read from the site copy. */
function applied(c: TestClient, edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const rel = path.relative(c.root, new URL(uri).pathname).split(path.sep).join('/');
    const document = TextDocument.create(uri, 'markdown', 1, fs.readFileSync(new URL(uri), 'utf8'));
    out.set(rel, TextDocument.applyEdits(document, edits as TextEdit[]));
  }
  return out;
}

function field(text: string, name: string): string | undefined {
  return new RegExp(`^${name}: *(.*)$`, 'm').exec(text)?.[1];
}

test('the site outline is the menu as the templates build it: listed pages on top, children by weight, unreached apart', async () => {
  const c = await start();
  const outline = await request<SiteOutlineResult>(c, 'jekyllAuthor/siteOutline', { uri: c.uri('_config.yml') });
  assert.deepEqual(outline.structure, { field: 'parent', refersTo: 'section', order: 'weight' });
  const menu = outline.sections.find((section) => section.id === 'menu')!;
  // `header_pages` lists impact, research, people; the footer adds about; children sorted by `weight`.
  assert.deepEqual(titles(menu.items).slice(0, 3), [
    'Home',
    ['Impact', ['Stories from the programme', 'Jobs and investment']],
    ['Research', [['Air quality and breathing', ['Building the sensor network', 'School streets']], 'Heart health follow-up', 'Heart health in the community']],
  ]);
  const airQuality = menu.items[2].children[0];
  assert.equal(airQuality.order, '1');
  assert.equal(airQuality.uri, c.uri('research/air-quality.md'));
  const unreached = outline.sections.find((section) => section.id === 'unreached')!;
  assert.ok(unreached.items.some((item) => item.relPath === 'broken/bad-parent.md'), 'a page whose parent names no page');
  assert.ok(!unreached.items.some((item) => item.relPath === 'research/heart-health.md'));
});

test('dragging a page before a sibling rewrites the fewest weights; under another page, its parent and section with its children', async () => {
  const c = await start();
  const reorder = await request<MoveInOutlineResult>(c, 'jekyllAuthor/moveInOutline',
    { uri: c.uri('research/air-quality/school-streets.md'), target: c.uri('research/air-quality/sensor-network.md'), position: 'before' });
  assert.ok(!('error' in reorder), JSON.stringify(reorder));
  const reordered = applied(c, reorder.edit as WorkspaceEdit);
  // Weights 1 (sensor network) and 2 (school streets): one change puts school streets first.
  assert.deepEqual([...reordered.keys()], ['research/air-quality/school-streets.md']);
  assert.equal(field(reordered.get('research/air-quality/school-streets.md')!, 'weight'), '0');

  const move = await request<MoveInOutlineResult>(c, 'jekyllAuthor/moveInOutline',
    { uri: c.uri('research/air-quality.md'), target: c.uri('impact.md'), position: 'under' });
  assert.ok(!('error' in move), JSON.stringify(move));
  const moved = applied(c, move.edit as WorkspaceEdit);
  const page = moved.get('research/air-quality.md')!;
  assert.equal(field(page, 'parent'), 'impact');
  assert.equal(field(page, 'section'), 'impact/air-quality');
  assert.equal(field(page, 'weight'), '3', 'last under Impact, after weights 1 and 2');
  assert.equal(field(moved.get('research/air-quality/sensor-network.md')!, 'parent'), 'impact/air-quality');
  assert.equal(field(moved.get('research/air-quality/sensor-network.md')!, 'section'), 'impact/air-quality/sensor-network');
  assert.match(move.summary, /under "Impact"/);

  const refused = await request<MoveInOutlineResult>(c, 'jekyllAuthor/moveInOutline',
    { uri: c.uri('research.md'), target: c.uri('research/air-quality/school-streets.md'), position: 'under' });
  assert.ok('error' in refused && /cannot move under itself/.test(refused.error), JSON.stringify(refused));
});

test('a new page under another gets its layout, parent, section, next weight and required fields as placeholders', async () => {
  const c = await start();
  const result = await request<NewPageResult>(c, 'jekyllAuthor/newPage',
    { uri: c.uri('_config.yml'), kind: 'page', title: 'Noise: the 2024 study', parent: c.uri('impact.md') });
  assert.ok(!('error' in result), JSON.stringify(result));
  assert.equal(result.uri, c.uri('impact/noise-the-2024-study.md'));
  assert.match(result.snippet, /^---\ntitle: "Noise: the 2024 study"\nlayout: \w+\nsection: impact\/noise-the-2024-study\nparent: impact\nweight: 3\n/);
  assert.match(result.snippet, /\n---\n\n\$0\n$/);

  const home = await request<NewPageResult>(c, 'jekyllAuthor/newPage', { uri: c.uri('_config.yml'), kind: 'page', title: 'Section home', parent: c.uri('index.md') });
  assert.ok('error' in home && /has no `section`/.test(home.error), JSON.stringify(home));
  const post = await request<NewPageResult>(c, 'jekyllAuthor/newPage', { uri: c.uri('_config.yml'), kind: 'post', title: 'Hello, world' });
  assert.ok(!('error' in post));
  assert.match(post.uri, /\/_posts\/\d{4}-\d{2}-\d{2}-hello-world\.md$/);
  const empty = await request<NewPageResult>(c, 'jekyllAuthor/newPage', { uri: c.uri('_config.yml'), kind: 'page', title: '  ' });
  assert.deepEqual(empty, { error: 'Give the new page a title.' });
});

test('progress while the site is checked, and "checked" only after the first whole pass is published', async () => {
  const c = await start();
  const checked = await c.waitFor(() => c.progress.find((entry) => entry.method === 'jekyllAuthor/siteState'
    && (entry.params as SiteStateParams).state === 'checked'), 'the site to be checked');
  const states = c.progress.filter((entry) => entry.method === 'jekyllAuthor/siteState').map((entry) => (entry.params as SiteStateParams).state);
  assert.equal(states[0], 'checking');
  assert.ok((checked.params as SiteStateParams).pages > 30, JSON.stringify(checked.params));
  // Every page's problems were sent before the state said so.
  assert.ok(c.diagnosticsOf('broken/duplicate-key.md').length > 0);
  const reports = c.progress.filter((entry) => entry.method === '$/progress').map((entry) => (entry.params as { value: { kind: string; message?: string } }).value);
  assert.equal(reports[0].kind, 'begin');
  assert.ok(reports.some((value) => /^Checking \d+ pages$/.test(value.message ?? '')), JSON.stringify(reports));
  await c.waitFor(() => c.progress.some((entry) => entry.method === '$/progress' && (entry.params as { value: { kind: string } }).value.kind === 'end') || undefined, 'the progress to end');
});

test('each problem links to its rule\'s page; checkTemplates off hides template and _config.yml problems only', async () => {
  const c = await start();
  const [problem] = await c.waitForDiagnostics('broken/duplicate-key.md', (d) => d.length > 0, 'a problem');
  assert.ok(problem.codeDescription, 'a link');
  const docs = new URL(problem.codeDescription.href);
  assert.equal(path.basename(docs.pathname), `${problem.code}.md`);
  assert.ok(fs.existsSync(docs), `${docs.pathname} exists`);

  await c.waitForDiagnostics('_includes/broken-examples.html', (d) => d.length > 0, 'template problems');
  await c.changeSettings({ checkTemplates: false });
  await c.waitForDiagnostics('_includes/broken-examples.html', (d) => d.length === 0, 'template problems hidden');
  assert.ok(c.diagnosticsOf('broken/duplicate-key.md').length > 0, 'page problems stay');
});

test('two features answering the same request both count: the layout lens is still there', async () => {
  const c = await start();
  const lenses = await withTimeout(c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: c.uri('_layouts/default.html') } }), 'lens');
  assert.ok(lenses && lenses.some((lens) => /used by \d+ pages/.test(lens.command?.title ?? '')), JSON.stringify(lenses));
});

test('Markdown links and images complete the site\'s paths and page URLs, written as the site writes its links', async () => {
  const c = await start();
  const text = `${fs.readFileSync(path.join(c.root, 'impact.md'), 'utf8')}\nSee [the report](\n![map](/assets/\n`;
  await c.open('impact.md', text);
  const lines = text.split('\n');
  const complete = async (line: number) => {
    const list = await withTimeout(c.connection.sendRequest(CompletionRequest.type,
      { textDocument: { uri: c.uri('impact.md') }, position: { line, character: lines[line].length } }), 'completion') as CompletionList;
    return list.items;
  };
  const links = await complete(lines.length - 3);
  // The site's pages link through relative_url: so does the completion.
  const research = links.find((item) => item.label === '/research.html');
  assert.ok(research, links.map((item) => item.label).join(', '));
  assert.equal((research.textEdit as TextEdit).newText, "{{ '/research.html' | relative_url }}");
  assert.equal(research.detail, 'Research');
  const images = await complete(lines.length - 2);
  assert.ok(images.length > 0 && images.every((item) => /^\/assets\/.*\.(?:png|jpe?g|gif|svg|webp)$/.test(item.label)), images.map((item) => item.label).join(', '));
});
