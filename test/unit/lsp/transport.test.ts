// The server writes each message as one frame: what it writes must read back whole, in order, with
// the header's length right for text beyond ASCII (a curly quote is three bytes, an emoji four). It
// reads frames as they arrive, however the bytes are cut into chunks.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Message, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { FrameReader, FrameWriter, withJson } from '../../../server/src/lsp/transport';

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

test('params given with their JSON are written with it, and read back as the same message', async () => {
  const pipe = new PassThrough();
  const writer = new FrameWriter(pipe);
  const params = { uri: 'file:///a.md', diagnostics: [{ message: 'It’s 🙂', range: { start: { line: 1, character: 2 } } }] };
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: withJson(params, JSON.stringify(params)) } as Message;
  await writer.write(message);
  const written = String(pipe.read());
  assert.deepEqual(readChunks([Buffer.from(written)]), { messages: [message], errors: [] });
  // The JSON given is what is written (here, keys in another order than the object's).
  await writer.write({ jsonrpc: '2.0', method: 'x', params: withJson({ a: 1, b: 2 }, '{"b":2,"a":1}') } as Message);
  assert.match(String(pipe.read()), /"params":\{"b":2,"a":1\}\}$/);
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

const frame = (json: string, header = 'Content-Length'): Buffer =>
  Buffer.concat([Buffer.from(`${header}: ${Buffer.byteLength(json)}\r\n\r\n`, 'ascii'), Buffer.from(json)]);

/** What a FrameReader hands on, and the errors it reports, given these chunks of bytes. */
function readChunks(chunks: Buffer[]): { messages: unknown[]; errors: Error[] } {
  const pipe = new PassThrough();
  const reader = new FrameReader(pipe);
  const messages: unknown[] = [];
  const errors: Error[] = [];
  reader.onError((error) => errors.push(error));
  reader.listen((message) => messages.push(message));
  for (const chunk of chunks) pipe.emit('data', chunk);
  reader.dispose();
  return { messages, errors };
}

test('frames are read whole however the bytes are cut, inside a header, a body or a character', () => {
  const messages = [
    { jsonrpc: '2.0', method: 'textDocument/didChange', params: { contentChanges: [{ text: 'It’s 🙂\r\n' }] } },
    { jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { position: { line: 1, character: 2 } } },
  ];
  const bytes = Buffer.concat(messages.map((message) => frame(JSON.stringify(message))));
  for (let cut = 0; cut <= bytes.length; cut++) {
    const read = readChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.deepEqual(read, { messages, errors: [] }, `cut at byte ${cut}`);
  }
  const byteByByte = readChunks([...bytes].map((byte) => Buffer.from([byte])));
  assert.deepEqual(byteByByte, { messages, errors: [] });
});

test('the header may name its fields in any case and carry a Content-Type', () => {
  const json = '{"jsonrpc":"2.0","method":"initialized","params":{}}';
  const bytes = Buffer.from(`content-length: ${json.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${json}`);
  assert.deepEqual(readChunks([bytes]).messages, [JSON.parse(json)]);
});

test('what VS Code writes (the header, then the body in a write of its own) is read as it comes', { timeout: 10_000 }, async () => {
  const pipe = new PassThrough();
  const writer = new StreamMessageWriter(pipe);
  const reader = new FrameReader(pipe);
  const received: Message[] = [];
  reader.listen((message) => received.push(message));
  const message = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { text: '“x” 🙂' } } as unknown as Message;
  await writer.write(message);
  await writer.write(message);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(received, [message, message]);
  reader.dispose();
  writer.dispose();
});

test('a frame without a valid length, or whose body is not JSON, is reported and reading stops', () => {
  const good = frame('{"jsonrpc":"2.0","id":1,"result":null}');
  for (const bad of [
    Buffer.from('Content-Type: application/json\r\n\r\n{}'),
    Buffer.from('Content-Length: lots\r\n\r\n{}'),
    frame('{"jsonrpc":'),
    Buffer.from(`Content-Length: 2${' '.repeat(10_000)}`),
  ]) {
    const read = readChunks([good, bad, good]);
    assert.deepEqual(read.messages, [JSON.parse(good.toString().split('\r\n\r\n')[1])], bad.toString().slice(0, 40));
    assert.equal(read.errors.length, 1, bad.toString().slice(0, 40));
  }
});
