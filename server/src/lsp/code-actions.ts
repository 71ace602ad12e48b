import {
  CodeAction, CodeActionKind, CodeActionParams, Diagnostic as LspDiagnostic, Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver/node';
import { encoding } from '../rules/encoding';
import type { Diagnostic } from '../rules/rule';
import { compatibleEditGroups, RangeEdit, safeFixes } from '../service/fixes';
import type { ServerContext, ServerFeature, SiteDocument } from './context';
import { DIAGNOSTIC_SOURCE } from './convert';

/** The kind of "fix all safe problems": under `source.fixAll`, so `editor.codeActionsOnSave` can run it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.jekyll-author`;

/**
 * Quick fixes for the diagnostics under the cursor, and one action applying every safe fix of
 * the file. Fixes are always taken from a check of the text the author sees now, never from the
 * `data` of a published diagnostic: an edit elsewhere in the file can move what a fix replaces
 * (the end of the front matter, say) while the diagnostic itself stays where it was.
 */
export const codeActionFeature: ServerFeature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false } },
  register(context) {
    context.connection.onCodeAction(async (params) => {
      const document = await context.siteDocument(params.textDocument.uri);
      const text = document?.document?.getText();
      if (!document || text === undefined || text !== checkedText(document)) return [];
      const current = document.workspace.diagnosticsFor(document.relPath);
      // A file that is not UTF-8 is never written: an edit would replace its unreadable bytes for good.
      if (current.some((diagnostic) => diagnostic.code === encoding.id)) return [];
      const actions: CodeAction[] = [];
      if (wants(params, CodeActionKind.QuickFix)) actions.push(...quickFixes(context, document, params, current));
      if (wants(params, FIX_ALL_KIND)) {
        const fixAll = fixAllAction(context, document, text, current);
        if (fixAll) actions.push(fixAll);
      }
      return actions;
    });
  },
};

/** One action per fix of each diagnostic the client asks about that the file still has. */
function quickFixes(context: ServerContext, document: SiteDocument, params: CodeActionParams, current: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const asked of params.context.diagnostics) {
    if (asked.source !== DIAGNOSTIC_SOURCE) continue;
    // A diagnostic the file no longer has (it was published for an older text) gets no fixes. Clients
    // that count columns otherwise (Neovim 0.7 sends bytes) or send the cursor's range find it by overlap.
    const diagnostic = current.find((candidate) => sameDiagnostic(asked, candidate))
      ?? current.find((candidate) => asked.code === candidate.code && overlaps(asked.range, candidate.range));
    for (const fix of diagnostic?.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [asked],
        isPreferred: fix.preferred,
        edit: workspaceEdit(context, document, fix.edits),
      });
    }
  }
  return actions;
}

/** Every safe fix of the file in one edit (those that overlap another are left for the next run). */
function fixAllAction(context: ServerContext, document: SiteDocument, text: string, current: Diagnostic[]): CodeAction | undefined {
  const edits = compatibleEditGroups(text, safeFixes(current)).flat();
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe problems in this file', kind: FIX_ALL_KIND, edit: workspaceEdit(context, document, edits) };
}

/** Tied to the document's version when the client supports it, so that it is never applied to a newer text. */
function workspaceEdit(context: ServerContext, document: SiteDocument, edits: RangeEdit[]): WorkspaceEdit {
  const textEdits = edits.map((edit) => TextEdit.replace(edit.range, edit.newText));
  if (document.document && context.clientCapabilities().workspace?.workspaceEdit?.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.document.version }, textEdits)] };
  }
  return { changes: { [document.uri]: textEdits } };
}

/**
 * The text the workspace checked: an editor's buffer for pages and templates, but the saved file
 * for `_config.yml`, which is read from the disk (see `applyBuffer` in server.ts).
 */
function checkedText(document: SiteDocument): string | undefined {
  const { site } = document.workspace;
  if (document.relPath === '_config.yml') return site.config.text;
  return site.pages.get(document.relPath)?.text ?? document.document?.getText();
}

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

function sameDiagnostic(asked: LspDiagnostic, diagnostic: Diagnostic): boolean {
  return asked.code === diagnostic.code && asked.message === diagnostic.message
    && asked.range.start.line === diagnostic.range.start.line && asked.range.start.character === diagnostic.range.start.character
    && asked.range.end.line === diagnostic.range.end.line && asked.range.end.character === diagnostic.range.end.character;
}

/** Whether two ranges share a character, or touch where one is empty (a cursor). */
function overlaps(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  const touches = (x: Position, y: Position) => !before(y, x);
  const empty = (r: Range) => r.start.line === r.end.line && r.start.character === r.end.character;
  return empty(a) || empty(b)
    ? touches(a.start, b.end) && touches(b.start, a.end)
    : before(a.start, b.end) && before(b.start, a.end);
}
