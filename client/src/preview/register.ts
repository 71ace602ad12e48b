import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Timings } from '../timings';
import { PREVIEW_VIEW_TYPE, type PreviewState } from './messages';
import type { PreviewManager } from './previewManager';
import { SitePages } from './sitePages';

/**
 * The preview's commands and serializer, registered at activation. The preview's own code (with its
 * HTML parser) is a bundle of its own (scripts/build.mjs), loaded on the first preview, so that
 * activation does not pay for compiling it.
 */
export function registerPreview(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, timings: Timings): void {
  // The editor's preview button needs to know at once whether the active editor shows a page.
  const sitePages = new SitePages();
  let manager: PreviewManager | undefined;
  const load = (): PreviewManager => {
    if (!manager) {
      const { createPreviewManager } = require('./preview.js') as typeof import('./previewManager');
      manager = createPreviewManager(context, client, sitePages, timings);
      context.subscriptions.push(manager);
    }
    return manager;
  };
  context.subscriptions.push(
    sitePages,
    vscode.commands.registerCommand('jekyllAuthor.showPreview', (uri?: vscode.Uri) =>
      load().show(uri, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false })),
    vscode.commands.registerCommand('jekyllAuthor.showPreviewToSide', (uri?: vscode.Uri) =>
      load().show(uri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true })),
    vscode.commands.registerCommand('jekyllAuthor.togglePreviewLock', () => manager?.toggleLock()),
    // Internal, for the extension-host tests (not in package.json): what the last render showed.
    vscode.commands.registerCommand('jekyllAuthor.preview._lastRender', () => manager?.lastRenderRecord()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => load().revive(panel, state),
    }),
  );
}
