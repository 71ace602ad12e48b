import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import type { ServerContext, ServerFeature } from '../../../server/src/lsp/context';
import { mergeAnswers, mergeFeatures } from '../../../server/src/lsp/features';

type Handler = (...args: unknown[]) => unknown;

/** A connection that keeps one handler per request, as the real one does. */
function fakeConnection(): { connection: Connection; handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const connection = {
    onCodeLens: (handler: Handler) => handlers.set('codeLens', handler),
    onCompletion: (handler: Handler) => handlers.set('completion', handler),
    onRequest: (method: string, handler: Handler) => handlers.set(method, handler),
  } as unknown as Connection;
  return { connection, handlers };
}

const feature = (capabilities: ServerFeature['capabilities'], register: (connection: Connection) => void): ServerFeature =>
  ({ capabilities, register: (context) => register(context.connection) });

describe('features answering the same request', () => {
  it('are registered once, and their answers merged', async () => {
    const { connection, handlers } = fakeConnection();
    const merged = mergeFeatures([
      feature({ codeLensProvider: {} }, (c) => c.onCodeLens(() => [{ title: 'used by 9 pages' }] as never)),
      feature({ codeLensProvider: {} }, (c) => c.onCodeLens(async () => [{ title: 'another lens' }] as never)),
      feature({ completionProvider: { triggerCharacters: [':'] } }, (c) => c.onCompletion(() => null as never)),
      feature({ completionProvider: { triggerCharacters: ['('] } }, (c) => c.onCompletion(() => ({ isIncomplete: true, items: [{ label: 'a' }] }) as never)),
      feature({}, (c) => c.onRequest('x/y', () => 'answer')),
    ]);
    merged.register({ connection } as ServerContext);
    assert.deepEqual(await handlers.get('codeLens')!(), [{ title: 'used by 9 pages' }, { title: 'another lens' }]);
    assert.deepEqual(await handlers.get('completion')!(), { isIncomplete: true, items: [{ label: 'a' }] });
    assert.equal(await handlers.get('x/y')!(), 'answer');
    assert.deepEqual(merged.capabilities.completionProvider, { triggerCharacters: [':', '('] });
  });

  it('merge lists, completion lists, and otherwise keep the first answer', () => {
    assert.equal(mergeAnswers([null, undefined]), null);
    assert.deepEqual(mergeAnswers([[1], null, [2, 3]]), [1, 2, 3]);
    assert.deepEqual(mergeAnswers([{ isIncomplete: false, items: [1] }, [2]]), { isIncomplete: false, items: [1, 2] });
    assert.deepEqual(mergeAnswers([{ contents: 'hover' }, { contents: 'other' }]), { contents: 'hover' });
  });
});
