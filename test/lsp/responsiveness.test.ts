import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { writeTempSite } from '../helpers/site';
import { TestClient, withTimeout } from './lsp-client';

let client: TestClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const checkedLog = (c: TestClient) => c.logs.find((log) => /^Checked .* files? in/.test(log.message));

/** A site of `count` pages under `pages/`, each with a section, a parent and a weight. */
function manyPages(count: number): string {
  const files: Record<string, string> = {
    '_config.yml': 'title: Many\n',
    '_layouts/default.html': '<nav>{% for p in site.pages %}{% if p.parent == page.section %}{{ p.title }}{% endif %}{% endfor %}</nav>\n{{ content }}\n',
    'index.md': '---\nlayout: default\ntitle: Home\nsection: home\n---\nHome.\n',
  };
  for (let i = 0; i < count; i++) {
    files[`pages/page-${i}.md`] = `---\nlayout: default\ntitle: Page ${i}\nsection: pages/page-${i}\nparent: home\nweight: ${i}\n---\nText of page ${i}.\n`;
  }
  return writeTempSite(files);
}

test('a request sent during the first whole-site check is answered before that check ends', async () => {
  client = await TestClient.start(manyPages(2000));
  const c = client;
  await c.waitFor(() => c.logs.find((log) => /^Indexed /.test(log.message)), 'the site to be read');
  assert.equal(checkedLog(c), undefined, 'the check of 2 000 pages is still running');
  const hover = await withTimeout(c.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: c.uri('pages/page-7.md') }, position: { line: 2, character: 1 },
  }), 'the hover');
  assert.ok(hover, 'the hover has an answer');
  assert.equal(checkedLog(c), undefined, 'the hover was answered while the check went on');
  await c.waitFor(() => checkedLog(c), 'the whole-site check to end');
});

test('a folder with nothing to check still has its check reported done', async () => {
  client = await TestClient.start(writeTempSite({ 'notes.txt': 'Not a page.\n' }));
  const c = client;
  const checked = await c.waitFor(() => checkedLog(c), 'the whole-site check to end');
  assert.match(checked.message, /: 0 files in/);
});
