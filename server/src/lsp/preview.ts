import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { renderPage } from '../render/page';
import type { ServerFeature } from './context';
import { pathToUri, uriToPath } from './convert';
import { RENDER_PREVIEW_METHOD, type PreviewPage, type RenderPreviewParams } from './preview-protocol';

/**
 * The live preview's render request (see preview-protocol.ts). The server sends no change
 * notification: the client asks again when any file of the page's site changes, since a render
 * reads the whole site (other pages for the menus, layouts, includes, `_config.yml`, styles).
 */
export const previewFeature: ServerFeature = {
  capabilities: {},
  register(context) {
    context.connection.onRequest(RENDER_PREVIEW_METHOD, async (params: RenderPreviewParams, token): Promise<PreviewPage | ResponseError> => {
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
      const rendered = await renderPage(site, target.relPath, { sourceLines: true });
      return {
        ...rendered, siteRoot: pathToUri(site.root), baseurl: site.config.baseurl, url: site.pages.get(target.relPath)?.url ?? '/',
        relPath: target.relPath, pages: Object.fromEntries([...site.pages.values()].map((page) => [page.url, page.relPath])),
      };
    });
  },
};
