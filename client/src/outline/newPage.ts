import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NEW_PAGE_METHOD, NewPageParams, NewPageResult } from '../../../server/src/lsp/workbench-protocol';
import type { OutlineNode } from './siteOutline';

/** What the commands may be given: an outline node ("New page here"), or `{ title }` from a test or a keybinding. */
type NewPageArgument = OutlineNode | { title?: string; parent?: string } | vscode.Uri | undefined;

/**
 * "New page" and "New post": asks for the title, lets the server choose layout, place in the menu
 * and file name from the site and its schema, creates the file with the required fields as tab
 * stops, and opens it beside its preview. Returns the new file's URI.
 */
export async function createPage(client: LanguageClient | undefined, kind: 'page' | 'post', argument: NewPageArgument): Promise<vscode.Uri | undefined> {
  if (!client) {
    void vscode.window.showWarningMessage('The Jekyll Author language server is not running.');
    return undefined;
  }
  const given = argument && !(argument instanceof vscode.Uri) && !('kind' in argument) ? argument : undefined;
  const parent = argument && !(argument instanceof vscode.Uri) && 'kind' in argument && argument.kind === 'page' ? argument.item : undefined;
  const site = argument instanceof vscode.Uri ? argument : parent ? vscode.Uri.parse(parent.uri) : await siteFile();
  if (!site) {
    void vscode.window.showWarningMessage('Open a Jekyll site (a folder with `_config.yml`) to add pages to it.');
    return undefined;
  }
  const title = given?.title ?? await vscode.window.showInputBox({
    title: kind === 'post' ? 'New post' : parent ? `New page under "${parent.title}"` : 'New page',
    prompt: 'The title, as the menu and the page will show it',
    validateInput: (value) => (value.trim() === '' ? 'Give the page a title.' : undefined),
  });
  if (title === undefined) return undefined;
  const params: NewPageParams = {
    uri: client.code2ProtocolConverter.asUri(site), kind, title, parent: parent?.uri ?? given?.parent,
  };
  const result = await client.sendRequest<NewPageResult>(NEW_PAGE_METHOD, params);
  if ('error' in result) {
    void vscode.window.showWarningMessage(result.error);
    return undefined;
  }
  const uri = vscode.Uri.parse(result.uri);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`Could not create ${uri.fsPath}.`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(uri);
  await editor.insertSnippet(new vscode.SnippetString(result.snippet), new vscode.Position(0, 0));
  await vscode.commands.executeCommand('jekyllAuthor.showPreviewToSide', uri);
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  return uri;
}

/** The `_config.yml` of the active editor's site, else of the first site in the workspace. */
async function siteFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return active;
  const [config] = await vscode.workspace.findFiles('**/_config.yml', '**/{node_modules,_site,vendor}/**', 1);
  return config;
}
