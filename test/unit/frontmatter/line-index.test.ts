import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/frontmatter/text';

/** Where each line of `text[from..to)` starts, reading one character at a time: `\r\n`, `\n` and a lone `\r` end a line. */
function lineStartsByHand(text: string, from: number, to: number): number[] {
  const starts = [from];
  for (let i = from; i < to; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '😀', 'é', '-'), maxLength: 60 });

test('positions and offsets follow the lines as written, with CRLF, lone CR, astral characters, and over a part of the text', () => {
  fc.assert(fc.property(text, fc.nat(), fc.nat(), (whole, a, b) => {
    const from = Math.min(a, b) % (whole.length + 1);
    const to = Math.max(from, Math.max(a, b) % (whole.length + 1));
    const lines = new LineIndex(whole, from, to);
    const starts = lineStartsByHand(whole, from, to);
    assert.equal(lines.lineCount, starts.length);
    for (let offset = from; offset <= to; offset++) {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      assert.deepEqual(lines.positionAt(offset), { line, character: offset - starts[line] }, `offset ${offset} of ${JSON.stringify(whole)}`);
    }
    starts.forEach((start, line) => assert.equal(lines.lineStart(line), start));
  }), { numRuns: 500 });
});
