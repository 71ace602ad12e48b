// The once-per-workspace question whether the preview may load remote resources, with a stand-in for
// VS Code's workspace state (kept across "sessions" by sharing it) and for the notification's answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RemoteResources, type WorkspaceState } from '../../../client/src/preview/remoteResources';

function fakeState(): WorkspaceState & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string, defaultValue: T) => (values.has(key) ? values.get(key) as T : defaultValue),
    update: async (key: string, value: unknown) => { values.set(key, value); },
  };
}

/** A workspace whose author answers `answer`: what was asked, and how often the panels were shown again. */
function workspace(state: WorkspaceState, answer: boolean) {
  const questions: string[] = [];
  let reloads = 0;
  const remote = new RemoteResources(state, async (question) => { questions.push(question); return answer; }, () => { reloads++; });
  return { remote, questions, reloads: () => reloads };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the first page that leaves remote resources out asks once; later pages and renders do not ask again', async () => {
  const state = fakeState();
  const { remote, questions, reloads } = workspace(state, false);
  assert.equal(remote.allows(false), false);
  remote.blocked(0);
  assert.deepEqual(questions, [], 'nothing left out, nothing asked');
  remote.blocked(2);
  remote.blocked(1);
  remote.blocked(3);
  await settle();
  assert.equal(questions.length, 1);
  assert.match(questions[0], /^This site's pages load fonts or images from the internet, which the preview leaves out\. Allow them in the preview for this workspace\?/);
  assert.equal(remote.allows(false), false, '"Not now" keeps them out');
  assert.equal(reloads(), 0);
  const nextSession = workspace(state, true);
  nextSession.remote.blocked(1);
  await settle();
  assert.deepEqual(nextSession.questions, [], 'the workspace was asked already');
});

test('"Allow" lets them in for the workspace, shows the open pages again, and is remembered', async () => {
  const state = fakeState();
  const { remote, questions, reloads } = workspace(state, true);
  remote.blocked(1);
  await settle();
  assert.match(questions[0], /load a font or image from the internet/);
  assert.equal(remote.allows(false), true);
  assert.equal(reloads(), 1);
  const nextSession = workspace(state, false);
  assert.equal(nextSession.remote.allows(false), true);
  nextSession.remote.blocked(5);
  await settle();
  assert.deepEqual(nextSession.questions, []);
});

test('the allowRemoteResources setting allows them without asking the workspace', () => {
  const { remote } = workspace(fakeState(), false);
  assert.equal(remote.allows(true), true);
});
