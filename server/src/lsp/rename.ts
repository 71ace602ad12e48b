import { ResponseError } from 'vscode-languageserver/node';
import { prepareRenameAt, renameAt } from '../features/rename';
import { answer, workspaceEdit } from './answer';
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
        const edit = workspaceEdit(context, document.workspace, renamed.changes);
        return 'error' in edit ? edit : edit.edit;
      });
      // The author asked for something impossible (a name another page has): say why.
      if (result && 'error' in result) throw new ResponseError(0, result.error);
      return result;
    });
  },
};
