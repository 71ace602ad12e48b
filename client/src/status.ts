import * as vscode from 'vscode';
import { SiteStateParams } from '../../server/src/lsp/workbench-protocol';

const SOURCE = 'jekyll-author';
/** Findings in files authors of pages rarely edit, counted apart. */
const TEMPLATE_OR_CONFIG = /\/(?:_layouts|_includes)\/|\/_config\.yml$/;

/**
 * The status bar item: "Checking 119 pages" until the server's first whole-site pass, then the
 * problems of the pages ("2 errors, 16 warnings") and, apart, those of templates and `_config.yml`.
 * A click opens the Problems panel, or the output when there is nothing to show.
 */
export class SiteStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('jekyllAuthor.status', vscode.StatusBarAlignment.Left, 10);
  private readonly states = new Map<string, SiteStateParams>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** `countsShown`: called each time the item shows the problem counts (the site is checked). */
  constructor(private readonly countsShown: () => void = () => undefined) {
    this.item.name = 'Jekyll Author';
    this.disposables.push(this.item, vscode.languages.onDidChangeDiagnostics(() => this.updateSoon()));
    this.item.text = '$(sync~spin) Jekyll: starting';
    this.history.push(this.item.text);
    this.item.command = 'jekyllAuthor.showOutput';
    this.item.show();
  }

  /** The server's news about a site. */
  siteState(params: SiteStateParams): void {
    this.states.set(params.root, params);
    this.update();
  }

  /** Every text the item has shown, oldest first (for the extension-host tests). */
  readonly history: string[] = [];

  private updateSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 100);
  }

  private update(): void {
    this.show();
    if (this.history[this.history.length - 1] !== this.item.text) this.history.push(this.item.text);
  }

  private show(): void {
    const states = [...this.states.values()];
    const checking = states.filter((state) => state.state === 'checking');
    if (states.length === 0 || checking.length > 0) {
      const pages = checking.reduce((sum, state) => sum + state.pages, 0);
      this.item.text = pages > 0 ? `$(sync~spin) Jekyll: checking ${plural(pages, 'page')}` : '$(sync~spin) Jekyll: reading the site';
      this.item.tooltip = 'Jekyll Author is checking the site: until it is done, no problems listed does not mean none.';
      this.item.command = 'jekyllAuthor.showOutput';
      return;
    }
    const pages = { error: 0, warning: 0, other: 0 };
    let templates = 0;
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      const ours = diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
      if (TEMPLATE_OR_CONFIG.test(uri.path)) {
        templates += ours.length;
        continue;
      }
      for (const diagnostic of ours) {
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) pages.error++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) pages.warning++;
        else pages.other++;
      }
    }
    const parts = [plural(pages.error, 'error'), plural(pages.warning, 'warning')].filter((part) => part !== '');
    const pageText = parts.length === 0 ? (pages.other > 0 ? plural(pages.other, 'note') : 'no problems') : parts.join(', ');
    const icon = pages.error > 0 ? '$(error)' : pages.warning > 0 ? '$(warning)' : '$(check)';
    this.item.text = `${icon} Jekyll: ${pageText}${templates > 0 ? ` (+${templates} in templates)` : ''}`;
    this.item.tooltip = `Pages: ${pageText}. Layouts, includes and _config.yml: ${templates === 0 ? 'no problems' : plural(templates, 'problem')}.`
      + ' (The setting jekyllAuthor.checkTemplates turns their checks off.)';
    this.item.command = pages.error + pages.warning + pages.other + templates > 0 ? 'workbench.actions.view.problems' : 'jekyllAuthor.showOutput';
    this.countsShown();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function plural(count: number, noun: string): string {
  return count === 0 ? '' : `${count} ${noun}${count === 1 ? '' : 's'}`;
}
