import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextChange } from '../features/rename';
import { encoding } from '../rules/encoding';
import type { SiteWorkspace } from '../service/workspace';
import type { SiteLocation } from '../features/document';
import type { ServerContext, SiteDocument } from './context';

/**
 * Runs one request of an editor feature on the site of `uri`, after the edits sent before it.
 * Bad input never fails the request: the error is logged and the answer is `null`.
 */
export async function answer<T>(
  context: ServerContext, what: string, uri: string, work: (document: SiteDocument) => T | undefined,
): Promise<T | null> {
  try {
    const document = await context.siteDocument(uri);
    return (document && work(document)) ?? null;
  } catch (error) {
    context.log.error(`${what} failed for ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return null;
  }
}

/** A site location as an LSP location, under the URI the editor knows the file by. */
export function toLocation(context: ServerContext, document: SiteDocument, location: SiteLocation): Location {
  return { uri: context.uriFor(document.workspace, location.file), range: location.range };
}

/**
 * The changes as one LSP workspace edit, under the URIs the editor knows the files by; or, when a
 * file it would write is not UTF-8, the reason it is refused whole (never half a rename or a move).
 */
export function workspaceEdit(
  context: ServerContext, workspace: SiteWorkspace, changes: Map<string, TextChange[]>,
): { edit: WorkspaceEdit } | { error: string } {
  const notText = [...changes.keys()].filter((file) => workspace.diagnosticsFor(file).some((d) => d.code === encoding.id));
  if (notText.length > 0) {
    const one = notText.length === 1;
    return { error: `${notText.join(', ')} ${one ? 'is' : 'are'} not UTF-8 text, and Jekyll Author never rewrites such a file. Save ${one ? 'it' : 'them'} as UTF-8 first.` };
  }
  const byUri: Record<string, TextEdit[]> = {};
  for (const [file, list] of changes) byUri[context.uriFor(workspace, file)] = list;
  return { edit: { changes: byUri } };
}
