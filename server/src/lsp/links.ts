import { CompletionItemKind } from 'vscode-languageserver/node';
import { linkCompletionsAt } from '../features/link-completion';
import { answer } from './answer';
import type { ServerFeature } from './context';

/** Site paths in Markdown links and images; merged with the front-matter completion (see features.ts). */
export const linkCompletionFeature: ServerFeature = {
  capabilities: { completionProvider: { triggerCharacters: ['(', '/', "'"] } },
  register(context) {
    context.connection.onCompletion((params) => answer(context, 'Link completion', params.textDocument.uri, (document) => {
      const list = linkCompletionsAt(document.workspace, document.relPath, params.position);
      return list && {
        isIncomplete: list.incomplete,
        items: list.items.map((entry) => ({
          label: entry.label, kind: CompletionItemKind.File, detail: entry.detail, sortText: entry.sortText,
          filterText: entry.filterText, textEdit: { range: entry.range, newText: entry.newText },
        })),
      };
    }));
  },
};
