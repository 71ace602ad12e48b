import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const IMAGE = /\.(?:png|jpe?g|gif|svg|webp|avif)$/i;
const PAGE = /\.(?:md|markdown|html?)$/i;

/**
 * Dropping a file of the site from the Explorer into a page inserts its path as the site will
 * serve it (`/assets/img/map.png`, from the site root, not relative to the page): an image as
 * `![map](…)`, another file as a link; through `relative_url` when the page already writes its
 * links that way. Pages are left to VS Code (their URL is not their path).
 */
export class SitePathDropProvider implements vscode.DocumentDropEditProvider {
  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, transfer: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const list = await transfer.get('text/uri-list')?.asString();
    if (!list) return undefined;
    const root = siteRoot(document.uri.fsPath);
    if (!root) return undefined;
    const wrap = /\|\s*relative_url\s*\}\}/.test(document.getText());
    const snippets: string[] = [];
    for (const line of list.split(/\r?\n/)) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const file = vscode.Uri.parse(line.trim());
      if (file.scheme !== 'file' || PAGE.test(file.fsPath)) return undefined;
      const relative = path.relative(root, file.fsPath).split(path.sep).join('/');
      if (relative.startsWith('..') || relative.split('/').some((part) => part.startsWith('_'))) return undefined;
      const url = wrap ? `{{ '/${relative}' | relative_url }}` : `/${encodeURI(relative)}`;
      const name = path.posix.basename(relative).replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ');
      snippets.push(IMAGE.test(relative) ? `![${name}](${url})` : `[${name}](${url})`);
    }
    if (snippets.length === 0) return undefined;
    return new vscode.DocumentDropEdit(snippets.join('\n'));
  }
}

/** The folder holding the `_config.yml` above a file. */
function siteRoot(file: string): string | undefined {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '_config.yml'))) return dir;
  }
  return undefined;
}
