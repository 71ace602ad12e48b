import type { ClientCapabilities, Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { pathToUri } from './convert';
import { SITE_STATE_METHOD, SiteStateParams } from './workbench-protocol';

/**
 * Says where the checking of each site stands, so that an author can tell "checked and clean" from
 * "not checked yet": LSP work-done progress while a site is read and checked ("Checking 119
 * pages"), and `jekyllAuthor/siteState` for the client's status bar.
 */
export class SiteProgress {
  private readonly reporters = new Map<string, Promise<WorkDoneProgressServerReporter | undefined>>();
  /** Called after each site's first whole-site pass is published. */
  readonly onChecked: (() => void)[] = [];

  constructor(private readonly connection: Connection, private readonly capabilities: () => ClientCapabilities) {}

  /** The site at `root` is being read. */
  reading(root: string): void {
    this.notify({ root: pathToUri(root), state: 'checking', pages: 0 });
    if (!this.capabilities().window?.workDoneProgress || this.reporters.has(root)) return;
    this.reporters.set(root, this.connection.window.createWorkDoneProgress().then((reporter) => {
      reporter.begin('Jekyll Author', undefined, 'Reading the site');
      return reporter;
    }, () => undefined));
  }

  /** The site is read; its `pages` are being checked. */
  checking(root: string, pages: number): void {
    this.notify({ root: pathToUri(root), state: 'checking', pages });
    void this.reporters.get(root)?.then((reporter) => reporter?.report(`Checking ${pages} ${pages === 1 ? 'page' : 'pages'}`));
  }

  /** The first whole-site pass is published: from now on no problems means none. */
  checked(root: string, pages: number): void {
    this.notify({ root: pathToUri(root), state: 'checked', pages });
    const reporter = this.reporters.get(root);
    this.reporters.delete(root);
    void reporter?.then((each) => each?.done());
    for (const listener of this.onChecked) listener();
  }

  private notify(params: SiteStateParams): void {
    void this.connection.sendNotification(SITE_STATE_METHOD, { ...params, sentAt: performance.timeOrigin + performance.now() });
  }
}
