import {
  AbstractMessageReader, AbstractMessageWriter, DataCallback, Disposable, Message, MessageReader, MessageWriter,
  StreamMessageReader,
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

/**
 * The server's end of stdio, between the bytes and the connection: a message it cannot frame ends
 * the process with a message saying so (the client starts a new server) instead of a silent
 * server; requests after `shutdown` are refused; positions are converted to and from the encoding
 * negotiated with the client (`general.positionEncodings`).
 */
export function stdioTransport(onFatal: (message: string) => void): { reader: MessageReader; writer: MessageWriter } {
  const writer = new ConvertingWriter(new FrameWriter(process.stdout));
  const reader = new FilteringReader(new StreamMessageReader(process.stdin), writer);
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
      const json = JSON.stringify(message);
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
