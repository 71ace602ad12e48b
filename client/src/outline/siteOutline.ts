import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  MOVE_IN_OUTLINE_METHOD, MoveInOutlineParams, MoveInOutlineResult, OutlineItem, OutlineSection, SITE_OUTLINE_METHOD,
  SiteOutlineParams, SiteOutlineResult,
} from '../../../server/src/lsp/workbench-protocol';

/** The tree's own drag type: pages dragged within the outline. */
const DRAG_MIME = 'application/vnd.code.tree.jekyllauthor.siteoutline';
/** Quiet time after the last edit of a page before the outline asks the server again. */
const REFRESH_DELAY_MS = 400;

/** A node of the tree: a group (the menu, posts, pages no menu reaches), or a page in it. */
export type OutlineNode =
  | { kind: 'section'; section: OutlineSection }
  | { kind: 'page'; item: OutlineItem; parent: OutlineNode; siteRoot: string };

/**
 * The site as its menus show it, in the Explorer and in its own view: groups, then pages under
 * their parents in menu order. Dragging a page onto a sibling puts it in that sibling's place;
 * onto another page, makes it that page's last child. The server computes the edit.
 */
export class SiteOutlineProvider implements vscode.TreeDataProvider<OutlineNode>, vscode.TreeDragAndDropController<OutlineNode>, vscode.Disposable {
  readonly dragMimeTypes = [DRAG_MIME];
  readonly dropMimeTypes = [DRAG_MIME];
  private readonly changed = new vscode.EventEmitter<OutlineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private outlines: { result: SiteOutlineResult; nodes: OutlineNode[] }[] | undefined;
  private loading: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    const pageChanged = (uri: vscode.Uri) => {
      if (/\.(?:md|markdown|html?|ya?ml)$/i.test(uri.path) && !/\/_site\//.test(uri.path)) this.refreshSoon();
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.changed, watcher,
      watcher.onDidCreate(pageChanged), watcher.onDidDelete(pageChanged), watcher.onDidChange(pageChanged),
      vscode.workspace.onDidChangeTextDocument((event) => { if (event.contentChanges.length > 0) pageChanged(event.document.uri); }),
    );
  }

  /** Asks the server again after a quiet moment (edits come in bursts). */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.outlines = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** The tree as the view shows it, loaded if need be (for the tests and for `reveal`). */
  async roots(): Promise<OutlineNode[]> {
    if (!this.outlines) await (this.loading ??= this.load());
    return (this.outlines ?? []).flatMap((outline) => outline.nodes);
  }

  private async load(): Promise<void> {
    const client = this.client();
    const configs = await vscode.workspace.findFiles('**/_config.yml', '**/{node_modules,_site,vendor}/**', 10);
    const outlines: { result: SiteOutlineResult; nodes: OutlineNode[] }[] = [];
    for (const config of configs) {
      if (!client) break;
      const params: SiteOutlineParams = { uri: client.code2ProtocolConverter.asUri(config) };
      let result: SiteOutlineResult | { error: string };
      try {
        result = await client.sendRequest<SiteOutlineResult | { error: string }>(SITE_OUTLINE_METHOD, params);
      } catch {
        // The server is starting or restarting: its state notification will ask again.
        continue;
      }
      if ('error' in result || outlines.some((outline) => outline.result.root === result.root)) continue;
      outlines.push({ result, nodes: result.sections.map((section) => ({ kind: 'section', section })) });
    }
    this.outlines = outlines;
  }

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    if (node.kind === 'section') {
      const item = new vscode.TreeItem(node.section.label, node.section.id === 'menu' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.section.id}`;
      item.description = `${countPages(node.section.items)} ${countPages(node.section.items) === 1 ? 'page' : 'pages'}`;
      item.contextValue = node.section.id === 'menu' ? 'jekyllAuthor.menu' : 'jekyllAuthor.group';
      item.iconPath = new vscode.ThemeIcon(node.section.id === 'unreached' ? 'eye-closed' : node.section.id === 'menu' ? 'list-tree' : 'files');
      return item;
    }
    const { item: page } = node;
    const item = new vscode.TreeItem(page.title, page.children.length > 0
      ? (node.parent.kind === 'section' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed)
      : vscode.TreeItemCollapsibleState.None);
    item.id = `${sectionOf(node).section.id}:${page.relPath}`;
    // The resource gives the item the Explorer's problem badge and colour.
    item.resourceUri = vscode.Uri.parse(page.uri);
    item.description = page.order === undefined ? page.url : `${page.order} · ${page.url}`;
    item.tooltip = new vscode.MarkdownString(`**${page.title}**\n\n\`${page.relPath}\`, published at \`${page.url}\``);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
    item.contextValue = 'jekyllAuthor.page';
    return item;
  }

  async getChildren(node?: OutlineNode): Promise<OutlineNode[]> {
    if (!node) return this.roots();
    const items = node.kind === 'section' ? node.section.items : node.item.children;
    const siteRoot = node.kind === 'page' ? node.siteRoot : this.rootOf(node);
    return items.map((item) => ({ kind: 'page', item, parent: node, siteRoot }));
  }

  getParent(node: OutlineNode): OutlineNode | undefined {
    return node.kind === 'page' ? node.parent : undefined;
  }

  private rootOf(section: OutlineNode): string {
    return this.outlines?.find((outline) => outline.nodes.includes(section))?.result.root ?? '';
  }

  handleDrag(nodes: readonly OutlineNode[], transfer: vscode.DataTransfer): void {
    const pages = nodes.filter((node) => node.kind === 'page');
    if (pages.length > 0) transfer.set(DRAG_MIME, new vscode.DataTransferItem(pages));
  }

  async handleDrop(target: OutlineNode | undefined, transfer: vscode.DataTransfer): Promise<void> {
    const dragged = transfer.get(DRAG_MIME)?.value as OutlineNode[] | undefined;
    if (!dragged || dragged.length === 0 || !target) return;
    if (dragged.length > 1) {
      void vscode.window.showWarningMessage('Move one page at a time: each move changes the menu order around it.');
      return;
    }
    await this.move(dragged[0], target);
  }

  /** Moves a page onto another node as a drop does; resolves once the edit is applied (or refused). */
  async move(source: OutlineNode, target: OutlineNode): Promise<string> {
    const client = this.client();
    if (source.kind !== 'page' || !client) return 'nothing to move';
    if (target.kind === 'section') {
      const message = target.section.id === 'menu'
        ? 'The pages at the top of the menu come from a list in `_config.yml` (such as `header_pages`): add or move the page there.'
        : 'A page cannot be dropped on a group: drop it on the page it should go under, or on the sibling whose place it should take.';
      void vscode.window.showWarningMessage(message);
      return message;
    }
    if (target.item.uri === source.item.uri) return 'same page';
    const sameParent = source.parent.kind === 'page' && target.parent.kind === 'page' && source.parent.item.uri === target.parent.item.uri;
    const params: MoveInOutlineParams = { uri: source.item.uri, target: target.item.uri, position: sameParent ? 'before' : 'under' };
    const result = await client.sendRequest<MoveInOutlineResult>(MOVE_IN_OUTLINE_METHOD, params);
    if ('error' in result) {
      void vscode.window.showWarningMessage(result.error);
      return result.error;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
    if (!edit || !(await vscode.workspace.applyEdit(edit))) return 'The edit could not be applied.';
    vscode.window.setStatusBarMessage(`${result.summary} Save the changed files to keep it; Undo takes it back.`, 8000);
    this.refreshSoon();
    return result.summary;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function sectionOf(node: OutlineNode): Extract<OutlineNode, { kind: 'section' }> {
  let current = node;
  while (current.kind === 'page') current = current.parent;
  return current;
}

function countPages(items: OutlineItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countPages(item.children), 0);
}
