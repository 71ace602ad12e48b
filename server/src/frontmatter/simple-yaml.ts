import { Document, DocumentOptions, isScalar, Node, Pair, ParseOptions, Scalar, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';
import { blockScalarValue } from './block-scalar';
import { doubleQuotedValue, foldPlainLines, singleQuotedValue } from './flow-scalar';

/**
 * A reader for the plain YAML almost every front matter is: `key: value` lines, nested mappings,
 * lists (of values and of `- key: value` mappings), plain, 'single' and "double" quoted values (over
 * several lines too), `|` and `>` blocks, empty values and blank lines. It builds the yaml package's own nodes with the ranges,
 * types and values its `parseDocument` gives (read `yaml/dist/compose/`), without its lexer,
 * CST and tokens, which were most of the time and garbage of reading a site.
 *
 * Anything else (comments other than one after a `|` or `>` header, anchors, aliases, tags, flow collections, `?` keys, directives, tabs, block
 * scalars other than `|`, `>`, `|-`, `>-`, and anything it is unsure of) makes it decline the whole text,
 * and the caller parses it with the yaml package.
 */

/** A scalar tag of the yaml package's schema, as `compose-scalar.js` uses it. */
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

/** Thrown (a symbol, not an Error: no stack to capture) when the text needs the yaml package. */
const DECLINE = Symbol('decline');

const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DOT = 0x2e;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const QUESTION = 0x3f;
const PIPE = 0x7c;
const GREATER = 0x3e;

/** Characters this reader leaves to the yaml package wherever they are: tabs, control characters, line breaks other than `\n` and `\r\n`, byte-order marks. */
const UNSUPPORTED_CHARACTER = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)/;

/** Characters that cannot start a plain scalar, or start something other than one (`- `, `? `, `: ` are checked apart). */
const INDICATOR_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

export class SimpleYamlReader {
  private readonly stringTag: ScalarTag;
  /** The schema's tags a plain scalar may resolve to, in the schema's order (`findScalarTagByTest`). */
  private readonly plainTags: ScalarTag[];
  private readonly schema: Document['schema'];
  private readonly options: Document['options'];
  /** The schema warns of values two YAML versions read differently, or keys are compared by a function: left to the yaml package. */
  private readonly unsupported: boolean;

  constructor(options: DocumentOptions & SchemaOptions & ParseOptions) {
    const document = new Document(undefined, options);
    this.schema = document.schema;
    this.options = document.options;
    this.stringTag = (this.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
    this.plainTags = (this.schema.tags as unknown as (ScalarTag & { collection?: string })[]).filter((tag) => !tag.collection && tag.default && tag.test);
    this.unsupported = !!this.schema.compat || typeof this.options.uniqueKeys === 'function';
  }

  /** The document's top node as `parseDocument(yaml, options).contents` would be, or undefined when the text needs the yaml package. */
  read(yaml: string): Node | null | undefined {
    if (this.unsupported || UNSUPPORTED_CHARACTER.test(yaml)) return undefined;
    try {
      return new TextReader(yaml, this).readDocument();
    } catch (error) {
      if (error === DECLINE) return undefined;
      throw error;
    }
  }

  newMap(): YAMLMap<Scalar, Node> {
    return new YAMLMap(this.schema);
  }

  newSeq(): YAMLSeq<Node> {
    return new YAMLSeq(this.schema);
  }

  /** As `composeScalar`: the tag found by test (plain) or the string tag (quoted, block) resolves the value. */
  scalar(source: string, type: Scalar.Type, range: [number, number, number], atKey: boolean): Scalar {
    const tag = type === Scalar.PLAIN ? this.plainTagOf(source, atKey) : this.stringTag;
    let resolved: unknown;
    try {
      resolved = tag.resolve(source, decline, this.options);
    } catch {
      throw DECLINE;
    }
    const scalar = isScalar(resolved) ? resolved : new Scalar(resolved);
    scalar.range = range;
    scalar.source = source;
    scalar.type = type;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** Whether a map already has this key, when the options ask for unique keys (`mapIncludes`). */
  hasKey(map: YAMLMap<Scalar, Node>, key: Scalar): boolean {
    if (this.options.uniqueKeys === false) return false;
    return map.items.some((pair) => pair.key.value === key.value);
  }

  private plainTagOf(source: string, atKey: boolean): ScalarTag {
    for (const tag of this.plainTags) {
      if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test!.test(source)) return tag;
    }
    return this.stringTag;
  }
}

/** Whether the character after `-`, `?`, `:` or `---` makes it an indicator: a space, a line break or the end. */
function endsIndicator(code: number): boolean {
  return code === SPACE || code === LF || code === CR || Number.isNaN(code);
}

function decline(): never {
  throw DECLINE;
}

/**
 * Mappings and lists nested deeper than this are left to the yaml package, which says when nesting is too
 * deep for it (and this reader's recursion stays far from the stack's limit).
 */
const MAX_DEPTH = 100;

/** One pass over the text's lines; `pos` is the start of the next line to read. */
class TextReader {
  private pos = 0;
  /** Mappings and lists open around the one being read. */
  private depth = 0;
  /** Indentation of the line at `pos`. */
  private indent = 0;
  /** Blank lines came before the line at `pos` (the node read from it gets `spaceBefore`). */
  private blankBefore = false;

  constructor(private readonly src: string, private readonly nodes: SimpleYamlReader) {}

  readDocument(): Node | null {
    this.skipBlankLines();
    if (this.atEnd()) return null;
    // A document that is a list or starts indented is not front matter: the yaml package says what it is.
    if (this.indent > 0 || this.isSeqItem(this.pos)) decline();
    return this.readMap(0, this.pos);
  }

  /** A block mapping whose keys are at column `indent`, the first key at `keyStart` (mid-line after `- `). */
  private readMap(indent: number, keyStart: number): YAMLMap<Scalar, Node> {
    if (++this.depth > MAX_DEPTH) decline();
    const map = this.nodes.newMap();
    let start = keyStart;
    let keySpaceBefore = false;
    let end: number;
    for (;;) {
      const { contentEnd, next } = this.lineAt(start);
      const colon = this.keyColon(start, contentEnd);
      if (colon < 0 || this.src.charCodeAt(colon - 1) === SPACE) decline();
      const keySource = this.src.slice(start, colon);
      if (keySource === '<<') decline();
      const key = this.nodes.scalar(keySource, Scalar.PLAIN, [start, colon, colon], true);
      if (keySpaceBefore) key.spaceBefore = true;
      if (this.nodes.hasKey(map, key)) decline();
      let valueStart = colon + 1;
      while (this.src.charCodeAt(valueStart) === SPACE) valueStart++;
      let value: Node;
      if (valueStart < contentEnd) {
        value = this.readScalar(valueStart, contentEnd, next, indent);
      } else {
        this.moveTo(next);
        value = this.readNestedValue(indent, valueStart);
      }
      map.items.push(new Pair(key, value));
      end = value.range![2];
      if (this.atEnd() || this.indent < indent) break;
      // Deeper than the keys: a value going on over lines, or a key out of line.
      if (this.indent > indent) decline();
      if (this.isSeqItem(this.pos + indent)) decline();
      start = this.pos + indent;
      keySpaceBefore = this.blankBefore;
    }
    map.range = [keyStart, end, end];
    this.depth--;
    return map;
  }

  /** The value of a `key:` with nothing after it: a block below, a list at the key's column, or an empty scalar. */
  private readNestedValue(keyIndent: number, emptyAt: number): Node {
    const spaceBefore = this.blankBefore;
    let value: Node;
    if (!this.atEnd() && this.indent > keyIndent) {
      value = this.isSeqItem(this.pos + this.indent) ? this.readSeq(this.indent, false) : this.readMap(this.indent, this.pos + this.indent);
    } else if (!this.atEnd() && this.indent === keyIndent && this.isSeqItem(this.pos + keyIndent)) {
      value = this.readSeq(keyIndent, true);
    } else {
      const empty = this.nodes.scalar('', Scalar.PLAIN, [emptyAt, emptyAt, emptyAt], false);
      // Blank lines after an empty value are its own unless a key of its mapping follows them.
      if (spaceBefore && (this.atEnd() || this.indent < keyIndent)) {
        empty.spaceBefore = true;
        this.blankBefore = false;
      }
      return empty;
    }
    if (spaceBefore) value.spaceBefore = true;
    return value;
  }

  /** A block sequence of `- ` items at column `indent`; `underKey`: at its key's column, so a line there that is not an item ends it. */
  private readSeq(indent: number, underKey: boolean): YAMLSeq<Node> {
    if (++this.depth > MAX_DEPTH) decline();
    const seq = this.nodes.newSeq();
    const seqStart = this.pos + indent;
    let itemSpaceBefore = false;
    let end: number;
    for (;;) {
      const dash = this.pos + indent;
      const { contentEnd, next } = this.lineAt(dash);
      let itemStart = dash + 1;
      while (this.src.charCodeAt(itemStart) === SPACE) itemStart++;
      // An empty item, or one whose value starts on the next line: left to the yaml package.
      if (itemStart >= contentEnd) decline();
      let item: Node;
      const first = this.src.charCodeAt(itemStart);
      if (first !== DOUBLE_QUOTE && first !== SINGLE_QUOTE && this.keyColon(itemStart, contentEnd) >= 0) {
        item = this.readMap(itemStart - this.pos, itemStart);
      } else {
        item = this.readScalar(itemStart, contentEnd, next, indent);
      }
      if (itemSpaceBefore) item.spaceBefore = true;
      seq.items.push(item);
      end = item.range![2];
      if (this.atEnd() || this.indent < indent) break;
      if (this.indent > indent) decline();
      if (!this.isSeqItem(this.pos + indent)) {
        if (underKey) break;
        decline();
      }
      itemSpaceBefore = this.blankBefore;
    }
    seq.range = [seqStart, end, end];
    this.depth--;
    return seq;
  }

  /**
   * A plain, quoted or block scalar from `start`, going on over the lines below while they are indented
   * past `parentIndent`; its range ends after its last line's break, as the yaml package has it. Moves past it.
   */
  private readScalar(start: number, contentEnd: number, next: number, parentIndent: number): Scalar {
    const first = this.src.charCodeAt(start);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) return this.readQuoted(start, contentEnd, next, parentIndent);
    if (first === PIPE || first === GREATER) return this.readBlockScalar(start, contentEnd, next, parentIndent);
    this.checkPlainStart(start);
    let valueEnd = this.plainLineEnd(start, contentEnd);
    let end = next;
    this.moveTo(next);
    while (!this.atEnd() && this.indent > parentIndent) {
      const lineStart = this.pos + this.indent;
      const line = this.lineAt(lineStart);
      // A line below that starts like a list item, a key, a comment or a flow collection: left to the yaml package.
      const code = this.src.charCodeAt(lineStart);
      if (INDICATOR_START.has(code) || code === DASH || code === COLON || code === QUESTION) decline();
      valueEnd = this.plainLineEnd(lineStart, line.contentEnd);
      end = line.next;
      this.moveTo(line.next);
    }
    return this.nodes.scalar(foldPlainLines(this.src.slice(start, valueEnd)), Scalar.PLAIN, [start, valueEnd, end], false);
  }

  /** The end of one line of a plain scalar without its trailing spaces; declines comments and `key: value`. */
  private plainLineEnd(start: number, contentEnd: number): number {
    const src = this.src;
    let valueEnd = contentEnd;
    while (src.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
    for (let at = start + 1; at < valueEnd; at++) {
      const code = src.charCodeAt(at);
      // ` #` starts a comment; `: ` (or `:` at the end) makes a mapping: both left to the yaml package.
      if (code === HASH && src.charCodeAt(at - 1) === SPACE) decline();
      if (code === COLON && (at + 1 === valueEnd || src.charCodeAt(at + 1) === SPACE)) decline();
    }
    return valueEnd;
  }

  /** A quoted scalar: its lines below the first must be blank or indented past `parentIndent`; only spaces may follow it. */
  private readQuoted(start: number, contentEnd: number, next: number, parentIndent: number): Scalar {
    const src = this.src;
    const quote = src.charCodeAt(start);
    let at = start + 1;
    let close = -1;
    for (;;) {
      close = quote === DOUBLE_QUOTE ? this.doubleQuoteEnd(at, contentEnd) : this.singleQuoteEnd(at, contentEnd);
      if (close >= 0) break;
      if (next >= src.length) decline();
      let indent = next;
      while (src.charCodeAt(indent) === SPACE) indent++;
      const code = src.charCodeAt(indent);
      const blank = code === LF || code === CR || indent >= src.length;
      if (!blank && indent - next <= parentIndent) decline();
      at = next;
      ({ contentEnd, next } = this.lineAt(next));
    }
    for (let after = close + 1; after < contentEnd; after++) if (src.charCodeAt(after) !== SPACE) decline();
    const raw = src.slice(start, close + 1);
    const value = quote === DOUBLE_QUOTE ? doubleQuotedValue(raw) ?? decline() : singleQuotedValue(raw);
    this.moveTo(next);
    return this.nodes.scalar(value, quote === DOUBLE_QUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [start, close + 1, next], false);
  }

  /**
   * A `|` or `>` block scalar whose header is at `start`: clipped or stripped (`-`), with no indentation
   * digit, maybe a comment; its lines, indented past `parentIndent` as its first one is, end at the first
   * line indented less. Leading blank lines and lines of spaces are left to the yaml package.
   */
  private readBlockScalar(start: number, contentEnd: number, next: number, parentIndent: number): Scalar {
    const src = this.src;
    const strip = src.charCodeAt(start + 1) === DASH;
    const headerEnd = strip ? start + 2 : start + 1;
    let at = headerEnd;
    while (src.charCodeAt(at) === SPACE) at++;
    let comment = '';
    if (at < contentEnd) {
      if (src.charCodeAt(at) !== HASH || at === headerEnd) decline();
      comment = src.slice(at + 1, contentEnd);
    }
    const lines: string[] = [];
    let contentLines = 0;
    let contentIndent = -1;
    let end = next;
    for (let lineStart = next; lineStart < src.length;) {
      let text = lineStart;
      while (src.charCodeAt(text) === SPACE) text++;
      const line = this.lineAt(text);
      if (text === line.contentEnd) {
        if (text > lineStart || contentIndent < 0) decline();
        lines.push('');
      } else {
        const indent = text - lineStart;
        if (contentIndent < 0) {
          if (indent <= parentIndent) decline();
          contentIndent = indent;
        }
        if (indent < contentIndent) {
          if (indent > parentIndent) decline();
          break;
        }
        lines.push(src.slice(lineStart + contentIndent, line.contentEnd));
        contentLines = lines.length;
        end = line.next;
      }
      lineStart = line.next;
    }
    if (contentIndent < 0) decline();
    lines.length = contentLines;
    const value = blockScalarValue(lines, src.charCodeAt(start) === GREATER, strip);
    const scalar = this.nodes.scalar(value, src.charCodeAt(start) === GREATER ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, [start, end, end], false);
    if (comment) scalar.comment = comment;
    this.moveTo(end);
    return scalar;
  }

  /** Offset of the closing `"` from `at` on this line, or -1 (a `\` at the line's end escapes the line break). */
  private doubleQuoteEnd(at: number, contentEnd: number): number {
    for (; at < contentEnd; at++) {
      const code = this.src.charCodeAt(at);
      if (code === BACKSLASH) at++;
      else if (code === DOUBLE_QUOTE) return at;
    }
    return -1;
  }

  /** Offset of the closing `'` from `at` on this line, or -1 (`''` is a quote inside). */
  private singleQuoteEnd(at: number, contentEnd: number): number {
    for (; at < contentEnd; at++) {
      if (this.src.charCodeAt(at) !== SINGLE_QUOTE) continue;
      if (this.src.charCodeAt(at + 1) !== SINGLE_QUOTE) return at;
      at++;
    }
    return -1;
  }

  /**
   * Offset of the `:` ending a plain key that starts at `start` (the first `:` followed by a space or
   * the line's end), or -1 when the line is no `key:` line. Declines keys it cannot read as the yaml
   * package does: quoted, starting with an indicator, or holding a comment.
   */
  private keyColon(start: number, contentEnd: number): number {
    const src = this.src;
    const first = src.charCodeAt(start);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) decline();
    this.checkPlainStart(start);
    for (let at = start; at < contentEnd; at++) {
      const code = src.charCodeAt(at);
      if (code === COLON && (at + 1 === contentEnd || src.charCodeAt(at + 1) === SPACE)) return at === start ? decline() : at;
      if (code === HASH && at > start && src.charCodeAt(at - 1) === SPACE) decline();
    }
    return -1;
  }

  /** Declines a plain scalar that starts with an indicator: `-`, `?`, `:` only when a space or the line's end follows. */
  private checkPlainStart(start: number): void {
    const first = this.src.charCodeAt(start);
    if (INDICATOR_START.has(first)) decline();
    if (first === DASH || first === COLON || first === QUESTION) {
      if (endsIndicator(this.src.charCodeAt(start + 1))) decline();
    }
  }

  /** Whether a `- ` list item starts at `at`. */
  private isSeqItem(at: number): boolean {
    if (this.src.charCodeAt(at) !== DASH) return false;
    return endsIndicator(this.src.charCodeAt(at + 1));
  }

  /** The end of the line holding `at` without its line break, and the start of the next line. */
  private lineAt(at: number): { contentEnd: number; next: number } {
    const lf = this.src.indexOf('\n', at);
    if (lf < 0) return { contentEnd: this.src.length, next: this.src.length };
    return { contentEnd: this.src.charCodeAt(lf - 1) === CR ? lf - 1 : lf, next: lf + 1 };
  }

  private moveTo(lineStart: number): void {
    this.pos = lineStart;
    this.skipBlankLines();
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  /** From `pos`, passes lines of spaces only; sets `indent` and `blankBefore` for the line it stops at. */
  private skipBlankLines(): void {
    const src = this.src;
    this.blankBefore = false;
    for (;;) {
      let at = this.pos;
      while (src.charCodeAt(at) === SPACE) at++;
      const code = src.charCodeAt(at);
      if (at >= src.length) {
        this.pos = src.length;
        return;
      }
      if (code === LF || (code === CR && src.charCodeAt(at + 1) === LF)) {
        this.pos = at + (code === CR ? 2 : 1);
        this.blankBefore = true;
        continue;
      }
      this.indent = at - this.pos;
      // `---` or `...` at column 0 starts or ends a document.
      if (this.indent === 0 && (code === DASH || code === DOT) && src.startsWith(code === DASH ? '---' : '...', at)) {
        if (endsIndicator(src.charCodeAt(at + 3))) decline();
      }
      return;
    }
  }
}
