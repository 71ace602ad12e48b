import * as vscode from 'vscode';

/** The moments of the extension's start-up, in the order they happen. */
export type StartupMark =
  | 'activate' | 'clientLoaded' | 'serverProcessStart' | 'serverLoaded' | 'serverReady'
  | 'siteIndexedByServer' | 'siteIndexed' | 'siteCheckedByServer' | 'siteChecked' | 'statusShown';

const DESCRIPTIONS: Record<StartupMark, string> = {
  activate: 'activation began',
  clientLoaded: 'the client\'s code was loaded',
  serverProcessStart: 'the language server\'s process started',
  serverLoaded: 'the language server\'s code was loaded',
  serverReady: 'the language server answered the handshake',
  siteIndexedByServer: 'the server had read the site',
  siteIndexed: 'the site was read (the server\'s news arrived)',
  siteCheckedByServer: 'the server had checked the whole site',
  siteChecked: 'the whole site was checked (the server\'s news arrived)',
  statusShown: 'the status bar showed the problem counts',
};

/** One preview repaint: from the change to the frame that shows it, and parts of that. */
export interface Repaint {
  changeToPaintMs: number;
  /** The render request to the server. */
  renderMs: number;
  /** Making the render ready for the webview (sanitizing it, mapping its URLs) and posting it. */
  contentMs: number;
  /** From posting the render to the webview to its paint. */
  webviewMs: number;
  /** Of `webviewMs`: until the message reached the webview's script (undefined when the clocks disagree). */
  deliveryMs: number | undefined;
  /** Of `webviewMs`: sanitizing the render and updating the page with it. */
  applyMs: number;
  /** After the paint: until the extension heard of it (not part of the repaint). */
  reportMs: number;
  /** When the frame was painted (performance.now() of this process). */
  paintedAt: number;
  /** The panel's number of the render painted. */
  version: number;
}

/** What the server tells of its own start in its initialize result (epoch milliseconds). */
export interface ServerStartup {
  processStart: number;
  loaded: number;
}

/**
 * Start-up and preview timestamps, in milliseconds since the extension host's process started,
 * written to the output channel as they happen (so that a user can read the breakdown from a run)
 * and kept for the extension-host timing test.
 */
export class Timings {
  readonly marks: Partial<Record<StartupMark, number>> = {};
  /** When diagnostics were last set for a file. */
  lastDiagnostics: number | undefined;
  /** Each preview repaint, from the change that caused it to the frame that shows it. */
  readonly repaints: Repaint[] = [];

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** Records the first time `name` happens (later ones are not start-up). */
  mark(name: StartupMark, at = performance.now()): void {
    if (this.marks[name] !== undefined) return;
    this.marks[name] = Math.round(at);
    const since = this.marks.activate === undefined || name === 'activate' ? '' : `, ${Math.round(at - this.marks.activate)} ms after activation`;
    this.channel.info(`[timing] ${DESCRIPTIONS[name]}: ${Math.round(at)} ms after the extension host started${since}`);
  }

  /** What the server said of the site's state, marked when it was sent (its clock) and when it arrived. */
  siteState(state: 'checking' | 'checked', pages: number, sentAt: number | undefined): void {
    if (state === 'checking' && pages === 0) return;
    const [sent, arrived]: StartupMark[] = state === 'checked' ? ['siteCheckedByServer', 'siteChecked'] : ['siteIndexedByServer', 'siteIndexed'];
    if (typeof sentAt === 'number') this.mark(sent, sentAt - performance.timeOrigin);
    this.mark(arrived);
  }

  /** The server's own start, from the epoch times it sent, on this process's clock. */
  server(startup: ServerStartup | undefined): void {
    if (typeof startup?.processStart !== 'number' || typeof startup.loaded !== 'number') return;
    this.mark('serverProcessStart', startup.processStart - performance.timeOrigin);
    this.mark('serverLoaded', startup.loaded - performance.timeOrigin);
  }

  diagnosticsSet(): void {
    this.lastDiagnostics = Math.round(performance.now());
  }

  repainted(repaint: Repaint): void {
    this.repaints.push(repaint);
    this.channel.trace(`[timing] preview repainted ${repaint.changeToPaintMs} ms after the change `
      + `(render request ${repaint.renderMs} ms, preparing it ${repaint.contentMs} ms, webview ${repaint.webviewMs} ms: the message's delivery ${repaint.deliveryMs ?? '?'} ms, `
      + `applying it ${repaint.applyMs} ms)`);
  }
}
