import { ResponseError, TextEdit } from 'vscode-languageserver/node';
import { prepareRenameAt, renameAt } from '../features/rename';
import { encoding } from '../rules/encoding';
import { answer } from './answer';
import type { ServerFeature } from './context';

/** Rename of a `section` (any value other pages' fields refer to) across the site, as one workspace edit. */
export const renameFeature: ServerFeature = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(context) {
    const { connection } = context;
    connection.onPrepareRename((params) => answer(context, 'Prepare rename', params.textDocument.uri, ({ workspace, relPath }) => {
      const target = prepareRenameAt(workspace, relPath, params.position);
      return target && { range: target.range, placeholder: target.placeholder };
    }));
    connection.onRenameRequest(async (params) => {
      const result = await answer(context, 'Rename', params.textDocument.uri, (document) => {
        const renamed = renameAt(document.workspace, document.relPath, params.position, params.newName);
        if (!renamed || 'error' in renamed) return renamed;
        // A file that is not UTF-8 is never written: the rename would be half done, so it is refused whole.
        const unreadable = [...renamed.changes.keys()].filter((file) => document.workspace.diagnosticsFor(file).some((d) => d.code === encoding.id));
        if (unreadable.length > 0) {
          return { error: `${unreadable.join(', ')} ${unreadable.length === 1 ? 'is' : 'are'} not UTF-8 text, and Jekyll Author never rewrites such a file. Save ${unreadable.length === 1 ? 'it' : 'them'} as UTF-8 first.` };
        }
        const changes: Record<string, TextEdit[]> = {};
        for (const [file, edits] of renamed.changes) changes[context.uriFor(document.workspace, file)] = edits;
        return { changes };
      });
      // The author asked for something impossible (a name another page has): say why.
      if (result && 'error' in result) throw new ResponseError(0, result.error);
      return result;
    });
  },
};
