import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { movePageUnder, planOrder, reorderPage } from '../../../server/src/features/outline-edits';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { writeTempSite } from '../../helpers/site';

const order = (values: unknown[], moved?: number) => Object.fromEntries(planOrder(values, moved));

describe('planOrder: the fewest order values changed, gaps kept', () => {
  it('takes a free number between the neighbours when there is room', () => {
    assert.deepEqual(order([10, 30, 20, 40], 1), { 1: 15 });
    assert.deepEqual(order([10, 20, 30, 5], 3), { 3: 40 }, 'to the end: the site\'s step after the last');
    assert.deepEqual(order([30, 10, 20], 0), { 0: 0 }, 'to the front: a step below the first');
  });

  it('renumbers only what it must when there is no gap', () => {
    // 1, 2, 3 with the last dragged between the first two: it alone changes, taking 1's place below 2? No room: 2 moves up.
    const changes = order([1, 3, 2], 1);
    assert.equal(Object.keys(changes).length, 1);
    const result = [1, 3, 2].map((value, i) => changes[i] ?? value);
    assert.ok(result[0] < result[1] && result[1] < result[2], JSON.stringify(result));
    assert.deepEqual(order([1, 2, 3, 4]), {}, 'already in order: nothing');
  });

  it('spreads the changed values evenly across a gap', () => {
    assert.deepEqual(order([0, 5, 5, 5, 100]), { 2: 36, 3: 68 }, '0, 5 and 100 stay');
  });

  it('gives pages without a value one, and edits the dragged page on a tie', () => {
    assert.deepEqual(order([undefined, undefined]), { 0: 1, 1: 2 });
    assert.deepEqual(order([2, 1], 0), { 0: 0 });
    assert.deepEqual(order([2, 1], 1), { 1: 3 });
  });
});

describe('moving pages in the outline', () => {
  const root = writeTempSite({
    '_config.yml': 'title: T\nheader_pages:\n  - a.md\n  - b.md\n',
    '_layouts/default.html': '{% assign kids = site.pages | where: "parent", page.section | sort: "weight" %}{% for k in kids %}{{ k.title }}{% endfor %}{{ content }}',
    'a.md': '---\nlayout: default\ntitle: A\nsection: a\n---\n',
    'b.md': '---\nlayout: default\ntitle: B\nsection: b\n---\n',
    'a/one.md': '---\nlayout: default\ntitle: One\nsection: a/one\nparent: a\nweight: 1\n---\n',
    'a/two.md': '---\nlayout: default\ntitle: Two\nsection: a/two\nparent: a\nweight: 2\n---\n',
    'a/two/deep.md': '---\nlayout: default\ntitle: Deep\nsection: a/two/deep\nparent: a/two\nweight: 1\n---\n',
    'b/x.md': '---\nlayout: default\ntitle: X\nsection: b/x\nparent: b\n---\n',
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const workspace = SiteWorkspace.open(root);
  const newTexts = (result: ReturnType<typeof movePageUnder>) => {
    assert.ok(!('error' in result), JSON.stringify(result));
    return Object.fromEntries([...result.changes].map(([file, changes]) => [file, changes.map((change) => change.newText)]));
  };

  it('reorders within a parent with one edit', () => {
    assert.deepEqual(newTexts(reorderPage(workspace, 'a/two.md', 'a/one.md')), { 'a/two.md': ['0'] });
  });

  it('moves a page with children under another parent: parent, section, weight, and the children\'s parent and section', () => {
    assert.deepEqual(newTexts(movePageUnder(workspace, 'a/two.md', 'b.md')), {
      'a/two.md': ['b', 'b/two', '2'],
      'a/two/deep.md': ['b/two/deep', 'b/two'],
    });
  });

  it('adds a missing weight after the last sibling', () => {
    const texts = newTexts(movePageUnder(workspace, 'b/x.md', 'a.md'));
    assert.deepEqual(texts['b/x.md'].slice(0, 2), ['a', 'a/x']);
    assert.equal(texts['b/x.md'][2], 'weight: 3\n');
  });

  it('refuses what the structure cannot express, saying why', () => {
    const underItself = movePageUnder(workspace, 'a.md', 'a/two/deep.md');
    assert.ok('error' in underItself && /cannot move under itself/.test(underItself.error));
    const notSibling = reorderPage(workspace, 'a/one.md', 'b/x.md');
    assert.ok('error' in notSibling && /not under the same parent/.test(notSibling.error));
  });
});
