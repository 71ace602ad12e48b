import { newPage } from '../features/new-page';
import { movePageUnder, reorderPage } from '../features/outline-edits';
import { OutlineEntry, siteOutline } from '../features/site-outline';
import type { SiteWorkspace } from '../service/workspace';
import { workspaceEdit } from './answer';
import type { ServerContext, ServerFeature, SiteDocument } from './context';
import { pathToUri, uriToPath } from './convert';
import {
  MOVE_IN_OUTLINE_METHOD, MoveInOutlineParams, MoveInOutlineResult, NEW_PAGE_METHOD, NewPageParams, NewPageResult,
  OutlineItem, SITE_OUTLINE_METHOD, SiteOutlineParams, SiteOutlineResult,
} from './workbench-protocol';

/** The site outline (its menus as a tree), moving pages in it, and new pages from the schema. */
export const workbenchFeature: ServerFeature = {
  capabilities: {},
  register(context) {
    const { connection } = context;
    connection.onRequest(SITE_OUTLINE_METHOD, (params: SiteOutlineParams) =>
      inSite(context, 'Site outline', params.uri, (document): SiteOutlineResult => {
        const outline = siteOutline(document.workspace);
        const item = (entry: OutlineEntry): OutlineItem => ({
          uri: context.uriFor(document.workspace, entry.relPath), relPath: entry.relPath, title: entry.title, url: entry.url,
          ...(entry.order === undefined || entry.order === null ? {} : { order: String(entry.order) }),
          children: entry.children.map(item),
        });
        return {
          root: pathToUri(document.workspace.root),
          structure: outline.structure,
          sections: outline.groups.map((group) => ({ id: group.id, label: group.label, items: group.entries.map(item) })),
        };
      }));
    connection.onRequest(MOVE_IN_OUTLINE_METHOD, (params: MoveInOutlineParams) =>
      inSite(context, 'Moving a page', params.uri, (document): MoveInOutlineResult => {
        const target = relPathOf(document.workspace, params.target);
        if (target === undefined) return { error: 'Pages can only be moved within their own site.' };
        const result = params.position === 'under'
          ? movePageUnder(document.workspace, document.relPath, target)
          : reorderPage(document.workspace, document.relPath, target);
        if ('error' in result) return result;
        const edit = workspaceEdit(context, document.workspace, result.changes);
        return 'error' in edit ? edit : { edit: edit.edit, summary: result.summary };
      }));
    connection.onRequest(NEW_PAGE_METHOD, (params: NewPageParams) =>
      inSite(context, 'New page', params.uri, (document): NewPageResult => {
        const parent = params.parent === undefined ? undefined : relPathOf(document.workspace, params.parent);
        const result = newPage(document.workspace, { kind: params.kind, title: String(params.title ?? ''), parent });
        return 'error' in result ? result : { uri: pathToUri(document.workspace.absolutePath(result.relPath)), snippet: result.snippet };
      }));
  },
};

/** Runs a request on the site of `uri`; bad input gets a message, never a failed request. */
async function inSite<T>(context: ServerContext, what: string, uri: string, work: (document: SiteDocument) => T): Promise<T | { error: string }> {
  try {
    const document = await context.siteDocument(uri);
    return document ? work(document) : { error: 'This file is not in a Jekyll site (no `_config.yml` above it).' };
  } catch (error) {
    context.log.error(`${what} failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { error: `${what} failed; the "Jekyll Author" output has the details.` };
  }
}

function relPathOf(workspace: SiteWorkspace, uri: string): string | undefined {
  const abs = uriToPath(uri);
  return abs === undefined ? undefined : workspace.relativePath(abs);
}
