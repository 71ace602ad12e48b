import { isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import type { PageRule } from './rule';

/** A key written twice in one mapping: Psych keeps the last silently, so the first is dead text. */
export const duplicateKey: PageRule = {
  id: 'duplicate-key',
  defaultSeverity: 'error',
  description: 'The same field is set twice; Jekyll silently uses the last one.',
  target: 'page',
  check({ page, report }) {
    const { contents, offsetsOf } = page.frontMatter;
    if (!contents) return;
    const lines = page.lines;
    eachMap(contents, (map) => {
      if (!hasDuplicateKey(map)) return;
      const byKey = new Map<string, Pair<Node, Node>[]>();
      for (const item of map.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value ?? '');
        byKey.set(key, [...(byKey.get(key) ?? []), item as Pair<Node, Node>]);
      }
      for (const [key, pairs] of byKey) {
        if (pairs.length < 2) continue;
        const last = pairs[pairs.length - 1];
        const [lastStart, lastEnd] = offsetsOf(last.key);
        const lastLine = lines.positionAt(lastStart).line + 1;
        for (const pair of pairs.slice(0, -1)) {
          const [start, end] = offsetsOf(pair.key);
          const line = lines.positionAt(start).line;
          const removeFrom = lines.lineStart(line);
          const valueEnd = pair.value && isNodeWithRange(pair.value) ? offsetsOf(pair.value)[1] : end;
          const lastLineOfPair = lines.positionAt(Math.max(valueEnd - 1, start)).line;
          const removeTo = lastLineOfPair + 1 < lines.lineCount ? lines.lineStart(lastLineOfPair + 1) : lines.lineEnd(lastLineOfPair);
          report({
            start, end,
            message: `\`${key}\` is set twice, here and on line ${lastLine}. Jekyll silently uses the last one (line ${lastLine}) and ignores this one: delete the one you do not want.`,
            related: [{ file: page.relPath, start: lastStart, end: lastEnd, message: `The \`${key}\` that Jekyll uses` }],
            fixes: [{
              title: `Delete this \`${key}\` (Jekyll ignores it)`,
              // Psych already ignores this pair, so deleting it changes nothing Jekyll builds.
              safe: true,
              preferred: true,
              edits: [{ start: removeFrom, end: removeTo, newText: '' }],
            }],
          });
        }
      }
    });
  },
};

/** Every mapping of a tree, each before those inside it, in the order they are written (as yaml's `visit` goes). */
function eachMap(node: unknown, visitMap: (map: YAMLMap) => void): void {
  if (isMap(node)) {
    visitMap(node);
    for (const item of node.items) eachMap(item, visitMap);
  } else if (isSeq(node)) {
    for (const item of node.items) eachMap(item, visitMap);
  } else if (isPair(node)) {
    eachMap(node.key, visitMap);
    eachMap(node.value, visitMap);
  }
}

/** The quick look first: almost no mapping has a key twice. */
function hasDuplicateKey(map: YAMLMap): boolean {
  if (map.items.length < 2) return false;
  const keys = new Set<string>();
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value ?? '');
    if (keys.has(key)) return true;
    keys.add(key);
  }
  return false;
}

function isNodeWithRange(node: unknown): node is Node {
  return typeof node === 'object' && node !== null && Array.isArray((node as Node).range);
}
