// The preview renders in a worker thread: the server answers other requests meanwhile, a cancelled
// render stops, and the worker follows the editor's text (issue 13, finding 7).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { RENDER_PREVIEW_METHOD, type PreviewPage } from '../../server/src/lsp/preview-protocol';
import { slowPagesSite } from '../helpers/slow-pages';
import { serverPerTest, TestClient, withTimeout } from './lsp-client';

function renderPreview(client: TestClient, relPath: string, token?: CancellationTokenSource['token']): Promise<PreviewPage> {
  const params = { uri: client.uri(relPath) };
  return token ? client.connection.sendRequest<PreviewPage>(RENDER_PREVIEW_METHOD, params, token) : client.connection.sendRequest<PreviewPage>(RENDER_PREVIEW_METHOD, params);
}

function hover(client: TestClient, relPath: string): Promise<unknown> {
  return withTimeout(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(relPath) }, position: { line: 2, character: 2 } }), 'the hover');
}

describe('preview renders in a worker', () => {
  const start = serverPerTest();

  it('starts its worker once the site\'s first diagnostics are out, before any preview is asked for', async () => {
    const client = await start(slowPagesSite().root);
    await client.waitFor(() => client.logs.find((log) => /^The preview's renderer is ready \(started in \d+ ms\)\.$/.test(log.message)), 'the renderer to be ready');
    assert.match((await renderPreview(client, 'small.md')).html, /Small Small\./);
  });

  it('answers a hover while a page renders', async () => {
    const client = await start(slowPagesSite().root);
    const answered: string[] = [];
    const render = renderPreview(client, 'loop.md').finally(() => answered.push('render'));
    await hover(client, 'small.md');
    answered.push('hover');
    const page = await withTimeout(render, 'the render');
    assert.deepEqual(answered, ['hover', 'render']);
    assert.match(page.html, /Looped 1000 times\./);
  });

  it('stops a cancelled render, and renders the next page', async () => {
    const client = await start(slowPagesSite().root);
    const cancellation = new CancellationTokenSource();
    const render = renderPreview(client, 'loop.md', cancellation.token);
    // Once the hover is answered, the render request has reached the server.
    await hover(client, 'small.md');
    cancellation.cancel();
    await assert.rejects(withTimeout(render, 'the cancelled render'), (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    const small = await withTimeout(renderPreview(client, 'small.md'), 'the next render');
    assert.match(small.html, /Small Small\./);
  });

  it('renders the editor\'s text of the page as it changes', async () => {
    const client = await start();
    await client.open('research.md');
    assert.doesNotMatch((await renderPreview(client, 'research.md')).html, /Typed in the editor/);
    await client.change('research.md', { start: { line: 1, character: 0 }, end: { line: 1, character: 'title: Research'.length } }, 'title: Typed in the editor');
    assert.match((await renderPreview(client, 'research.md')).html, /Typed in the editor/);
  });
});
