import * as vscode from 'vscode';

/** The moments of the extension's start-up, in the order they happen. */
export type StartupMark =
  | 'activate' | 'clientLoaded' | 'serverProcessStart' | 'serverLoaded' | 'serverReady' | 'siteIndexed' | 'siteChecked' | 'statusShown';

const DESCRIPTIONS: Record<StartupMark, string> = {
  activate: 'activation began',
  clientLoaded: 'the client\'s code was loaded',
  serverProcessStart: 'the language server\'s process started',
  serverLoaded: 'the language server\'s code was loaded',
  serverReady: 'the language server answered the handshake',
  siteIndexed: 'the site was read',
  siteChecked: 'the whole site was checked',
  statusShown: 'the status bar showed the problem counts',
};

/** One preview repaint: from the change to the frame that shows it, and parts of that. */
export interface Repaint {
  changeToPaintMs: number;
  /** The render request to the server. */
  renderMs: number;
  /** From posting the render to the webview to its paint. */
  webviewMs: number;
  /** Of `webviewMs`: sanitizing the render and updating the page with it. */
  applyMs: number;
  /** After the paint: until the extension heard of it (not part of the repaint). */
  reportMs: number;
  /** When the frame was painted (performance.now() of this process). */
  paintedAt: number;
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
      + `(render request ${repaint.renderMs} ms, webview ${repaint.webviewMs} ms of which ${repaint.applyMs} ms applying it)`);
  }
}
