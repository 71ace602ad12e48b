import { definitionAt, layoutLens, referencesAt } from '../features/navigation';
import { answer, toLocation } from './answer';
import type { ServerFeature } from './context';

/** Go to definition, find references, and the "used by N pages" lens of layout files. */
export const navigationFeature: ServerFeature = {
  capabilities: { definitionProvider: true, referencesProvider: true, codeLensProvider: { resolveProvider: false } },
  register(context) {
    const { connection } = context;
    connection.onDefinition((params) => answer(context, 'Definition', params.textDocument.uri, (document) =>
      definitionAt(document.workspace, document.relPath, params.position, document.document?.getText())
        ?.map((location) => toLocation(context, document, location))));
    connection.onReferences((params) => answer(context, 'References', params.textDocument.uri, (document) =>
      referencesAt(document.workspace, document.relPath, params.position, params.context?.includeDeclaration ?? false)
        ?.map((location) => toLocation(context, document, location))));
    connection.onCodeLens((params) => answer(context, 'Code lens', params.textDocument.uri, (document) => {
      const lens = layoutLens(document.workspace, document.relPath);
      if (!lens) return [];
      // The VS Code client shows the pages in its references view; other editors show the title.
      const locations = lens.locations.map((location) => toLocation(context, document, location));
      return [{ range: lens.range, command: { title: lens.title, command: 'jekyllAuthor.showReferences', arguments: [document.uri, lens.range.start, locations] } }];
    }));
  },
};
