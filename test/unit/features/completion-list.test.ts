// Completing a page's `parent` on a site of many sections: the list is cut to the best ones and says
// so (`isIncomplete`), so that the editor asks again as the author types and the list narrows; the
// sections are sorted once and kept, yet a section an edit adds or removes shows at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, MAX_ITEMS } from '../../../server/src/features/completion';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { writeTempSite } from '../../helpers/site';

const TOPICS = 150;

function siteWithTopics(): SiteWorkspace {
  const files: Record<string, string> = {
    '_config.yml': 'title: Topics\n',
    '_layouts/default.html': '{% assign kids = site.pages | where: "parent", page.section %}{% for k in kids %}{{ k.title }}{% endfor %}{{ content }}',
    'index.md': '---\nlayout: default\ntitle: Home\nsection: home\n---\n',
    'new.md': '---\nlayout: default\ntitle: New\nsection: new\nparent: \n---\n',
  };
  for (let i = 0; i < TOPICS; i++) {
    const id = String(i).padStart(3, '0');
    files[`topics/topic-${id}.md`] = `---\nlayout: default\ntitle: Topic ${id}\nsection: topic-${id}\nparent: home\n---\n`;
  }
  return SiteWorkspace.open(writeTempSite(files));
}

/** The page's text with `typed` after `parent: `, and the completion list at its end. */
function completeParent(workspace: SiteWorkspace, typed: string) {
  workspace.updateFile('new.md', `---\nlayout: default\ntitle: New\nsection: new\nparent: ${typed}\n---\n`);
  return completionsAt(workspace, 'new.md', { line: 4, character: 'parent: '.length + typed.length })!;
}

test('a long list of sections is cut and marked incomplete, and narrows to a complete list as the author types', () => {
  const workspace = siteWithTopics();
  const all = completeParent(workspace, '');
  assert.equal(all.items.length, MAX_ITEMS);
  assert.equal(all.incomplete, true, 'more sections than were sent: the editor must ask again');

  const narrowed = completeParent(workspace, 'topic-1');
  assert.equal(narrowed.incomplete, false);
  assert.deepEqual(narrowed.items.map((item) => item.label).sort(),
    Array.from({ length: 50 }, (_, i) => `topic-${100 + i}`), 'every section with what was typed, and only those');

  const one = completeParent(workspace, 'topic-042');
  assert.deepEqual(one.items.map((item) => item.label), ['topic-042']);
  assert.equal(one.items[0].detail, 'Topic 042', "the section's page title");
});

test('a section added or removed by an edit is offered, or no longer, at the next completion', () => {
  const workspace = siteWithTopics();
  assert.deepEqual(completeParent(workspace, 'extra').items, []);
  workspace.updateFile('topics/topic-007.md', '---\nlayout: default\ntitle: Extra\nsection: extra-topic\nparent: home\n---\n');
  assert.deepEqual(completeParent(workspace, 'extra').items.map((item) => item.label), ['extra-topic']);
  assert.deepEqual(completeParent(workspace, 'topic-007').items, [], 'the section the page no longer has');
  workspace.deleteFile('topics/topic-007.md');
  assert.deepEqual(completeParent(workspace, 'extra').items, []);
});
