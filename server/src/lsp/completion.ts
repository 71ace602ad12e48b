import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import { CompletionEntry, CompletionKind, completionsAt } from '../features/completion';
import { answer } from './answer';
import type { ServerFeature } from './context';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  layout: CompletionItemKind.Class,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
};

/** Completion of front-matter keys and values, and of pages in `_config.yml` lists of pages. */
export const completionFeature: ServerFeature = {
  capabilities: { completionProvider: { triggerCharacters: [':', ' ', '/', '-'] } },
  register(context) {
    context.connection.onCompletion((params) => answer(context, 'Completion', params.textDocument.uri, (document) => {
      const list = completionsAt(document.workspace, document.relPath, params.position, document.document?.getText());
      return list && { isIncomplete: list.incomplete, items: list.items.map(toItem) };
    }));
  },
};

function toItem(entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: KINDS[entry.kind],
    detail: entry.detail,
    documentation: entry.documentation === undefined ? undefined : { kind: MarkupKind.Markdown, value: entry.documentation },
    textEdit: { range: entry.range, newText: entry.newText },
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: entry.sortText,
    filterText: entry.filterText,
    command: entry.suggestAgain ? { title: 'Suggest values', command: 'editor.action.triggerSuggest' } : undefined,
  };
}
