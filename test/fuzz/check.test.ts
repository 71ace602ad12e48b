import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFrontMatter } from '../../server/src/frontmatter/parse';
import { fuzz, FuzzSite, HANG_MS, hugeInputs, misplaced, pageText, regressionCases, RUNS } from './harness';

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
  fuzz('check', fc.property(fc.constantFrom(...site.targets), pageText, (relPath, text) => {
    assert.equal(verdict(relPath, text), '', `${relPath}:\n${JSON.stringify(text)}`);
  }), ([, text]) => text);
});

test('kept regression cases pass', () => {
  for (const { name, text } of regressionCases('check')) {
    for (const relPath of site.targets) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});

test('huge, wide, deep and self-multiplying front matter gets diagnostics, not a crash or a hang', () => {
  for (const [name, text] of Object.entries(hugeInputs())) assert.equal(verdict('research.md', text), '', name);
});
