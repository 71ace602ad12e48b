import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { FileChange } from '../site/site';
import type { ServerContext, ServerFeature, SiteDocument } from './context';
import { pathToUri, uriToPath } from './convert';
import { RENDER_PREVIEW_METHOD, type PreviewBody, type PreviewPage, type RenderPreviewParams } from './preview-protocol';
import { RenderFailure, RenderHost } from './render-host';

/**
 * The live preview's render request (see preview-protocol.ts). The server sends no change
 * notification: the client asks again when any file of the page's site changes, since a render
 * reads the whole site (other pages for the menus, layouts, includes, `_config.yml`, styles).
 */
export const previewFeature: ServerFeature = {
  capabilities: {},
  register(context) {
    // Its worker does not keep the process alive: the server exits when its client says so.
    const renderer = new RenderHost();
    // Loading the engine takes the worker a while: done once a site is checked, the first preview does not
    // wait for it, and the first diagnostics do not share the processor with it.
    context.onSiteChecked(() => void renderer.warm().then((ms) => {
      if (ms !== undefined) context.log.info(`The preview's renderer is ready (started in ${ms} ms).`);
    }));
    context.connection.onRequest(RENDER_PREVIEW_METHOD, async (params: RenderPreviewParams, token): Promise<PreviewPage | PreviewBody | ResponseError> => {
      const target = await context.siteDocument(params.uri);
      if (!target) return new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is not a file of a Jekyll site.`);
      // Another page's unsaved title, weight or parent is in this page's menu: bring every open buffer of the site in first.
      for (const document of context.documents.all()) {
        const absPath = uriToPath(document.uri);
        if (document.uri !== params.uri && absPath !== undefined && target.workspace.relativePath(absPath) !== undefined) {
          await context.siteDocument(document.uri);
        }
      }
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The render was cancelled.');
      const { site } = target.workspace;
      let rendered;
      try {
        rendered = await renderer.render(site, target.relPath, { sourceLines: true, contentSlot: true }, () => editorTexts(context, target), token, params.shell);
      } catch (error) {
        if (!(error instanceof RenderFailure)) throw error;
        if (error.reason === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
        return new ResponseError(error.reason === 'not-a-page' ? ErrorCodes.InvalidParams : LSPErrorCodes.RequestFailed, error.message);
      }
      if ('body' in rendered) return { kind: 'body', shell: rendered.shell, content: rendered.content, problems: rendered.problems };
      const { slot, shell, ...page } = rendered;
      return {
        ...page, ...(slot && shell ? { shell: { id: shell, start: slot.start, end: slot.end } } : {}), siteRoot: pathToUri(site.root), baseurl: site.config.baseurl, url: site.pages.get(target.relPath)?.url ?? '/',
        relPath: target.relPath, pages: Object.fromEntries([...site.pages.values()].map((page) => [page.url, page.relPath])),
      };
    });
  },
};

/** The open documents of the page's site that the server reads from the editor, with their texts. */
function editorTexts(context: ServerContext, target: SiteDocument): FileChange[] {
  const changes: FileChange[] = [];
  for (const document of context.documents.all()) {
    const absPath = uriToPath(document.uri);
    const relPath = absPath === undefined ? undefined : target.workspace.relativePath(absPath);
    if (relPath !== undefined && !target.workspace.isDiskOnly(relPath)) {
      changes.push({ relPath, text: document.getText() });
    }
  }
  return changes;
}
