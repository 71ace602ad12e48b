import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DocumentOptions, isMap, parseDocument, ParseOptions, Scalar, SchemaOptions } from 'yaml';
import { findFrontMatter, PARSE_OPTIONS, parseYamlSection, yamlPackageTree } from '../../../server/src/frontmatter/parse';
import { SimpleYamlReader } from '../../../server/src/frontmatter/simple-yaml';
import { CORPUS, SITES_ROOT } from '../../helpers/corpus';
import { EXAMPLE_SITE } from '../../helpers/site';

type Options = DocumentOptions & SchemaOptions & ParseOptions;

/** What the product reads front matter with, and the yaml package's own YAML 1.1 schema (its typed values, dates, merge keys). */
const OPTION_SETS: { name: string; options: Options }[] = [
  { name: 'the product\'s options', options: PARSE_OPTIONS },
  { name: 'YAML 1.1 with its schema', options: { version: '1.1' } },
];

/**
 * Where two trees differ, as a path and both sides, comparing every own property (symbols too) of
 * every node, and the class; collections' schemas by name (each parse has its own). Undefined: equal.
 */
function treeDifference(actual: unknown, expected: unknown, where = 'contents'): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (actual instanceof Date && expected instanceof Date) return actual.getTime() === expected.getTime() ? undefined : `${where}: dates differ`;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${where}: ${String(actual)} ≠ ${String(expected)}`;
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${where}: a ${actual.constructor.name} ≠ a ${expected.constructor.name}`;
  const keys = (object: object) => [...Object.getOwnPropertyNames(object), ...Object.getOwnPropertySymbols(object)];
  const actualKeys = keys(actual);
  const expectedKeys = keys(expected);
  const missing = expectedKeys.filter((key) => !actualKeys.includes(key));
  const extra = actualKeys.filter((key) => !expectedKeys.includes(key));
  if (missing.length > 0 || extra.length > 0) return `${where}: properties missing [${missing.map(String)}], extra [${extra.map(String)}]`;
  for (const key of actualKeys) {
    const a = (actual as Record<string | symbol, unknown>)[key];
    const e = (expected as Record<string | symbol, unknown>)[key];
    const difference = key === 'schema'
      ? ((a as { name?: string })?.name === (e as { name?: string })?.name ? undefined : `${where}.schema: ${String(a)} ≠ ${String(e)}`)
      : treeDifference(a, e, `${where}.${String(key)}`);
    if (difference) return difference;
  }
  return undefined;
}

const readers = OPTION_SETS.map(({ options }) => new SimpleYamlReader(options));

/**
 * The simple reader either declines `yaml` or gives the tree `parseDocument` gives, with no errors; and
 * `parseYamlSection` gives the same tree, values and problems with it as with the yaml package alone.
 * Returns whether the simple reader read it (with the product's options).
 */
function assertEquivalent(yaml: string): boolean {
  OPTION_SETS.forEach(({ name, options }, index) => {
    const simple = readers[index].read(yaml);
    if (simple === undefined) return;
    const document = parseDocument(yaml, options);
    assert.deepEqual(document.errors.map((error) => error.message), [], `${name}: the simple reader read YAML the yaml package refuses:\n${yaml}`);
    const difference = treeDifference(simple, document.contents);
    assert.equal(difference, undefined, `${name}: ${difference}\n${JSON.stringify(yaml)}`);
  });
  const section = parseYamlSection(yaml, 0, yaml.length);
  const reference = parseYamlSection(yaml, 0, yaml.length, yamlPackageTree);
  assert.equal(treeDifference(section.contents, reference.contents), undefined);
  assert.deepEqual(section.data, reference.data);
  assert.deepEqual(section.value, reference.value);
  assert.deepEqual(section.problems, reference.problems);
  return readers[0].read(yaml) !== undefined;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['_site', 'node_modules', '.git', '.jekyll-cache'].includes(entry.name)) yield* yamlFiles(file);
    } else if (/\.(md|markdown|html?|txt|ya?ml)$/i.test(entry.name)) {
      yield file;
    }
  }
}

/** Every front matter (and `_config.yml` or `_data` file) of a site, as YAML text. */
function siteYaml(root: string): string[] {
  const texts: string[] = [];
  for (const file of yamlFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    if (/\.ya?ml$/i.test(file)) {
      texts.push(text);
      continue;
    }
    const block = findFrontMatter(text);
    if (block.present && block.closed) texts.push(text.slice(block.yamlStart, block.yamlEnd));
  }
  return texts;
}

const REAL_SITES: { name: string; root: string }[] = [
  { name: 'the example site', root: EXAMPLE_SITE },
  { name: 'connectedhealthcities', root: CORPUS },
  ...['hyde', 'jekyll-docs', 'just-the-docs', 'minima-blog'].map((name) => ({ name, root: path.join(SITES_ROOT, name) })),
];

for (const { name, root } of REAL_SITES) {
  const missing = fs.existsSync(root) ? false : `${root} is not there (the real sites ship beside the project in CI)`;
  test(`the simple reader reads ${name}'s front matter as the yaml package does, or leaves it to it`, { skip: missing }, () => {
    const texts = siteYaml(root);
    const read = texts.filter(assertEquivalent).length;
    // Most real front matter is simple: a reader that declines everything would pass the comparison.
    assert.ok(read > texts.length / 2, `read ${read} of ${texts.length}`);
  });
}

// Values the simple reader reads (YAML 1.1 types, Ruby symbols, quotes and escapes) and odd ones it must leave to the yaml package.
const READABLE_VALUES = [
  'Hello world', 'yes', 'No', 'on', 'y', '5.10', '0x1F', '0o17', '010', '1_000', '1:20', '-1', '+5', '.inf', '-.Inf', '.NaN', '1e3',
  '2020-01-02', '2020-01-02 10:00:00 +01:00', '2020-1-2', '~', 'null', 'Null', 'true', 'FALSE', ':title', '/:categories/:title',
  'a#b', 'a:b', 'b, c [d] {e}', 'héllo wörld', '日本', '-x', '?x', 'x\u00a0y', 'C:\\path', 'it\'s', 'a\\nb', '=', '...',
  '\'it\'\'s\'', '\'a # b\'', '\'x: y\'', '\'\'', '"\\u00e9"', '"a\\nb"', '"# x"', '"\\x41"', '"\\U0001F600"', '""', '"a\\"b"',
  '"tab\\t"', '"\\\\"', '"5"', '"  spaced  "', '"\\ "', '"\\/"', '"\\_\\N\\L\\P\\0\\a\\b\\e\\f\\v\\r"',
];
const ODD_VALUES = [
  'a # b', 'a: b', 'a :', '[a, b]', '{a: 1}', '&anchor x', '*alias', '!tag x', '!!str 5', '|', '>-', '-', '- x', '? x', '@x', '`x`',
  '%x', ',x', ']', 'a\tb', '"', '---', '<<', 'x\u2028y', 'x\u0085y', '\'unclosed', '\'a\' b', '\'a\' # c', '"\\q"', '"\\x4"',
  '"\\UFFFFFFFF"', '"unclosed', '"a" b', '"a\\',
];
const KEYS = ['title', 'layout', 'my key', 'a:b', 'x-y', 'dup', 'dup', '2020', 'yes', '-k', 'k#x', 'k #x', '"quoted key"', '\'sq\'', '? q', '<<', 'a[0]', 'é', ' spaced', 'k ', '-', '*a', '&a k', '!t k', ':k', '---', '...'];

type Tree = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'raw'; lines: string[] };

const { tree } = fc.letrec<{ tree: Tree; scalar: Tree; map: Tree; seq: Tree; raw: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: tie('scalar') }, { weight: 2, arbitrary: tie('map') }, { weight: 2, arbitrary: tie('seq') }, { weight: 1, arbitrary: tie('raw') }),
  scalar: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...READABLE_VALUES, '') },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_VALUES) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ':', '#', '-', '\'', '"', '\\', ',', '.', '[', '{', 'é', '\t', '!', '&', '*', '|'), maxLength: 8 }) },
  ).map((text) => ({ kind: 'scalar' as const, text })),
  map: fc.array(fc.tuple(fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z_-]{0,5}( [a-z]{1,3})?(:[a-z]{1,3})?$/) },
  ), tie('tree')), { minLength: 1, maxLength: 5 })
    .map((entries) => ({ kind: 'map' as const, entries })),
  seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((items) => ({ kind: 'seq' as const, items })),
  // What the simple reader leaves to the yaml package: block scalars, flow collections, anchors and aliases, tags, continued lines.
  raw: fc.constantFrom(['|', '  line one', '', '  line two'], ['>-', '  folded', '  text'], ['[a, b, "c"]'], ['{a: 1, b: [x]}'], ['&x value'],
    ['*x'], ['!!str 5'], ['!custom', '  a: 1'], ['plain that', '  goes on'], ['"quoted that', '  goes on"'], ['# a comment', '  a: 1'],
    ['plain', '', '  over', '   ', '    lines  ', ''], ['plain', 'same column'], ['plain', '  - dash'], ['plain', '  key: value'], ['plain', '  # comment'],
    ['plain', '  a # b'], ['"quoted \\', '   escaped break"'], ['"a  ', '', '', '  b \\"c\\u00e9"  '], ['"not', 'indented"'], ['\'it\'\'s', '   over  ', '  lines\''],
    ['\'a', '', '  b\' # c'], ['"a', '  b" c'], ['"unclosed', '  still'], ['plain', '  :title'], ['"a', '---', '  b"'],
    ['| #c', '  x', '     more', '', '', '  y'], ['>', '  a', '', '    indented', '    again', '  b', '', '  c', '   d'], ['|-', '  x', ''], ['>-', '  # not a comment', '  - nor an item'],
    ['|+', '  x', ''], ['|2', '   x'], ['|', ''], ['>', '  ', '  x'], ['|#c', '  x'], ['| #c  ', '  x  '], ['|', '  x', ' y'], ['|', '    x', '  y'], ['>', '', '  x'],
    ['> text', '  x'], ['|', '  x', '  ', '  y'], ['>-', '  a: b', '  "c"'])
    .map((lines) => ({ kind: 'raw' as const, lines: [...lines] })),
}));

interface Style {
  step: number;
  /** A list under a key at the key's own column (`key:\n- a`), as Jekyll sites often write it. */
  listAtKeyColumn: boolean;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
  /** Per line, what comes after it: 0 nothing, 1 a blank line, 2 a line of spaces, 3 trailing spaces, 4 a comment line, 5 a line one space off. */
  extras: number[];
}

function render(node: Tree, indent: number, style: Style, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    for (const [key, value] of node.entries) {
      if (value.kind === 'scalar') lines.push(`${pad}${key}:${value.text === '' ? '' : ' '}${value.text}`);
      else if (value.kind === 'raw') {
        lines.push(`${pad}${key}: ${value.lines[0]}`);
        for (const line of value.lines.slice(1)) lines.push(line === '' ? '' : `${pad}${line}`);
      } else {
        lines.push(`${pad}${key}:`);
        render(value, value.kind === 'seq' && style.listAtKeyColumn ? indent : indent + style.step, style, lines);
      }
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind === 'scalar') lines.push(`${pad}- ${item.text}`);
      else if (item.kind === 'raw') {
        lines.push(`${pad}- ${item.lines[0]}`);
        for (const line of item.lines.slice(1)) lines.push(line === '' ? '' : `${pad}  ${line}`);
      } else {
        const nested: string[] = [];
        render(item, 0, style, nested);
        lines.push(`${pad}- ${nested[0].trimStart()}`);
        for (const line of nested.slice(1)) lines.push(line === '' ? '' : `${pad}  ${line}`);
      }
    }
  } else if (node.kind === 'scalar') {
    lines.push(`${pad}${node.text}`);
  } else {
    lines.push(...node.lines.map((line) => `${pad}${line}`));
  }
}

function toYaml(node: Tree, style: Style): string {
  const lines: string[] = [];
  render(node, 0, style, lines);
  const decorated = lines.flatMap((line, index) => {
    switch (style.extras[index % style.extras.length]) {
      case 1: return [line, ''];
      case 2: return [line, '   '];
      case 3: return [`${line}  `];
      case 4: return [line, '# note'];
      case 5: return [` ${line}`];
      default: return [line];
    }
  });
  return decorated.join(style.newline) + (style.finalNewline ? style.newline : '');
}

const style: fc.Arbitrary<Style> = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  listAtKeyColumn: fc.boolean(),
  newline: fc.constantFrom('\n' as const, '\r\n' as const),
  finalNewline: fc.boolean(),
  extras: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 12 }),
});

test('generated documents: the simple reader declines or gives the yaml package\'s tree, values and problems', () => {
  let read = 0;
  let runs = 0;
  const document = tree.filter((node) => node.kind === 'map');
  fc.assert(fc.property(document, style, (node, how) => {
    runs++;
    if (assertEquivalent(toYaml(node, how))) read++;
  }), { numRuns: 3000 });
  // The documents must reach the simple reader's paths, not only its refusals.
  assert.ok(read > runs / 5, `read ${read} of ${runs}`);
});

test('the comparison sees a tree that differs in a range, a flag or a value', () => {
  const yaml = 'title: A\nlist:\n  - x\n\n  - y\n';
  const [reader] = readers;
  const expected = parseDocument(yaml, PARSE_OPTIONS).contents;
  const breakages: ((tree: unknown) => void)[] = [
    (tree) => { (tree as { range: number[] }).range[2]++; },
    (tree) => { delete ((isMap(tree) ? tree.items[1].value : undefined) as { items: { spaceBefore?: boolean }[] }).items[1].spaceBefore; },
    (tree) => { ((isMap(tree) ? tree.items[0].value : undefined) as Scalar).type = Scalar.QUOTE_DOUBLE; },
    (tree) => { ((isMap(tree) ? tree.items[0].key : undefined) as Scalar).source = 'Title'; },
  ];
  assert.equal(treeDifference(reader.read(yaml), expected), undefined);
  for (const breakage of breakages) {
    const broken = reader.read(yaml);
    breakage(broken);
    assert.notEqual(treeDifference(broken, expected), undefined, String(breakage));
  }
});

test('mappings nested thousands deep are left to the yaml package, which says they are too deep, without a crash', () => {
  const nested = (depth: number) => Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k:\n`).join('');
  const [reader] = readers;
  assert.notEqual(reader.read(nested(100)), undefined);
  assert.equal(reader.read(nested(101)), undefined);
  const deep = nested(3000);
  assert.deepEqual(parseYamlSection(deep, 0, deep.length).problems.map((problem) => problem.kind), ['too-deep']);
});
