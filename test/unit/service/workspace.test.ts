import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { JsonSchema, SCHEMA_FILE_NAME, SiteSchema } from '../../../server/src/schema/schema';
import { SiteWorkspace, WorkspaceOptions } from '../../../server/src/service/workspace';
import type { Site } from '../../../server/src/site/site';

function tempSite(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ja-workspace-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return root;
}

const COMMON: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    section: { type: 'string', unique: true },
    parent: { type: 'string', refersTo: 'section' },
    weight: { type: 'integer', uniqueWithin: 'parent' },
    resources: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', siteFile: true } } } },
  },
};

/** A schema loader that counts its calls, so tests see when the schema is read again. */
function countingLoader(): { calls: number; load: NonNullable<WorkspaceOptions['loadSchema']> } {
  const loader = {
    calls: 0,
    load: (_site: Site, _schemaPath?: string): SiteSchema => {
      loader.calls++;
      return { source: 'inferred', common: COMMON, layouts: {}, origins: {}, problems: [] };
    },
  };
  return loader;
}

function page(fields: Record<string, string | number>, body = 'Body.\n'): string {
  return `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}`;
}

const FILES: Record<string, string> = {
  '_config.yml': 'title: Test\n',
  '_layouts/default.html': '<main>{{ content }}</main>\n',
  '_includes/menu.html': '<nav></nav>\n',
  'a.md': page({ title: 'A', section: 'a' }),
  'a/x.md': page({ title: 'X', section: 'a/x', parent: 'a', weight: 1 }),
  'a/y.md': page({ title: 'Y', section: 'a/y', parent: 'a', weight: 2 }),
  'b.md': page({ title: 'B', section: 'b' }),
  'b/z.md': page({ title: 'Z', section: 'b/z', parent: 'b', weight: 1 }),
  'c.md': '---\ntitle: C\nsection: c\nresources:\n  - path: /assets/doc.pdf\n---\n',
  'u.md': page({ title: 'U', section: 'u' }),
  'assets/logo.svg': '<svg/>',
};

function open(files: Record<string, string> = FILES) {
  const loader = countingLoader();
  const root = tempSite(files);
  const workspace = SiteWorkspace.open(root, { loadSchema: loader.load });
  return { root, workspace, loader };
}

const sorted = (set: Iterable<string>) => [...set].sort();

test('a body edit re-checks the page and its parent only', () => {
  const { workspace } = open();
  const changed = workspace.updateFile('a/x.md', page({ title: 'X', section: 'a/x', parent: 'a', weight: 1 }, 'New body.\n'));
  assert.deepEqual(sorted(changed), ['a.md', 'a/x.md']);
});

test('changing a section re-checks the children of the old value and of the new one', () => {
  const { workspace } = open();
  const changed = workspace.updateFile('a.md', page({ title: 'A', section: 'b' }));
  // Old children (a/x, a/y), new children (b/z), the page already holding `b` (b.md): duplicate section.
  assert.deepEqual(sorted(changed), ['a.md', 'a/x.md', 'a/y.md', 'b.md', 'b/z.md']);
  // The index follows: a second edit starts from the new value.
  const back = workspace.updateFile('a.md', page({ title: 'A', section: 'a' }));
  assert.deepEqual(sorted(back), ['a.md', 'a/x.md', 'a/y.md', 'b.md', 'b/z.md']);
});

test('a weight moving into a sibling\'s slot re-checks that sibling (uniqueWithin the parent)', () => {
  const { workspace } = open();
  const changed = workspace.updateFile('a/y.md', page({ title: 'Y', section: 'a/y', parent: 'a', weight: 1 }));
  assert.deepEqual(sorted(changed), ['a.md', 'a/x.md', 'a/y.md']);
  // b/z has weight 1 too, but under another parent: not a dependant.
  assert.ok(!changed.has('b/z.md'));
});

test('changing the parent re-checks the old parent, the new parent and the new siblings with that weight', () => {
  const { workspace } = open();
  const changed = workspace.updateFile('a/x.md', page({ title: 'X', section: 'a/x', parent: 'b', weight: 1 }));
  assert.deepEqual(sorted(changed), ['a.md', 'a/x.md', 'b.md', 'b/z.md']);
});

test('a copied section re-checks the page that had it first', () => {
  const { workspace } = open();
  const changed = workspace.updateFile('u.md', page({ title: 'U', section: 'a/x' }));
  assert.ok(changed.has('a/x.md'));
  assert.ok(changed.has('u.md'));
  assert.ok(!changed.has('b.md'));
});

test('deleting a page re-checks its children and the config; creating it back does too', () => {
  const { root, workspace } = open();
  fs.rmSync(path.join(root, 'a.md'));
  const deleted = workspace.deleteFile('a.md');
  assert.deepEqual(sorted(deleted), ['_config.yml', 'a.md', 'a/x.md', 'a/y.md']);
  assert.equal(workspace.site.pages.has('a.md'), false);
  assert.deepEqual(workspace.diagnosticsFor('a.md'), []);

  fs.writeFileSync(path.join(root, 'a.md'), page({ title: 'A', section: 'a' }));
  const created = workspace.updateFile('a.md');
  assert.deepEqual(sorted(created), ['_config.yml', 'a.md', 'a/x.md', 'a/y.md']);
  assert.equal(workspace.site.pages.has('a.md'), true);
});

test('deleting a folder deletes every page below it', () => {
  const { root, workspace } = open();
  fs.rmSync(path.join(root, 'a'), { recursive: true });
  const changed = workspace.deleteFile('a');
  assert.ok(changed.has('a/x.md') && changed.has('a/y.md') && changed.has('a.md'));
  assert.equal(workspace.site.pages.has('a/x.md'), false);
  assert.equal(workspace.site.pages.has('a/y.md'), false);
});

test('a folder created on disk is read with everything in it', () => {
  const { root, workspace } = open();
  fs.mkdirSync(path.join(root, 'd'));
  fs.writeFileSync(path.join(root, 'd', 'one.md'), page({ title: 'One', section: 'd/one', parent: 'a', weight: 3 }));
  const changed = workspace.updateFile('d');
  assert.ok(changed.has('d/one.md'));
  assert.ok(changed.has('a.md'));
  assert.equal(workspace.site.pages.has('d/one.md'), true);
});

test('layouts, includes, the config and the schema file re-check every page and reload the schema', () => {
  const { root, workspace, loader } = open();
  const everything = ['_config.yml', 'a.md', 'a/x.md', 'a/y.md', 'b.md', 'b/z.md', 'c.md', 'u.md'];
  let calls = loader.calls;
  for (const [file, text] of [
    ['_layouts/default.html', '<div>{{ content }}</div>\n'],
    ['_includes/menu.html', '<nav>{{ page.title }}</nav>\n'],
    ['_config.yml', 'title: Changed\n'],
  ] as const) {
    fs.writeFileSync(path.join(root, file), text);
    const changed = workspace.updateFile(file);
    for (const expected of everything) assert.ok(changed.has(expected), `${file} change should re-check ${expected}`);
    assert.equal(loader.calls, calls + 1, `${file} change reloads the schema once`);
    calls = loader.calls;
  }
  fs.writeFileSync(path.join(root, SCHEMA_FILE_NAME), '{}');
  const changed = workspace.updateFile(SCHEMA_FILE_NAME);
  for (const expected of everything) assert.ok(changed.has(expected));
  assert.equal(loader.calls, calls + 1);
  // A page edit does not reload the schema.
  workspace.updateFile('u.md', page({ title: 'U2', section: 'u' }));
  assert.equal(loader.calls, calls + 1);
});

test('a page edit touches only its dependants on a large site', () => {
  const files: Record<string, string> = { '_config.yml': 'title: Big\n' };
  for (let i = 0; i < 2000; i++) files[`p/${i}.md`] = page({ title: `P${i}`, section: `p/${i}`, parent: `p/${i % 50}`, weight: i });
  const { workspace } = open(files);
  const changed = workspace.updateFile('p/7.md', page({ title: 'P7', section: 'p/7', parent: 'p/7', weight: 7 }, 'Edited.\n'));
  // The pages whose parent is p/7 (i % 50 === 7: 40 of them, p/7 itself among them, also its own parent).
  assert.equal(changed.size, 40, sorted(changed).join(' '));
  assert.ok(changed.has('p/57.md'));
  assert.ok(changed.has('p/7.md'));
});

test('a static file named by a page re-checks that page when it appears or goes', () => {
  const { root, workspace } = open();
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'assets', 'doc.pdf'), 'pdf');
  assert.deepEqual(sorted(workspace.updateFile('assets/doc.pdf')), ['_config.yml', 'assets/doc.pdf', 'c.md']);
  // Changing its contents changes nothing else.
  assert.deepEqual(sorted(workspace.updateFile('assets/doc.pdf')), ['assets/doc.pdf']);
  fs.rmSync(path.join(root, 'assets', 'doc.pdf'));
  assert.deepEqual(sorted(workspace.deleteFile('assets/doc.pdf')), ['_config.yml', 'assets/doc.pdf', 'c.md']);
});

test('editor buffers survive a config reload', () => {
  const { root, workspace } = open();
  workspace.updateFile('u.md', page({ title: 'Unsaved', section: 'u' }));
  fs.writeFileSync(path.join(root, '_config.yml'), 'title: Reloaded\n');
  workspace.updateFile('_config.yml');
  assert.equal(workspace.site.pages.get('u.md')?.data.title, 'Unsaved');
  // Reading the disk again drops the buffer.
  workspace.updateFile('u.md');
  assert.equal(workspace.site.pages.get('u.md')?.data.title, 'U');
});

test('diagnostics follow the rule settings', () => {
  const { workspace } = open();
  workspace.updateFile('u.md', '---\ntitle: Results: the first year\nsection: u\n---\n');
  const before = workspace.diagnosticsFor('u.md');
  assert.ok(before.some((d) => d.code === 'yaml-syntax'), JSON.stringify(before));
  assert.equal(before.find((d) => d.code === 'yaml-syntax')?.range.start.line, 1);
  const changed = workspace.setSettings({ 'yaml-syntax': 'off' });
  assert.ok(changed.has('u.md'));
  assert.ok(!workspace.diagnosticsFor('u.md').some((d) => d.code === 'yaml-syntax'));
  workspace.setSettings({ 'yaml-syntax': 'hint' });
  assert.equal(workspace.diagnosticsFor('u.md').find((d) => d.code === 'yaml-syntax')?.severity, 'hint');
  assert.ok(workspace.allDiagnostics().some((d) => d.file === 'u.md' && d.code === 'yaml-syntax'));
});

test('schema problems are diagnostics of the schema file; a throwing loader does not break the workspace', () => {
  const root = tempSite(FILES);
  fs.writeFileSync(path.join(root, SCHEMA_FILE_NAME), '{\n  "bad": true\n}\n');
  const workspace = SiteWorkspace.open(root, {
    loadSchema: () => ({
      source: 'file', file: SCHEMA_FILE_NAME, common: COMMON, layouts: {}, origins: {},
      problems: [{ message: 'Unknown keyword "bad".', start: 4, end: 9 }],
    }),
  });
  const problems = workspace.diagnosticsFor(SCHEMA_FILE_NAME);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } });
  assert.ok(workspace.checkedFiles().includes(SCHEMA_FILE_NAME));
  assert.ok(workspace.allDiagnostics().some((d) => d.file === SCHEMA_FILE_NAME));

  const broken = SiteWorkspace.open(root, { loadSchema: () => { throw new Error('boom'); } });
  assert.match(broken.diagnosticsFor(SCHEMA_FILE_NAME)[0].message, /boom/);
  assert.ok(Array.isArray(broken.diagnosticsFor('a.md')));
});

test('a schema path setting is passed to the loader site-relative and its changes re-check everything', () => {
  const seen: (string | undefined)[] = [];
  const root = tempSite(FILES);
  const workspace = SiteWorkspace.open(root, {
    schemaPath: 'schemas/site.json',
    loadSchema: (_site, schemaPath) => {
      seen.push(schemaPath);
      return { source: 'inferred', common: COMMON, layouts: {}, origins: {}, problems: [] };
    },
  });
  assert.deepEqual(seen, ['schemas/site.json']);
  assert.equal(workspace.schemaRelPath, 'schemas/site.json');
  assert.ok(workspace.updateFile('schemas/site.json').has('a.md'));
  assert.equal(seen.length, 2);
  workspace.setSchemaPath(undefined);
  assert.equal(seen[seen.length - 1], undefined);
  assert.equal(workspace.schemaRelPath, SCHEMA_FILE_NAME);
});

test('an edit re-checks the whole parent chain above the page, loops included', () => {
  const { workspace } = open({
    ...FILES,
    'a/x/deep.md': page({ title: 'Deep', section: 'a/x/deep', parent: 'a/x', weight: 1 }),
    'l/1.md': page({ title: 'L1', section: 'l1', parent: 'l4' }),
    'l/2.md': page({ title: 'L2', section: 'l2', parent: 'l1' }),
    'l/3.md': page({ title: 'L3', section: 'l3', parent: 'l2' }),
    'l/4.md': page({ title: 'L4', section: 'l4', parent: 'l3' }),
  });
  const deep = workspace.updateFile('a/x/deep.md', page({ title: 'Deeper', section: 'a/x/deep', parent: 'a/x', weight: 1 }));
  assert.deepEqual(sorted(deep), ['a.md', 'a/x.md', 'a/x/deep.md']);
  // Breaking a loop of four: every page of the loop reads it.
  const loop = workspace.updateFile('l/4.md', page({ title: 'L4', section: 'l4', parent: 'a' }));
  for (const member of ['l/1.md', 'l/2.md', 'l/3.md', 'l/4.md', 'a.md']) assert.ok(loop.has(member), member);
});

test('a page that comes or goes re-checks pages naming it by URL', () => {
  const { root, workspace } = open({ ...FILES, 'd.md': '---\ntitle: D\nsection: d\nresources:\n  - path: /u.html\n---\n' });
  fs.rmSync(path.join(root, 'u.md'));
  assert.ok(workspace.deleteFile('u.md').has('d.md'));
  fs.writeFileSync(path.join(root, 'u.md'), page({ title: 'U', section: 'u' }));
  assert.ok(workspace.updateFile('u.md').has('d.md'));
});

/**
 * Rules that also read site-wide conventions (the share of pages following a pattern), which any
 * edit can tip: the workspace does not promise them per edit; the server's background pass does.
 */
const CONVENTION_RULES = new Set(['section-mismatch']);

/** Diagnostics by file, as text, for comparing an incremental state with a full check. */
function byFile(diagnostics: { file: string; code: string }[]): Map<string, string> {
  const map = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (!CONVENTION_RULES.has(d.code)) map.set(d.file, [...(map.get(d.file) ?? []), JSON.stringify(d)]);
  }
  return new Map([...map].map(([file, list]) => [file, list.join('\n')]));
}

test('re-checking only the returned files gives what a full check gives (example site, real rules)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ja-workspace-oracle-'));
  fs.cpSync(path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'example-site'), root, { recursive: true });
  const workspace = SiteWorkspace.open(root);
  const state = byFile(workspace.allDiagnostics());
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
  const apply = (what: string, changed: Set<string>) => {
    for (const file of changed) {
      const text = byFile(workspace.diagnosticsFor(file)).get(file);
      if (text === undefined) state.delete(file);
      else state.set(file, text);
    }
    const full = byFile(workspace.allDiagnostics());
    for (const file of new Set([...state.keys(), ...full.keys()])) {
      assert.equal(state.get(file), full.get(file), `after ${what}: ${file} is stale`);
    }
  };
  const edit = (rel: string, from: string, to: string) => {
    const text = read(rel);
    assert.ok(text.includes(from), `${rel} has ${from}`);
    apply(`${rel}: ${from} → ${to}`, workspace.updateFile(rel, text.replace(from, to)));
  };
  edit('research.md', 'section: research', 'section: studies');
  edit('research.md', 'section: research', 'section: research');
  edit('research/air-quality.md', 'weight: 1', 'weight: 2');
  edit('research/air-quality.md', 'parent: research', 'parent: people');
  edit('research/air-quality.md', 'parent: research', 'parent: nowhere');
  edit('about/contact.md', 'section: about/contact', 'section: research/heart-health');
  edit('people.md', 'section: people', 'section: about');
  edit('broken/unknown-layout.md', 'layout: section-hom', 'layout: section-home');
  edit('about.md', 'section: about', 'section: about\nparent: about/contact');
  edit('research/heart-health.md', 'parent: research\n', '');
  edit('research/air-quality.md', 'section: research/air-quality', 'section: research/air');
  edit('research/air-quality.md', 'section: research/air-quality', 'section: research/air-quality');
  edit('research.md', 'title: Research', 'title: Research: broken YAML');
  edit('research.md', 'title: Research', 'title: Research');
  const gone = read('research.md');
  fs.rmSync(path.join(root, 'research.md'));
  apply('deleting research.md', workspace.deleteFile('research.md'));
  fs.writeFileSync(path.join(root, 'research.md'), gone);
  apply('creating research.md', workspace.updateFile('research.md'));
  fs.rmSync(path.join(root, 'assets', 'reports', 'air-quality-report.pdf'));
  apply('deleting a report', workspace.deleteFile('assets/reports/air-quality-report.pdf'));
  fs.rmSync(path.join(root, 'impact.md'));
  apply('deleting a page named in _config.yml', workspace.deleteFile('impact.md'));
});
