import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { menuPages, pagesByUrl, pagesByValue } from '../../../server/src/site/indexes';
import { Site } from '../../../server/src/site/site';
import { writeTempSite } from '../../helpers/site';

function twoPages(): Site {
  return Site.load(writeTempSite({
    '_config.yml': 'title: T\n',
    'a.md': '---\ntitle: A\nsection: a\n---\nText.\n',
    'b.md': '---\ntitle: B\nsection: b\n---\n',
  }));
}

test('an edit that changes no field an index reads keeps the index, and the page stays the same object', () => {
  const site = twoPages();
  const page = site.pages.get('a.md');
  const bySection = pagesByValue(site, 'section');
  const pages = menuPages(site);
  site.setFile('a.md', '---\ntitle: A, retitled\nsection: a\n---\nOther text.\n');
  assert.equal(site.pages.get('a.md'), page);
  assert.equal(page?.data.title, 'A, retitled');
  assert.equal(pagesByValue(site, 'section'), bySection);
  assert.equal(menuPages(site), pages);
  assert.notEqual(pagesByValue(site, 'title'), undefined);
});

test('an edit of a field an index reads rebuilds it', () => {
  const site = twoPages();
  const before = pagesByValue(site, 'section');
  site.setFile('a.md', '---\ntitle: A\nsection: b\n---\n');
  const after = pagesByValue(site, 'section');
  assert.notEqual(after, before);
  assert.deepEqual(after.get('b')?.map((page) => page.relPath), ['a.md', 'b.md']);
  assert.equal(after.has('a'), false);
});

test('the same value written another way counts as an edit of the field (indexes may read the source)', () => {
  const site = twoPages();
  assert.deepEqual(site.fieldEditsSince(site.version), []);
  const version = site.version;
  site.setFile('a.md', '---\ntitle: A\nsection: "a"\n---\n');
  assert.deepEqual(site.fieldEditsSince(version)?.map((fields) => [...fields]), [['section']]);
});

test('a page that comes, goes or moves, and any other file, rebuilds every index', () => {
  const site = twoPages();
  let version = site.version;
  const urls = pagesByUrl(site);
  site.setFile('a.md', '---\ntitle: A\nsection: a\npermalink: /elsewhere/\n---\n');
  assert.equal(site.fieldEditsSince(version), undefined);
  assert.notEqual(pagesByUrl(site), urls);
  assert.equal(pagesByUrl(site).get('/elsewhere/')?.relPath, 'a.md');
  for (const change of [() => site.setFile('c.md', '---\ntitle: C\n---\n'), () => site.deleteFile('c.md'), () => site.setFile('_includes/x.html', 'x')]) {
    version = site.version;
    const pages = menuPages(site);
    change();
    assert.equal(site.fieldEditsSince(version), undefined);
    assert.notEqual(menuPages(site), pages);
  }
});

test('the fields edited since a version are those of the page edits after it, until another change or too many edits', () => {
  const site = twoPages();
  const edit = fc.oneof(
    fc.record({ field: fc.constantFrom('title', 'section'), value: fc.constantFrom('x', 'y', 'z') }),
    fc.constant(undefined),
  );
  fc.assert(fc.property(fc.array(edit, { maxLength: 300 }), (edits) => {
    // What happened after each version: the fields of a page edit, or undefined for any other change.
    const history: { version: number; fields: string[] | undefined }[] = [];
    const versions = [site.version];
    for (const each of edits) {
      if (each) site.setFile('a.md', `---\ntitle: A\nsection: a\n${each.field}: ${each.value}\n---\n`);
      else site.setFile('_includes/x.html', String(history.length));
      const changed = site.fieldEditsSince(site.version - 1);
      history.push({ version: site.version, fields: changed?.[0] && [...changed[0]].sort() });
      versions.push(site.version);
    }
    for (const version of versions) {
      const after = history.filter((entry) => entry.version > version);
      const expected = after.some((entry) => entry.fields === undefined) || after.length > 256 ? undefined : after.map((entry) => entry.fields);
      assert.deepEqual(site.fieldEditsSince(version)?.map((fields) => [...fields].sort()), expected, `since ${version}`);
    }
  }), { numRuns: 20 });
});
