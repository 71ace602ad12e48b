// The server writes each message as one frame: what it writes must read back whole, in order, with
// the header's length right for text beyond ASCII (a curly quote is three bytes, an emoji four).
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Message, StreamMessageReader } from 'vscode-languageserver/node';
import { FrameWriter } from '../../../server/src/lsp/transport';

test('messages written as single frames are read back whole and in order, whatever their characters', { timeout: 10_000 }, async () => {
  const pipe = new PassThrough();
  const writer = new FrameWriter(pipe);
  const reader = new StreamMessageReader(pipe);
  const received: Message[] = [];
  const all = new Promise<void>((resolve) => {
    reader.listen((message) => {
      received.push(message);
      if (received.length === 3) resolve();
    });
  });
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [{ message: 'It’s “quoted” 🙂' }] } },
    { jsonrpc: '2.0', id: 1, result: null },
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x'.repeat(100_000) } },
  ] as unknown as Message[];
  await Promise.all(messages.map((message) => writer.write(message)));
  await all;
  assert.deepEqual(received, messages);
  reader.dispose();
  writer.dispose();
});

test('a message that cannot be written as JSON is refused with an error, and the next one still goes', async () => {
  const pipe = new PassThrough();
  const writer = new FrameWriter(pipe);
  const errors: unknown[] = [];
  writer.onError(([error]) => errors.push(error));
  const circular: Record<string, unknown> = { jsonrpc: '2.0', method: 'x' };
  circular.params = circular;
  await assert.rejects(writer.write(circular as unknown as Message));
  assert.equal(errors.length, 1);
  await writer.write({ jsonrpc: '2.0', id: 2, result: 'ok' } as Message);
  assert.match(String(pipe.read()), /^Content-Length: \d+\r\n\r\n\{"jsonrpc":"2.0","id":2,"result":"ok"\}$/);
});
