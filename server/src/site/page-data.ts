import { isDeepStrictEqual } from 'node:util';
import { topLevelPairs } from '../frontmatter/parse';
import type { Page } from './site';

/**
 * The page's text after its front matter, and where it starts: all of it when the front matter is
 * not closed (Jekyll then sees none). Jekyll's front-matter pattern also eats blank lines after `---`.
 */
export function pageBody(page: Page): { text: string; start: number } {
  const block = page.frontMatter.block;
  if (!block.closed) return { text: page.text.slice(block.openStart), start: block.openStart };
  const rest = page.text.slice(block.bodyStart);
  const blankLines = /^\s*\n/.exec(rest)?.[0].length ?? 0;
  return { text: rest.slice(blankLines), start: block.bodyStart + blankLines };
}

/** The source text of a top-level front-matter value (a date as written, before YAML turns it into a time). */
export function ownValueText(page: Page, key: string): string | undefined {
  const pair = topLevelPairs(page.frontMatter).filter((candidate) => candidate.key === key).pop();
  if (!pair?.value) return undefined;
  const [start, end] = page.frontMatter.offsetsOf(pair.value);
  return page.text.slice(start, end).replace(/^["']|["']$/g, '');
}

/**
 * The top-level fields an edit changed, as written in the page's front matter or merged with
 * defaults; undefined when the edit changed more: the page's URL, its layout, or whether Jekyll can read it.
 */
export function changedFields(before: Page, after: Page): Set<string> | undefined {
  if (before.url !== after.url || before.layout !== after.layout || before.layoutSource !== after.layoutSource
    || isReadable(before) !== isReadable(after)) return undefined;
  const fields = new Set<string>();
  for (const key of new Set([...Object.keys(before.data), ...Object.keys(after.data)])) {
    if (!isDeepStrictEqual(before.data[key], after.data[key])) fields.add(key);
  }
  // As written too: some indexes read the source (`section: "a"` and `section: a` are the same value).
  const beforeTexts = ownFieldTexts(before);
  const afterTexts = ownFieldTexts(after);
  for (const key of new Set([...beforeTexts.keys(), ...afterTexts.keys()])) {
    if (beforeTexts.get(key) !== afterTexts.get(key)) fields.add(key);
  }
  return fields;
}

function isReadable(page: Page): boolean {
  return page.frontMatter.block.closed && page.frontMatter.problems.length === 0;
}

/** Each top-level field's source text (of all its pairs, when a key is repeated). */
function ownFieldTexts(page: Page): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { key, keyNode, value } of topLevelPairs(page.frontMatter)) {
    const [start, keyEnd] = page.frontMatter.offsetsOf(keyNode);
    const end = value ? page.frontMatter.offsetsOf(value)[1] : keyEnd;
    texts.set(key, `${texts.get(key) ?? ''}${page.text.slice(start, end)}\n`);
  }
  return texts;
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
