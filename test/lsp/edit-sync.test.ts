// What the server publishes after edits: the text it checks after incremental changes is the text the
// author sees (multi-line, CRLF and astral characters, in UTF-16 and UTF-8 columns), and the problems
// of a page are sent when they change, never again when an edit leaves them as they were.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Diagnostic, DocumentSymbolRequest, HoverRequest, Range } from 'vscode-languageserver-protocol/node';
import { copyExampleSite } from '../helpers/site';
import { TestClient } from './lsp-client';

let client: TestClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const PAGE = 'research.md';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Encoding = 'utf-16' | 'utf-8';

/** The LSP position of a string offset, with columns counted in `encoding`; `\r\n`, `\r` and `\n` end lines. */
function positionAt(text: string, offset: number, encoding: Encoding): Range['start'] {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = text.slice(lineStart, offset);
  return { line, character: encoding === 'utf-8' ? Buffer.byteLength(before, 'utf8') : before.length };
}

/** Replaces `find` (its first occurrence after `from`) with `replacement`, as an incremental change; returns the new text. */
async function replace(c: TestClient, text: string, encoding: Encoding, find: string, replacement: string, from = 0): Promise<string> {
  const start = text.indexOf(find, from);
  assert.ok(start >= 0, `"${find}" is in the text`);
  const end = start + find.length;
  await c.change(PAGE, { start: positionAt(text, start, encoding), end: positionAt(text, end, encoding) }, replacement);
  return text.slice(0, start) + replacement + text.slice(end);
}

/** What the server makes of the page: its problems and its outline (every key, with its place). */
async function readBack(c: TestClient): Promise<{ diagnostics: Diagnostic[]; symbols: unknown }> {
  const symbols = await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: c.uri(PAGE) } });
  return { diagnostics: c.diagnosticsOf(PAGE), symbols };
}

for (const encoding of ['utf-16', 'utf-8'] as const) {
  test(`incremental edits (multi-line, CRLF, astral characters) leave the text a full sync gives, in ${encoding} columns`, async () => {
    const c = client = await TestClient.start(copyExampleSite(), {}, undefined, encoding === 'utf-8' ? ['utf-8'] : undefined);
    let text = await c.open(PAGE);
    await c.waitForDiagnostics(PAGE, () => true, 'the opened page');
    text = await replace(c, text, encoding, 'title: Research\n', 'title: Research\nemoji🙂key: "a😀b"\r\nsecond: x\r\n');
    text = await replace(c, text, encoding, '😀b"\r\nsec', '🎉c"\nthird😀: 1\r\nfourth🙂x');
    text = await replace(c, text, encoding, 'fourth🙂x', 'fo🙂urth🙂x🎉');
    text = await replace(c, text, encoding, 'x🎉ond: x\r\n', 'y: [1,\n  2]\n');
    text = await replace(c, text, encoding, 'section: research\nlayout', 'section: research\r\nlayout');
    text = await replace(c, text, encoding, 'sidebar_image: ', 'sidebar_imäge🙂: ');
    // The last edit's fields are in the problems once all edits are read.
    await c.waitForDiagnostics(PAGE, (list) => list.some((d) => String(d.message).includes('sidebar_imäge🙂')), 'the last edit');
    const incremental = await readBack(c);

    await c.close(PAGE);
    await c.waitForDiagnostics(PAGE, (list) => !list.some((d) => String(d.message).includes('sidebar_imäge🙂')), 'the page back as on the disk');
    await c.open(PAGE, text);
    await c.waitForDiagnostics(PAGE, (list) => list.some((d) => String(d.message).includes('sidebar_imäge🙂')), 'the whole text opened');
    const full = await readBack(c);
    assert.ok(incremental.diagnostics.some((d) => String(d.message).includes('third😀')), 'a field added across lines is read');
    assert.deepEqual(incremental, full);
  });
}

test('a page\'s problems are sent again when they change, never when an edit leaves them as they were', async () => {
  const c = client = await TestClient.start(copyExampleSite());
  const text = await c.open(PAGE);
  await c.waitForDiagnostics(PAGE, () => true, 'the opened page');
  const uri = c.uri(PAGE);
  const bodyLine = text.split('\n').indexOf('## How the projects worked');
  await c.change(PAGE, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'zz: 1\n');
  await c.waitForDiagnostics(PAGE, (list) => list.some((d) => String(d.message).includes('zz')), 'the unknown field');

  // Each keystroke in the field's name changes its problem: each one is sent.
  for (const [i, letter] of [...'abcde'].entries()) {
    const before = c.publishCounts.get(uri);
    await c.change(PAGE, { start: { line: 1, character: 2 + i }, end: { line: 1, character: 2 + i } }, letter);
    await c.waitForDiagnostics(PAGE, (list) => list.some((d) => String(d.message).includes(`zz${'abcde'.slice(0, i + 1)}`)), `keystroke ${letter}`);
    assert.equal(c.publishCounts.get(uri), before! + 1);
  }

  // Typing in the body changes no problem: nothing is sent, also once the site has been checked again.
  const published = c.publishCounts.get(uri);
  const heading = '## How the projects worked'.length + 1;
  for (const [i, letter] of [...' more'].entries()) {
    await c.change(PAGE, { start: { line: bodyLine + 1, character: heading - 1 + i }, end: { line: bodyLine + 1, character: heading - 1 + i } }, letter);
    await sleep(20);
  }
  // A request is answered after the edits before it have been checked.
  await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } });
  await sleep(1000);
  assert.equal(c.publishCounts.get(uri), published);
  assert.ok(c.diagnosticsOf(PAGE).some((d) => String(d.message).includes('zzabcde')));
});
