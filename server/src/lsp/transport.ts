import {
  AbstractMessageReader, AbstractMessageWriter, DataCallback, Disposable, Message, MessageReader, MessageWriter,
} from 'vscode-languageserver/node';
import { chooseEncoding, PositionConverter, PositionEncoding } from './position-encoding';

interface RawMessage {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

const INVALID_REQUEST = -32600;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** A header longer than this with no blank line after it is not LSP: the reader stops instead of buffering forever. */
const MAX_HEADER_BYTES = 8192;
const NO_BYTES = Buffer.alloc(0);
/** Params whose JSON their sender made already (to compare diagnostics with the last ones sent): written as they are. */
const paramsJson = new WeakMap<object, string>();

/** `params`, to be written as `json` (which must be its JSON) by the frame writer, instead of being serialised again. */
export function withJson<T extends object>(params: T, json: string): T {
  paramsJson.set(params, json);
  return params;
}

/** A message's JSON, with the JSON of its params when their sender gave it (a converted copy has none). */
function messageJson(message: Message): string {
  const raw = message as RawMessage;
  const params = raw.id === undefined && raw.params !== null && typeof raw.params === 'object' ? paramsJson.get(raw.params) : undefined;
  if (params === undefined) return JSON.stringify(message);
  return `{"jsonrpc":${JSON.stringify(raw.jsonrpc)},"method":${JSON.stringify(raw.method)},"params":${params}}`;
}

/**
 * The server's end of stdio, between the bytes and the connection: a message it cannot frame ends
 * the process with a message saying so (the client starts a new server) instead of a silent
 * server; requests after `shutdown` are refused; positions are converted to and from the encoding
 * negotiated with the client (`general.positionEncodings`).
 */
export function stdioTransport(onFatal: (message: string) => void): { reader: MessageReader; writer: MessageWriter } {
  const writer = new ConvertingWriter(new FrameWriter(process.stdout));
  const reader = new FilteringReader(new FrameReader(process.stdin), writer);
  reader.onError((error) => onFatal(`The editor sent a message the server cannot read (${error.message.split('\n')[0]}). The server stops; the editor starts a new one.`));
  return { reader, writer };
}

class ConvertingWriter extends AbstractMessageWriter implements MessageWriter {
  converter: PositionConverter | undefined;
  negotiated: PositionEncoding | undefined;
  initializeId: RawMessage['id'];
  /** The document each pending request is about, for the positions of its answer. */
  readonly requestUris = new Map<RawMessage['id'], string>();

  constructor(private readonly inner: MessageWriter) {
    super();
    inner.onError((error) => this.fireError(error[0], error[1], error[2]));
    inner.onClose(() => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const raw = message as RawMessage;
    if (raw.id !== undefined && raw.method === undefined) {
      if (raw.id === this.initializeId && this.negotiated && raw.result) {
        const result = raw.result as { capabilities?: Record<string, unknown> };
        result.capabilities = { ...result.capabilities, positionEncoding: this.negotiated };
      } else if (this.converter && raw.result !== undefined) {
        raw.result = this.converter.convert(raw.result, this.requestUris.get(raw.id), 'toClient');
      }
      this.requestUris.delete(raw.id);
    } else if (this.converter && raw.params !== undefined) {
      raw.params = this.converter.convert(raw.params, undefined, 'toClient');
    }
    return this.inner.write(message);
  }

  end(): void {
    this.inner.end();
  }
}

/**
 * Writes each message as one frame (header and JSON in one buffer, one write): the library's writer
 * writes the header, waits for it to be flushed, then writes the JSON, two system calls and a turn of
 * the event loop per message, on the path of every keystroke's diagnostics.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      const json = messageJson(message);
      const length = Buffer.byteLength(json, 'utf8');
      const header = `Content-Length: ${length}\r\n\r\n`;
      frame = Buffer.allocUnsafe(header.length + length);
      frame.write(header, 0, 'ascii');
      frame.write(json, header.length, 'utf8');
    } catch (error) {
      return this.failed(error, message);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(frame, (error?: Error | null) => (error ? this.failed(error, message).catch(reject) : resolve()));
    });
  }

  end(): void {
    this.stream.end();
  }

  private failed(error: unknown, message: Message): Promise<never> {
    this.errorCount++;
    this.fireError(error, message, this.errorCount);
    return Promise.reject(error);
  }
}

/**
 * Reads frames (`Content-Length` header, blank line, JSON) as the bytes arrive and hands each message
 * on at once. The library's reader queues each message behind a semaphore that waits for a turn of the
 * event loop, then two promises, before the connection even sees it: on the path of every keystroke.
 */
export class FrameReader extends AbstractMessageReader implements MessageReader {
  /** Bytes received and not yet read, in arrival order (merged only when a header or body needs them whole). */
  private parts: Buffer[] = [];
  private size = 0;
  /** The length of the body being read, once its header has been; -1 while reading a header. */
  private bodyLength = -1;
  private failed = false;

  constructor(private readonly stream: NodeJS.ReadableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.read(chunk, callback);
    this.stream.on('data', onData);
    return Disposable.create(() => this.stream.off('data', onData));
  }

  private read(chunk: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    this.parts.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.bodyLength < 0) {
        const buffer = this.merged();
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) this.fail(new Error('A message header has no end (no blank line after it).'));
          return;
        }
        const length = contentLength(buffer.toString('ascii', 0, end));
        if (length === undefined) {
          this.fail(new Error(`A message header has no valid Content-Length: ${JSON.stringify(buffer.toString('ascii', 0, Math.min(end, 200)))}`));
          return;
        }
        this.bodyLength = length;
        this.keep(buffer.subarray(end + HEADER_END.length));
      }
      if (this.size < this.bodyLength) return;
      const buffer = this.merged();
      const body = buffer.toString('utf8', 0, this.bodyLength);
      this.keep(buffer.subarray(this.bodyLength));
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(body) as Message;
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      try {
        callback(message);
      } catch (error) {
        // A handler's failure goes to the process's handler; the messages after it are still read.
        setImmediate(() => this.read(NO_BYTES, callback));
        throw error;
      }
    }
  }

  private merged(): Buffer {
    if (this.parts.length > 1) this.parts = [Buffer.concat(this.parts, this.size)];
    return this.parts[0] ?? NO_BYTES;
  }

  private keep(rest: Buffer): void {
    this.parts = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
  }

  /** What cannot be framed cannot be resynchronised: stop reading and say why. */
  private fail(error: Error): void {
    this.failed = true;
    this.parts = [];
    this.size = 0;
    this.fireError(error);
  }
}

/** The `Content-Length` of a frame's header lines, or undefined when it has none or a malformed one. */
function contentLength(header: string): number | undefined {
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  }
  return undefined;
}

class FilteringReader extends AbstractMessageReader implements MessageReader {
  private shutDown = false;

  constructor(private readonly inner: MessageReader, private readonly writer: ConvertingWriter) {
    super();
    inner.onError((error) => this.fireError(error));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const raw = message as RawMessage;
      const isRequest = raw.method !== undefined && raw.id !== undefined;
      if (isRequest && this.shutDown) {
        void this.writer.write({ jsonrpc: '2.0', id: raw.id, error: { code: INVALID_REQUEST, message: 'The server is shutting down: it answers no more requests.' } } as Message);
        return;
      }
      if (raw.method === 'shutdown') this.shutDown = true;
      if (raw.method === 'initialize') this.negotiate(raw);
      else if (this.writer.converter && raw.params) this.convertIncoming(raw, this.writer.converter);
      callback(message);
    });
  }

  /** Picks the client's encoding; the answer to `initialize` names it when the client offered any. */
  private negotiate(raw: RawMessage): void {
    const offered = (raw.params as { capabilities?: { general?: { positionEncodings?: unknown } } } | undefined)?.capabilities?.general?.positionEncodings;
    if (offered === undefined) return;
    const encoding = chooseEncoding(offered);
    this.writer.initializeId = raw.id;
    this.writer.negotiated = encoding;
    this.writer.converter = encoding === 'utf-16' ? undefined : new PositionConverter(encoding);
  }

  private convertIncoming(raw: RawMessage, converter: PositionConverter): void {
    const params = raw.params as { textDocument?: { uri?: string; text?: string }; contentChanges?: { text: string }[] };
    const uri = params.textDocument?.uri;
    if (raw.method === 'textDocument/didOpen' && uri !== undefined) converter.didOpen(uri, params.textDocument?.text ?? '');
    else if (raw.method === 'textDocument/didClose' && uri !== undefined) converter.didClose(uri);
    else if (raw.method === 'textDocument/didChange' && uri !== undefined) converter.didChange(uri, params.contentChanges ?? []);
    else raw.params = converter.convert(raw.params, uri, 'fromClient');
    if (raw.id !== undefined && uri !== undefined) this.writer.requestUris.set(raw.id, uri);
  }
}
