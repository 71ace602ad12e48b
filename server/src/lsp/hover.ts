import { MarkupKind } from 'vscode-languageserver/node';
import { hoverAt } from '../features/hover';
import { answer } from './answer';
import type { ServerFeature } from './context';

/** Hover on front-matter keys and on `layout`, reference (`parent`) and referred (`section`) values. */
export const hoverFeature: ServerFeature = {
  capabilities: { hoverProvider: true },
  register(context) {
    context.connection.onHover((params) => answer(context, 'Hover', params.textDocument.uri, ({ workspace, relPath }) => {
      const hover = hoverAt(workspace, relPath, params.position);
      return hover && { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range };
    }));
  },
};
