import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFrontMatter } from '../../server/src/frontmatter/parse';
import { FuzzSite, keepRegression, misplaced, pageText, regressionCases, RUNS } from './harness';

/** A document that takes longer than this is a hang, not a slow check (speed goals live in `npm run bench`). */
const HANG_MS = 10_000;

const site = new FuzzSite();

/** Checks `text` in place of `relPath` and returns what is wrong with the outcome ('' when nothing). */
function verdict(relPath: string, text: string): string {
  const started = Date.now();
  let first;
  try {
    first = site.check(relPath, text);
  } catch (error) {
    return `threw: ${(error as Error).stack}`;
  }
  if (Date.now() - started > HANG_MS) return `took ${Date.now() - started} ms`;
  for (const [file, diagnostics] of first) {
    const fileText = file === relPath ? text : site.textOf(file, text);
    for (const diagnostic of diagnostics) {
      const problems = misplaced(diagnostic, fileText);
      if (problems.length > 0) return `${diagnostic.code} in ${file}: ${problems.join('; ')}`;
    }
  }
  const second = site.check(relPath, text);
  if (JSON.stringify([...second.get(relPath) ?? []]) !== JSON.stringify([...first.get(relPath) ?? []])) {
    return 'the same text gave different diagnostics';
  }
  return '';
}

test('parsing never throws and keeps every problem inside the document', () => {
  fc.assert(fc.property(pageText, (text) => {
    const parsed = parseFrontMatter(text);
    for (const problem of parsed.problems) {
      assert.ok(problem.start >= 0 && problem.start <= problem.end && problem.end <= text.length, `${problem.kind} at ${problem.start}-${problem.end} of ${text.length}`);
    }
  }), { numRuns: RUNS });
});

test('checking a mutated page never throws, places every diagnostic and fix inside its file, and repeats itself', () => {
  fc.assert(fc.property(fc.constantFrom(...site.targets), pageText, (relPath, text) => {
    const problem = verdict(relPath, text);
    if (problem) keepRegression('check', text);
    assert.equal(problem, '', `${relPath}:\n${JSON.stringify(text)}`);
  }), { numRuns: RUNS });
});

test('kept regression cases pass', () => {
  for (const { name, text } of regressionCases()) {
    for (const relPath of site.targets) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});

test('huge, wide, deep and self-multiplying front matter gets diagnostics, not a crash or a hang', () => {
  const bomb = ['---', 'a: &a [x,x,x,x,x,x,x,x,x,x]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
    bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  const cases: Record<string, string> = {
    'a 10 MB page': `---\ntitle: Big\n---\n${'A paragraph of text. '.repeat(500_000)}`,
    '10 000 keys': `---\n${Array.from({ length: 10_000 }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n`,
    'nesting 50 000 deep': `---\ntitle: [${'['.repeat(50_000)}${']'.repeat(50_000)}]\n---\n`,
    'block nesting 5 000 deep': `---\n${Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n---\n`,
    'an alias bomb': `${bomb.join('\n')}\n---\n`,
    'only NUL bytes': '\0'.repeat(10_000),
  };
  for (const [name, text] of Object.entries(cases)) assert.equal(verdict('research.md', text), '', name);
});
