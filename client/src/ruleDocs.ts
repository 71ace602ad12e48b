import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const OPEN_RULE_DOCS = 'jekyllAuthor.openRuleDocs';

/**
 * Each problem links to its rule's page (`docs/rules/<id>.md`, shipped in the .vsix). The server
 * links the file, which any editor can open; in VS Code the link runs a command that shows the
 * page in VS Code's own Markdown preview, so that it reads as documentation and not as source.
 */
export function registerRuleDocs(context: vscode.ExtensionContext): { middleware: Middleware } {
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_RULE_DOCS, (id: string) => {
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return undefined;
    return vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`));
  }));
  return {
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        for (const diagnostic of diagnostics) {
          const code = diagnostic.code;
          if (typeof code === 'object' && code.target.scheme === 'file' && /\/docs\/rules\/[a-z0-9-]+\.md$/.test(code.target.path)) {
            diagnostic.code = { value: code.value, target: ruleDocsCommand(String(code.value)) };
          }
        }
        next(uri, diagnostics);
      },
    },
  };
}

export function ruleDocsCommand(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_RULE_DOCS}?${encodeURIComponent(JSON.stringify([id]))}`);
}
