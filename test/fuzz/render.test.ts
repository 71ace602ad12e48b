// Rendering what an author may type: the preview renders every keystroke, so nothing may throw or hang.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fuzz, FuzzSite, HANG_MS, hugeInputs, pageText, regressionCases, renderFaults } from './harness';

const site = new FuzzSite();

/** Renders `text` in place of `relPath` and returns what is wrong with the outcome ('' when nothing). */
function verdict(relPath: string, text: string): string {
  const started = Date.now();
  let rendered;
  try {
    rendered = site.render(relPath, text);
  } catch (error) {
    return `threw: ${(error as Error).stack}`;
  }
  if (Date.now() - started > HANG_MS) return `took ${Date.now() - started} ms`;
  return rendered ? renderFaults(rendered, relPath, text) : '';
}

test('rendering a mutated page (Markdown or HTML) never throws and places every problem inside the page', () => {
  fuzz('render', fc.property(fc.constantFrom(...site.targets), pageText, (relPath, text) => {
    assert.equal(verdict(relPath, text), '', `${relPath}:\n${JSON.stringify(text)}`);
  }), ([, text]) => text);
});

test('kept render regression cases pass', () => {
  for (const { name, text } of regressionCases('render')) {
    for (const relPath of site.targets) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});

test('huge, wide, deep and self-multiplying pages render, without a crash or a hang', () => {
  for (const [name, text] of Object.entries(hugeInputs())) {
    for (const relPath of ['research.md', 'new-page.html']) assert.equal(verdict(relPath, text), '', `${name} as ${relPath}`);
  }
});
