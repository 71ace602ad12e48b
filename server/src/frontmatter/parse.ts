import {
  Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseDocument, Scalar, visit, YAMLError, YAMLMap, YAMLSeq,
} from 'yaml';
import { indentQuotedContinuations } from './quoted-lines';
import { PsychScalar, tokenizePlainScalar } from './psych';
import { SimpleYamlReader } from './simple-yaml';

/**
 * Where Jekyll finds front matter in a file: the first line is `---` (trailing blanks allowed)
 * and it ends at the next line that is `---` or `...`. Offsets index the text as given
 * (a leading byte-order mark is skipped, not removed, so editor positions stay right).
 */
export interface FrontMatterBlock {
  /** The file opens with a `---` line, so Jekyll treats it as a page and not a static file. */
  present: boolean;
  /** A closing `---`/`...` line was found. */
  closed: boolean;
  /** Offset of the opening `---`. */
  openStart: number;
  /** Offsets of the YAML text between the fences. */
  yamlStart: number;
  yamlEnd: number;
  /** Offset where the page body begins (after the closing line). */
  bodyStart: number;
}

const OPENING = /^---[ \t\f\v]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t\f\v]*$/;

export function findFrontMatter(text: string): FrontMatterBlock {
  const openStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opening = OPENING.exec(text.slice(openStart, openStart + 256));
  if (!opening) {
    return { present: false, closed: false, openStart, yamlStart: openStart, yamlEnd: openStart, bodyStart: openStart };
  }
  const yamlStart = openStart + opening[0].length;
  let lineStart = yamlStart;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (CLOSING.test(line)) {
      const bodyStart = lineEnd < text.length ? lineEnd + 1 : lineEnd;
      return { present: true, closed: true, openStart, yamlStart, yamlEnd: lineStart, bodyStart };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  return { present: true, closed: false, openStart, yamlStart, yamlEnd: text.length, bodyStart: text.length };
}

export type YamlProblemKind = 'syntax' | 'alias-limit' | 'too-deep' | 'not-a-mapping';

const TOO_DEEP = 'The values are nested too deeply (lists or fields inside each other hundreds of levels down) for YAML to read.';

/** A problem reading the YAML, as offsets in the whole document text. */
export interface YamlProblem {
  kind: YamlProblemKind;
  /** The yaml package's error code, for syntax problems. */
  code?: string;
  message: string;
  start: number;
  end: number;
}

/** Nodes an alias may expand to before the front matter counts as an alias bomb. */
export const ALIAS_EXPANSION_LIMIT = 10_000;

/** A YAML text read the way Psych reads it, with positions in the enclosing document. */
export interface ParsedYaml {
  /**
   * The document's top node (node ranges are relative to `start`). The parsed document around it (its
   * schema, options, directives) is not kept: a site holds one per page.
   */
  readonly contents?: Node;
  /** Offset of the YAML text in the enclosing document. */
  start: number;
  /** The top-level mapping, when the YAML is one. */
  readonly root?: YAMLMap;
  /**
   * The values as Jekyll sees them. Psych refuses the whole text on any syntax error
   * (Jekyll then builds a page with no front matter at all): so `{}` when `problems` is not empty.
   */
  data: Record<string, unknown>;
  problems: YamlProblem[];
  /** The whole document's value as Psych reads it, also when it is a list or a scalar (`_data/` files); undefined on a problem. */
  value?: unknown;
  /** What Psych makes of a scalar node, for type checks (worked out when asked: a site holds thousands). */
  scalarOf(node: Node): PsychScalar | undefined;
  /** Absolute [start, end) offsets of a node's value in the document text. */
  offsetsOf(node: Node): [number, number];
  /**
   * Drops the tree (`contents`, `root`): the next read parses the same text again. Values and problems
   * stay. For a reader of a whole site that needs each tree once (see `Site`'s `lean`).
   */
  releaseTree(): void;
}

export interface ParsedFrontMatter extends ParsedYaml {
  block: FrontMatterBlock;
}

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const block = findFrontMatter(text);
  // Unclosed front matter is no front matter to Jekyll: the whole file becomes the page's text.
  const parsed: ParsedYaml = !block.present || !block.closed ? emptyYaml(block.yamlStart) : parseYamlSection(text, block.yamlStart, block.yamlEnd);
  return Object.assign(parsed, { block });
}

/**
 * `previous`'s parse when `text` has the same front matter at the same place (an edit of the body
 * only): its nodes and offsets still hold, and the YAML need not be read again on every keystroke.
 */
export function unchangedFrontMatter(previous: { text: string; frontMatter: ParsedFrontMatter } | undefined, text: string): ParsedFrontMatter | undefined {
  if (!previous) return undefined;
  const before = previous.frontMatter.block;
  if (!before.present || !before.closed) return undefined;
  const block = findFrontMatter(text);
  const same = block.present && block.closed && block.openStart === before.openStart && block.yamlStart === before.yamlStart
    && block.yamlEnd === before.yamlEnd && block.bodyStart === before.bodyStart
    && text.slice(0, block.bodyStart) === previous.text.slice(0, before.bodyStart);
  return same ? previous.frontMatter : undefined;
}

function emptyYaml(start: number): ParsedYaml {
  return { start, data: {}, problems: [], scalarOf: () => undefined, offsetsOf: () => [start, start], releaseTree: () => undefined };
}

/**
 * Where the stack overflows on deep nesting (the parse, several of its steps, or the conversion after it)
 * depends on how much the engine has optimised: the author is told once.
 */
function tooDeepAlready(result: ParsedYaml): boolean {
  return result.problems.some((problem) => problem.kind === 'too-deep');
}

/** Parses `text.slice(start, end)` as one YAML 1.1 document, the way Jekyll's Psych does. */
export function parseYamlSection(text: string, start: number, end: number, readTree = readYamlTree): ParsedYaml {
  const { contents: tree, errors, document, toOriginal } = readTree(text.slice(start, end));
  const result = new YamlSection(text, start, end, toOriginal, tree, readTree);
  const contents = tree ?? undefined;
  const offsetsOf = result.offsetsOf;
  for (const error of errors) {
    // The yaml package turns its own stack overflow on very deep nesting into an error.
    const tooDeep = /Maximum call stack/.test(error.message);
    if (tooDeep && tooDeepAlready(result)) continue;
    result.problems.push({
      kind: tooDeep ? 'too-deep' : 'syntax', code: error.code, message: tooDeep ? TOO_DEEP : error.message.split('\n')[0],
      start: start + error.pos[0], end: start + error.pos[1],
    });
  }

  const converter = new PsychConverter(document);
  let value: unknown;
  try {
    value = contents ? converter.convert(contents) : null;
  } catch (error) {
    if (error instanceof AliasLimitError) {
      const [problemStart, problemEnd] = offsetsOf(error.node);
      result.problems.push({
        kind: 'alias-limit', start: problemStart, end: problemEnd,
        message: `Aliases here expand to more than ${ALIAS_EXPANSION_LIMIT} values, which looks like an alias bomb.`,
      });
      return result;
    }
    if (!(error instanceof RangeError)) throw error;
    if (!tooDeepAlready(result)) result.problems.push({ kind: 'too-deep', start, end: Math.min(end, start + 1), message: TOO_DEEP });
    return result;
  }
  if (result.problems.length > 0) return result;
  result.value = value;
  if (value !== null && (typeof value !== 'object' || Array.isArray(value) || value instanceof Date)) {
    const [problemStart, problemEnd] = contents ? offsetsOf(contents) : [start, end];
    result.problems.push({ kind: 'not-a-mapping', start: problemStart, end: problemEnd, message: 'The YAML is not a list of `name: value` fields.' });
    return result;
  }
  result.data = (value as Record<string, unknown> | null) ?? {};
  return result;
}

/** A parsed YAML section whose tree can be dropped and parsed again from the same text. */
class YamlSection implements ParsedYaml {
  data: Record<string, unknown> = {};
  problems: YamlProblem[] = [];
  value?: unknown;

  constructor(
    private readonly text: string, readonly start: number, private readonly end: number,
    private readonly toOriginal: (offset: number) => number,
    /** null: no document; undefined: released. */
    private tree: Node | null | undefined,
    private readonly readTree: (yaml: string) => YamlTree,
  ) {}

  get contents(): Node | undefined {
    if (this.tree === undefined) this.tree = this.readTree(this.text.slice(this.start, this.end)).contents;
    return this.tree ?? undefined;
  }

  get root(): YAMLMap | undefined {
    const contents = this.contents;
    return isMap(contents) ? contents : undefined;
  }

  // Arrow functions: rules take them out of the object (`const { offsetsOf } = page.frontMatter`).
  readonly scalarOf = (node: Node): PsychScalar | undefined => (isScalar(node) ? psychScalarOf(node) : undefined);

  readonly offsetsOf = (node: Node): [number, number] => {
    const range = node.range ?? [0, 0, 0];
    return [this.start + this.toOriginal(range[0]), this.start + this.toOriginal(range[1])];
  };

  releaseTree(): void {
    this.tree = undefined;
  }
}

/** How the yaml package reads front matter: Psych's YAML 1.1, every value a string (Psych's types come from `psychScalarOf`). */
export const PARSE_OPTIONS = { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false, strict: false } as const;

const simpleReader = new SimpleYamlReader(PARSE_OPTIONS);

/** A YAML text's top node, with its errors and the map from the parsed text's offsets to the author's. */
export interface YamlTree {
  contents: Node | null;
  errors: YAMLError[];
  /** The yaml package's document, for aliases; none when the simple reader read the text (it has none). */
  document?: Document.Parsed;
  toOriginal: (offset: number) => number;
}

/** The simple reader's tree when it can read the text (most front matter), the yaml package's otherwise. */
function readYamlTree(yaml: string): YamlTree {
  const simple = simpleReader.read(yaml);
  return simple === undefined ? yamlPackageTree(yaml) : { contents: simple, errors: [], toOriginal: unchanged };
}

/** The YAML parsed by the yaml package as libyaml reads it (`parseYamlSection`'s `readTree` for a test to compare). */
export function yamlPackageTree(yaml: string): YamlTree {
  let document = parseDocument(yaml, PARSE_OPTIONS);
  let toOriginal = unchanged;
  if (document.errors.length > 0) {
    const indented = indentQuotedContinuations(yaml);
    const retried = indented && parseDocument(indented.text, PARSE_OPTIONS);
    if (retried && retried.errors.length === 0) {
      document = retried;
      toOriginal = indented.toOriginal;
    }
  }
  return { contents: document.contents ?? null, errors: document.errors, document, toOriginal };
}

const unchanged = (offset: number): number => offset;

class AliasLimitError extends Error {
  constructor(readonly node: Node) {
    super('alias limit');
  }
}

const CORE_TAG = 'tag:yaml.org,2002:';

/** Turns the YAML tree into the values Psych would give Jekyll, bounding alias expansion. */
class PsychConverter {
  private expanded = 0;

  constructor(private readonly document: Document.Parsed | undefined) {}

  convert(node: unknown, viaAlias = false): unknown {
    if (viaAlias && ++this.expanded > ALIAS_EXPANSION_LIMIT) throw new AliasLimitError(node as Node);
    if (isAlias(node)) return this.convertAlias(node);
    if (isScalar(node)) return this.convertScalar(node);
    if (isMap(node)) return this.convertMap(node, viaAlias);
    if (isSeq(node)) return this.convertSeq(node, viaAlias);
    return null;
  }

  private convertAlias(alias: Alias): unknown {
    const target = this.document && alias.resolve(this.document);
    if (!target) return null;
    return this.convert(target, true);
  }

  private convertScalar(node: Scalar): unknown {
    return psychScalarOf(node).value;
  }

  /** As Psych's `revive_hash`: a `<<` merges in place (`merge!`), so keys after it win and keys before it lose. */
  private convertMap(node: YAMLMap, viaAlias: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key === null ? '' : keyText(pair.key as Node, (n) => this.convert(n, viaAlias));
      if (key === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        const merge = this.convert(pair.value, viaAlias);
        // A list of maps merges with the earlier maps winning (`reverse_each { merge! }`).
        for (const source of Array.isArray(merge) ? [...merge].reverse() : [merge]) {
          if (source && typeof source === 'object' && !Array.isArray(source) && !(source instanceof Date)) Object.assign(out, source);
        }
        continue;
      }
      // Psych keeps the last of duplicate keys; the duplicate-key rule reports them.
      out[key] = pair.value === null ? null : this.convert(pair.value, viaAlias);
    }
    return out;
  }

  private convertSeq(node: YAMLSeq, viaAlias: boolean): unknown[] {
    return node.items.map((item) => this.convert(item, viaAlias));
  }
}

/** What Psych makes of a scalar: tagged `!!str` or quoted is text; plain (or with a core tag) is read as Psych reads plain scalars. */
function psychScalarOf(node: Scalar): PsychScalar {
  const text = String(node.value ?? '');
  if (node.tag === `${CORE_TAG}str`) return { kind: 'string', value: text };
  if (node.type === 'PLAIN' || (node.tag && node.tag.startsWith(CORE_TAG))) return tokenizePlainScalar(text);
  return { kind: 'string', value: text };
}

/** Jekyll's data keys are whatever Psych reads; for plain keys that is the text itself in all real cases. */
function keyText(key: Node, convert: (node: Node) => unknown): string {
  if (isScalar(key)) return String(key.value ?? '');
  const value = convert(key);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The first plain value starting with `:` (`permalink: :title`), which Psych 4 reads as a Ruby symbol. */
export function firstRubySymbol(parsed: ParsedYaml): Scalar | undefined {
  if (!parsed.contents) return undefined;
  let found: Scalar | undefined;
  visit(parsed.contents, {
    Scalar(_, node) {
      if (node.type !== 'PLAIN' || !/^:./.test(String(node.value ?? ''))) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** The top-level `key: value` pairs of a front matter, with the key's name. */
export function topLevelPairs(parsed: ParsedYaml): { key: string; keyNode: Scalar; value: Node | null }[] {
  const pairs: { key: string; keyNode: Scalar; value: Node | null }[] = [];
  for (const item of parsed.root?.items ?? []) {
    if (isPair(item) && isScalar(item.key)) {
      pairs.push({ key: String(item.key.value ?? ''), keyNode: item.key, value: (item.value as Node | null) ?? null });
    }
  }
  return pairs;
}

/** The last `key:` pair of a mapping (Psych keeps the last of duplicate keys). */
export function findPair(map: YAMLMap, key: string): { key: Scalar; value: Node | null } | undefined {
  let found: { key: Scalar; value: Node | null } | undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value ?? '') === key) {
      found = { key: item.key, value: (item.value as Node | null) ?? null };
    }
  }
  return found;
}
