import { isMap, isPair, isScalar, isSeq, Node, Scalar } from 'yaml';
import { FrontMatterBlock, parseYamlSection, ParsedYaml } from '../frontmatter/parse';
import { DataPath, nodeAtPath } from '../schema/validate';

/** What a position in YAML (front matter or `_config.yml`) is on. */
export interface YamlTarget {
  /** On a key (`title` in `title: x`), or on a value: a scalar, or the empty value after `key:`. */
  kind: 'key' | 'value';
  /** Where the key or value is: `['resources', 0, 'path']`. */
  path: DataPath;
  /** The key of the pair (undefined for a list item). */
  key?: Scalar;
  /** For a value: the scalar under the position (lists and maps are stepped into, never returned). */
  node?: Scalar;
  /** Offsets of the key or of the value, quotes included. */
  start: number;
  end: number;
}

/** Lists and maps are followed this deep at most (an alias bomb has no business in a hover). */
const MAX_DEPTH = 32;

/** The key or scalar value under an offset of the text `parsed` was read from, if any. */
export function yamlTargetAt(parsed: ParsedYaml, text: string, offset: number): YamlTarget | undefined {
  return parsed.root ? targetIn(parsed, text, parsed.root, [], offset, 0) : undefined;
}

function targetIn(parsed: ParsedYaml, text: string, node: Node, path: DataPath, offset: number, depth: number): YamlTarget | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = item.key;
      const here = [...path, String(key.value ?? '')];
      const [keyStart, keyEnd] = parsed.offsetsOf(key);
      if (offset >= keyStart && offset <= keyEnd) return { kind: 'key', path: here, key, start: keyStart, end: keyEnd };
      const found = valueTarget(parsed, text, item.value as Node | null, here, key, keyEnd, offset, depth);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const found = valueTarget(parsed, text, node.items[index] as Node | null, [...path, index], undefined, undefined, offset, depth);
      if (found) return found;
    }
  }
  return undefined;
}

function valueTarget(
  parsed: ParsedYaml, text: string, value: Node | null, path: DataPath, key: Scalar | undefined, keyEnd: number | undefined,
  offset: number, depth: number,
): YamlTarget | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const [start, end] = parsed.offsetsOf(value);
  if (isScalar(value)) {
    if (offset >= start && offset <= end) return { kind: 'value', path, key, node: value, start, end };
    // `parent: ` with the cursor after the blank: the empty value is where the author types.
    const empty = end === start && keyEnd !== undefined && offset > keyEnd && !/[\r\n]/.test(text.slice(keyEnd, offset));
    return empty ? { kind: 'value', path, key, node: value, start: offset, end: offset } : undefined;
  }
  if (offset < start || offset > end) return undefined;
  return targetIn(parsed, text, value, path, offset, depth + 1);
}

/** A key the author is typing on a line of its own (`intr`, `  - pa`), which YAML cannot read yet. */
export interface TypedKey {
  /** Where the key goes: `[]` for a top-level field, `['resources', 0]` inside a list item. */
  parentPath: DataPath;
  /** Offsets of the word typed so far (the text a completion replaces). */
  start: number;
  end: number;
  typed: string;
  /** The other keys of the map the key goes in (the fields already set there). */
  siblings: ReadonlySet<string>;
  /** The front matter read with the word as a key: the lone word no longer runs into the line above. */
  data: Record<string, unknown>;
}

/** Stands in for the key being typed, so that YAML can tell where it goes. */
const PLACEHOLDER_KEY = 'jekyll_author_key';

/**
 * The key being typed at `offset` in a front matter: the line holds nothing but that word (after
 * its indentation and list dashes). The front matter is read again with the word made a key.
 */
export function typedKeyAt(text: string, block: FrontMatterBlock, offset: number): TypedKey | undefined {
  if (!block.present || offset < block.yamlStart || offset > block.yamlEnd) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const before = /^(\s*(?:-\s+)*)([\w-]*)$/.exec(text.slice(lineStart, offset));
  const after = /^[\w-]*/.exec(text.slice(offset, lineEnd))![0];
  if (!before || text.slice(offset + after.length, lineEnd).trim() !== '') return undefined;
  const start = lineStart + before[1].length;
  const end = offset + after.length;
  const word = text.slice(start, end);
  // The closing `---` is no key.
  if (word.startsWith('-')) return undefined;
  const patched = `${text.slice(0, start)}${word || PLACEHOLDER_KEY}:${text.slice(end)}`;
  const shift = (word || PLACEHOLDER_KEY).length + 1 - word.length;
  const parsed = parseYamlSection(patched, block.yamlStart, block.yamlEnd + shift);
  const target = yamlTargetAt(parsed, patched, start);
  if (!target || target.kind !== 'key') return undefined;
  const parentPath = target.path.slice(0, -1);
  const siblings = new Set<string>();
  const owner = parentPath.length === 0 ? parsed.root : nodeAtPath(parsed.root, parentPath)?.node;
  for (const item of isMap(owner) ? owner.items : []) {
    if (isPair(item) && isScalar(item.key) && item.key !== target.key) siblings.add(String(item.key.value ?? ''));
  }
  return { parentPath, start, end, typed: text.slice(start, offset), siblings, data: parsed.data };
}
