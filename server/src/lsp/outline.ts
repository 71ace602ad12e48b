import { DocumentSymbol, FoldingRangeKind, SymbolKind } from 'vscode-languageserver/node';
import { documentLinks, documentSymbols, foldingRanges, OutlineSymbol } from '../features/outline';
import { answer } from './answer';
import type { ServerFeature } from './context';

const KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  field: SymbolKind.Property,
  list: SymbolKind.Array,
  item: SymbolKind.Object,
  heading: SymbolKind.String,
};

/** The outline (front-matter fields, then headings; VS Code names the group "Front matter"), links from path values to files, and folding. */
export const outlineFeature: ServerFeature = {
  capabilities: { documentSymbolProvider: { label: 'Front matter' }, documentLinkProvider: { resolveProvider: false }, foldingRangeProvider: true },
  register(context) {
    const { connection } = context;
    connection.onDocumentSymbol((params) => answer(context, 'Document symbols', params.textDocument.uri, ({ workspace, relPath }) =>
      documentSymbols(workspace, relPath)?.map(toSymbol)));
    connection.onDocumentLinks((params) => answer(context, 'Document links', params.textDocument.uri, (document) =>
      documentLinks(document.workspace, document.relPath)
        ?.map((link) => ({ range: link.range, target: context.uriFor(document.workspace, link.file) }))));
    connection.onFoldingRanges((params) => answer(context, 'Folding ranges', params.textDocument.uri, ({ workspace, relPath }) =>
      foldingRanges(workspace, relPath)?.map((fold) => ({ ...fold, kind: fold.kind && FoldingRangeKind.Region }))));
  },
};

function toSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name, detail: symbol.detail, kind: KINDS[symbol.kind],
    range: symbol.range, selectionRange: symbol.selectionRange, children: symbol.children.map(toSymbol),
  };
}
