import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFirstFix, checkWithRule } from '../../helpers/site';

test('a stray path: overrides page.path; the fixes delete the line or rename it', () => {
  const text = '---\ntitle: Stroke\npath: Final Report. PDF\nweight: 2\n---\n';
  const [diagnostic, ...rest] = checkWithRule({ 'p.md': text }, 'p.md', 'reserved-field');
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.severity, 'warning');
  assert.equal(diagnostic.message, '`path` is a name Jekyll uses for the page itself: `page.path` is the path of the page\'s source file, which menus, "edit this page" links and `where: "path"` look up. The value here (`Final Report. PDF`) replaces it, which breaks whatever relies on it. Delete this line, or give the field another name, such as `file_path`, in this page and in the templates that read it.');
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
  assert.equal(applyFirstFix(text, diagnostic), '---\ntitle: Stroke\nweight: 2\n---\n');
  assert.equal(diagnostic.fixes[1].title, 'Rename to `file_path`');
  assert.equal(diagnostic.fixes[1].edits[0].newText, 'file_path');
});

test('url: is ignored by Jekyll, and the message says the value is lost', () => {
  const [diagnostic] = checkWithRule({ 'p.md': '---\nurl: https://example.org\n---\n' }, 'p.md', 'reserved-field');
  assert.equal(diagnostic.message, '`url` is a name Jekyll uses for the page itself: `page.url` is the address of the page, which every link and menu to it uses. Jekyll ignores the value here (`https://example.org`): templates that read `page.url` get Jekyll\'s own value, so this one is lost. Delete this line, or give the field another name, such as `link`, in this page and in the templates that read it.');
});

test('a multi-line value is deleted whole; nested keys named path are fine', () => {
  const text = '---\ncontent: |\n  One\n  Two\nresources:\n  - path: /a.pdf\n---\n';
  const diagnostics = checkWithRule({ 'p.md': text }, 'p.md', 'reserved-field');
  assert.equal(diagnostics.length, 1);
  assert.equal(applyFirstFix(text, diagnostics[0]), '---\nresources:\n  - path: /a.pdf\n---\n');
});
