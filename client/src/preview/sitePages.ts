import * as vscode from 'vscode';

/** Set while the active editor shows a page of a Jekyll site: the preview's keybindings and editor button use it. */
export const SITE_PAGE_CONTEXT_KEY = 'jekyllAuthor.isSitePage';
const PAGE_LANGUAGES = new Set(['markdown', 'html']);
/** Folders of a site whose files are not pages: templates, styles, data, the build, tools. */
const NOT_PAGES = /(?:^|\/)(?:_layouts|_includes|_sass|_data|_site|node_modules|vendor|\.[^/]*)\//;

/**
 * Which documents are pages of a Jekyll site: Markdown or HTML with a `_config.yml` in a folder above
 * (the site root), outside the folders Jekyll does not turn into pages.
 */
export class SitePages implements vscode.Disposable {
  /** Whether a folder holds a `_config.yml`, by folder URI. */
  private readonly hasConfig = new Map<string, Promise<boolean>>();
  private readonly disposables: vscode.Disposable[] = [];
  private contextUpdate = 0;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/_config.yml', false, true, false);
    const forget = () => {
      this.hasConfig.clear();
      void this.updateContextKey(vscode.window.activeTextEditor);
    };
    this.disposables.push(
      watcher, watcher.onDidCreate(forget), watcher.onDidDelete(forget),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.updateContextKey(editor)),
    );
    void this.updateContextKey(vscode.window.activeTextEditor);
  }

  async isSitePage(document: vscode.TextDocument): Promise<boolean> {
    if (document.uri.scheme !== 'file' || !PAGE_LANGUAGES.has(document.languageId)) return false;
    const root = await this.siteRootOf(document.uri);
    return root !== undefined && !NOT_PAGES.test(document.uri.path.slice(root.path.length));
  }

  private async siteRootOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const top = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    for (let folder = vscode.Uri.joinPath(uri, '..'); ; folder = vscode.Uri.joinPath(folder, '..')) {
      if (await this.folderHasConfig(folder)) return folder;
      const parent = vscode.Uri.joinPath(folder, '..');
      if ((top && folder.path === top.path) || parent.path === folder.path) return undefined;
    }
  }

  private folderHasConfig(folder: vscode.Uri): Promise<boolean> {
    const key = folder.toString();
    let known = this.hasConfig.get(key);
    if (!known) {
      known = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, '_config.yml'))).then(() => true, () => false);
      this.hasConfig.set(key, known);
    }
    return known;
  }

  private async updateContextKey(editor: vscode.TextEditor | undefined): Promise<void> {
    const update = ++this.contextUpdate;
    const isPage = editor ? await this.isSitePage(editor.document) : false;
    // A later editor change already answered.
    if (update === this.contextUpdate) await vscode.commands.executeCommand('setContext', SITE_PAGE_CONTEXT_KEY, isPage);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
