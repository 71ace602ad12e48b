import type { Location } from 'vscode-languageserver/node';
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
