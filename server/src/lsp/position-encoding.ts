import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './convert';

/** The position encodings LSP 3.17 defines; the server works in UTF-16 (the default) and converts at the edge. */
export type PositionEncoding = 'utf-8' | 'utf-16' | 'utf-32';

/** The client's most preferred encoding among those the server speaks; UTF-16 when it offers none. */
export function chooseEncoding(offered: unknown): PositionEncoding {
  const known: PositionEncoding[] = ['utf-8', 'utf-16', 'utf-32'];
  const list = Array.isArray(offered) ? offered : [];
  return (list.find((each) => known.includes(each)) as PositionEncoding | undefined) ?? 'utf-16';
}

interface Position {
  line: number;
  character: number;
}

type Direction = 'toClient' | 'fromClient';

/**
 * Converts the columns of every position in LSP messages between UTF-16 (the server's) and the
 * client's encoding. Keeps its own copy of the open documents, updated in the order the client
 * sent the changes, so that each change's range is read against the text it was made on.
 */
export class PositionConverter {
  private readonly open = new Map<string, TextDocument>();

  constructor(readonly encoding: PositionEncoding) {}

  didOpen(uri: string, text: string): void {
    this.open.set(uri, TextDocument.create(uri, '', 0, text));
  }

  didClose(uri: string): void {
    this.open.delete(uri);
  }

  /** Converts a change's range to UTF-16, then applies it to the copy of the document. */
  didChange(uri: string, changes: { range?: { start: Position; end: Position }; text: string }[]): void {
    const lines = new LineCache(this);
    for (const change of changes) {
      if (change.range) change.range = this.convert(change.range, uri, 'fromClient', lines) as typeof change.range;
      const document = this.open.get(uri);
      if (document) this.open.set(uri, TextDocument.update(document, [change], document.version + 1));
      lines.forget(uri);
    }
  }

  /** `value` with each position's column converted; `uri` names the document of positions with no `uri` of their own. */
  convert(value: unknown, uri: string | undefined, direction: Direction, lines = new LineCache(this)): unknown {
    if (Array.isArray(value)) return value.map((each) => this.convert(each, uri, direction, lines));
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (isPosition(record)) {
      const text = uri === undefined ? undefined : lines.line(uri, record.line);
      return text === undefined ? record : { line: record.line, character: convertColumn(text, record.character, this.encoding, direction) };
    }
    const here = typeof record.uri === 'string' ? record.uri
      : typeof (record.textDocument as { uri?: unknown } | undefined)?.uri === 'string' ? (record.textDocument as { uri: string }).uri : uri;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      // A WorkspaceEdit's `changes` are keyed by URI.
      out[key] = key === 'changes' && child && typeof child === 'object' && !Array.isArray(child)
        ? Object.fromEntries(Object.entries(child).map(([childUri, edits]) => [childUri, this.convert(edits, childUri, direction, lines)]))
        : this.convert(child, here, direction, lines);
    }
    return out;
  }

  /** The text of a document (the open copy, else the file), for the line cache. */
  textOf(uri: string): string | undefined {
    const document = this.open.get(uri);
    if (document) return document.getText();
    const file = uriToPath(uri);
    try {
      return file === undefined ? undefined : fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** The lines of the documents one message names, split once. */
class LineCache {
  private readonly lines = new Map<string, string[] | undefined>();

  constructor(private readonly converter: PositionConverter) {}

  line(uri: string, line: number): string | undefined {
    if (!this.lines.has(uri)) this.lines.set(uri, this.converter.textOf(uri)?.split(/\r\n|\r|\n/));
    return this.lines.get(uri)?.[line];
  }

  forget(uri: string): void {
    this.lines.delete(uri);
  }
}

function isPosition(record: Record<string, unknown>): record is Record<string, unknown> & Position {
  return typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2;
}

/** Code units of one code point in each encoding. */
function units(codePoint: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-32') return 1;
  if (encoding === 'utf-16') return codePoint > 0xffff ? 2 : 1;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** A column on `line` from UTF-16 to `encoding` (`toClient`) or back; past the line's end, the excess is kept. */
export function convertColumn(line: string, column: number, encoding: PositionEncoding, direction: Direction): number {
  const [from, to]: PositionEncoding[] = direction === 'toClient' ? ['utf-16', encoding] : [encoding, 'utf-16'];
  let source = 0;
  let target = 0;
  for (const char of line) {
    const codePoint = char.codePointAt(0)!;
    const next = source + units(codePoint, from);
    if (next > column) return target;
    source = next;
    target += units(codePoint, to);
  }
  return target + (column - source);
}
