import * as vscode from 'vscode';

/** After the editor is moved for the preview, its scroll is not sent back (the preview would jump). */
const ECHO_MS = 300;

/**
 * The editor side of scroll sync: the editor's top line goes to the previews of its document, and a
 * double click in a preview (a `revealLine` message) moves the editor to that line.
 */
export class EditorScrollSync implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private readonly movedByPreview = new Map<string, number>();

  constructor(scrollPreviews: (resource: vscode.Uri, line: number) => void) {
    this.subscription = vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
      const resource = event.textEditor.document.uri;
      const line = event.visibleRanges[0]?.start.line;
      if (line === undefined || Date.now() < (this.movedByPreview.get(resource.toString()) ?? 0)) return;
      scrollPreviews(resource, line);
    });
  }

  /** The line at the top of the editor showing `resource`, if one does. */
  topLine(resource: vscode.Uri): number | undefined {
    return editorOf(resource)?.visibleRanges[0]?.start.line;
  }

  async revealLine(resource: vscode.Uri, line: number): Promise<void> {
    this.movedByPreview.set(resource.toString(), Date.now() + ECHO_MS);
    const visible = editorOf(resource);
    const editor = await vscode.window.showTextDocument(resource, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside });
    const position = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function editorOf(resource: vscode.Uri): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === resource.toString());
}
