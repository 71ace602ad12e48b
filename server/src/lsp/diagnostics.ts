import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { yieldToRequests } from '../site/slices';
import type { Logger } from './context';
import { isTemplateOrConfig, toLspDiagnostic, uriToPath } from './convert';
import { describeError, WorkQueue } from './queue';
import type { OpenSite, SiteRegistry } from './sites';
import { withJson } from './transport';

/**
 * Quiet time after an edit before the files depending on it are checked (longer while checks are
 * slow). The edited document itself is checked at once, unless its check is slow.
 */
const DEBOUNCE_MS = 50;
/** An open document whose check takes longer than this waits for the debounce instead of being checked on every keystroke. */
const IMMEDIATE_CHECK_MS = 20;
/** The longest the dependants of edits wait while edits keep coming faster than the debounce. */
const MAX_FLUSH_WAIT_MS = 1000;
/** Edits closer together than this are one burst (no one types that fast): only its end is checked. */
const BURST_MS = 5;
/** Quiet time after the last edit before the whole site is checked again in the background. */
const SWEEP_DELAY_MS = 400;
/** How long checking may hold the event loop before it lets requests in. */
const SLICE_MS = 10;
const EMPTY = '[]';

/** What was last published for a URI: the diagnostics as JSON, and the file they are of. */
interface Sent {
  json: string;
  root: string;
  rel: string;
}

/**
 * Decides what to check and when, and publishes diagnostics: edits are coalesced (only the latest
 * text of a document is checked), the edited file goes first, its dependants after a debounce, and
 * the whole site once the edits stop. Only diagnostics that changed are sent.
 */
export class DiagnosticsScheduler {
  /** What was last published for each URI, so that only changes are sent and stale ones get cleared. */
  private readonly lastSent = new Map<string, Sent>();
  /** Files whose diagnostics must be published again, by site root. */
  private readonly pending = new Map<string, Set<string>>();
  /** Open documents whose buffers changed since they were last fed to their site. */
  private readonly dirtyDocuments = new Set<string>();
  /** When each open document last changed (performance.now()), to tell a burst of edits from typing. */
  private readonly lastChangeAt = new Map<string, number>();
  /** The pending check of each open document at the end of a burst of edits. */
  private readonly burstTimers = new Map<string, NodeJS.Timeout>();
  /**
   * How long the last two checks of each open document took (ms). The cheaper one tells a slow page:
   * one check held up by a garbage collection or a busy machine made the next keystroke wait for the
   * debounce (up to a second after a long whole-site pass).
   */
  private readonly checkCost = new Map<string, { last: number; typical: number }>();
  /** Checks start once the workspace folders have been read. */
  private ready = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** When the pending flush was first asked for (performance.now()). */
  private flushScheduledAt = 0;
  private lastFlushMs = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Something changed since the last whole-site pass. */
  private sweepNeeded = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly registry: SiteRegistry,
    private readonly queue: WorkQueue,
    private readonly log: Logger,
  ) {}

  /** Starts checking, at once (no edit to wait for); every open document is checked first. */
  start(): void {
    this.ready = true;
    for (const document of this.documents.all()) this.dirtyDocuments.add(document.uri);
    void this.queue.enqueue('Checking', () => this.flush());
  }

  /** Marks every file of the site to publish again, remembering when (see `scheduleSweep`). */
  markWholeSite(site: OpenSite): void {
    site.checkedWholeAt = site.workspace.version;
    this.markPending(site, site.workspace.checkedFiles());
  }

  /**
   * Forgets the last whole-site check once an edit tipped a site-wide index. Asking after each
   * edit also keeps the indexes edits left right from being taken as stale after many edits.
   */
  private noteSiteWideChanges(site: OpenSite): void {
    if (site.checkedWholeAt !== undefined && site.workspace.siteWideChangedSince(site.checkedWholeAt)) site.checkedWholeAt = undefined;
  }

  /** Marks files to publish again; `changedSite` also asks for a whole-site pass once edits stop. */
  markPending(site: OpenSite, files: Iterable<string>, changedSite = false): void {
    if (changedSite) this.sweepNeeded = true;
    let set = this.pending.get(site.root);
    if (!set) this.pending.set(site.root, (set = new Set()));
    for (const file of files) set.add(file);
  }

  /**
   * An open document's text changed: check it now when that is cheap, else after the debounce. An
   * edit that follows the last one within `BURST_MS` (a paste of many changes, a tool editing) is
   * checked once the burst has been quiet for as long, so that only the text it ends with is checked,
   * not each step of it. (It used to wait for the debounce of the dependants, which grows with the
   * last whole-site pass to a second: a keystroke sent just after the last one's diagnostics waited it.)
   */
  documentChanged(uri: string): void {
    const now = performance.now();
    const inBurst = now - (this.lastChangeAt.get(uri) ?? -Infinity) < BURST_MS;
    this.lastChangeAt.set(uri, now);
    this.dirtyDocuments.add(uri);
    if (!this.ready || (this.checkCost.get(uri)?.typical ?? 0) > IMMEDIATE_CHECK_MS) this.scheduleFlush(true);
    else if (inBurst) this.checkAfterBurst(uri);
    else void this.queue.enqueue('Checking an edit', () => this.checkEdit(uri));
  }

  /** Checks the document once no edit of it came for `BURST_MS`. */
  private checkAfterBurst(uri: string): void {
    clearTimeout(this.burstTimers.get(uri));
    this.burstTimers.set(uri, setTimeout(() => {
      this.burstTimers.delete(uri);
      void this.queue.enqueue('Checking an edit', () => this.checkEdit(uri));
    }, BURST_MS));
  }

  /**
   * Feeds an open document's latest buffer to its site if it changed since (a request wants the
   * text the author sees). Runs inside the queue.
   */
  applyIfDirty(site: OpenSite, relPath: string, document: TextDocument | undefined): void {
    if (!document || !this.dirtyDocuments.delete(document.uri)) return;
    const change = this.registry.applyBuffer(site, relPath, document);
    this.markPending(site, change.files, change.changedSite);
    this.scheduleFlush();
  }

  /** A document was closed: forget its buffer; its file is checked again as it is on the disk. */
  documentClosed(uri: string): void {
    this.dirtyDocuments.delete(uri);
    this.checkCost.delete(uri);
    this.lastChangeAt.delete(uri);
    clearTimeout(this.burstTimers.get(uri));
    this.burstTimers.delete(uri);
    void this.queue.enqueue('Closing a document', () => {
      const abs = uriToPath(uri);
      const site = abs === undefined ? undefined : this.registry.siteOf(abs);
      const rel = site && abs !== undefined ? site.workspace.relativePath(abs) : undefined;
      if (!site || rel === undefined) {
        this.clear(uri);
        return;
      }
      // Back to what is on the disk (the buffer may have been closed without saving).
      this.markPending(site, this.registry.isDiskOnly(site, rel) ? [rel] : site.workspace.updateFile(rel), true);
      this.scheduleFlush();
    });
  }

  /** A site was closed: clears what was published for its files that no other site holds. */
  siteClosed(site: OpenSite): void {
    this.pending.delete(site.root);
    for (const uri of [...this.lastSent.keys()]) {
      const abs = uriToPath(uri);
      if (abs !== undefined && site.workspace.relativePath(abs) !== undefined && this.registry.siteOf(abs) === undefined) this.clear(uri);
    }
  }

  /**
   * Checks what is pending after the debounce. `afterEdit` starts the quiet time again, so that
   * while an author (or a tool) types faster than it, the dependants are checked in a pause rather
   * than between two keystrokes, where the next one would wait for them; at most `MAX_FLUSH_WAIT_MS` late.
   */
  scheduleFlush(afterEdit = false): void {
    if (!this.ready) return;
    if (this.flushTimer) {
      if (!afterEdit || performance.now() - this.flushScheduledAt > MAX_FLUSH_WAIT_MS) return;
      clearTimeout(this.flushTimer);
    } else {
      this.flushScheduledAt = performance.now();
    }
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.queue.enqueue('Checking', () => this.flush());
    }, Math.max(DEBOUNCE_MS, Math.min(this.lastFlushMs, 1000)));
  }

  private clear(uri: string): void {
    const sent = this.lastSent.get(uri);
    this.lastSent.delete(uri);
    if (sent !== undefined && sent.json !== EMPTY) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Feeds a changed open document to its site and marks what to check again; returns where it is. */
  private async applyDirtyDocument(uri: string): Promise<{ site: OpenSite; rel: string } | undefined> {
    this.dirtyDocuments.delete(uri);
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const { site, rel } = this.registry.locate(uri) ?? await this.openSiteFor(uri);
    if (!site || rel === undefined) return undefined;
    try {
      const change = this.registry.applyBuffer(site, rel, document);
      this.markPending(site, change.files, change.changedSite);
      if (change.changedSite) this.noteSiteWideChanges(site);
    } catch (error) {
      this.log.error(`Could not read ${rel} in ${site.root}: ${describeError(error)}`);
      this.markPending(site, [rel]);
    }
    return { site, rel };
  }

  /** A document outside every open site: opens the site above it, if there is one. */
  private async openSiteFor(uri: string): Promise<{ site?: OpenSite; rel?: string }> {
    const abs = uriToPath(uri);
    const site = abs === undefined ? undefined : await this.registry.openSiteForFile(abs);
    return { site, rel: abs === undefined ? undefined : site?.workspace.relativePath(abs) };
  }

  /** Checks an edited document and publishes it now; its dependants wait for the debounced flush. */
  private async checkEdit(uri: string): Promise<void> {
    // Already applied (by a request, or a flush that ran first): a later edit's check covers it.
    if (!this.dirtyDocuments.has(uri)) return;
    const applied = await this.applyDirtyDocument(uri);
    if (applied) {
      this.pending.get(applied.site.root)?.delete(applied.rel);
      void this.publish(applied.site, applied.rel, true);
    }
    this.scheduleFlush(true);
  }

  private async flush(): Promise<void> {
    const started = Date.now();
    for (const uri of [...this.dirtyDocuments]) await this.applyDirtyDocument(uri);
    let sliceStart = performance.now();
    let sending: Promise<void> | undefined;
    let interrupted = false;
    for (const { site, rel, open } of this.takePending()) {
      sending = this.publish(site, rel, open) ?? sending;
      if (performance.now() - sliceStart >= SLICE_MS && this.pending.size > 0) {
        // The writer sends one message per turn of the event loop: with thousands queued, an answer
        // to a request would wait behind them all. Let it send this slice's before checking more.
        await sending;
        await yieldToRequests();
        sliceStart = performance.now();
        // Edits and requests that arrived meanwhile go first; what is still pending is checked after them.
        if (this.dirtyDocuments.size > 0 || this.queue.waiting > 0) {
          interrupted = true;
          break;
        }
      }
    }
    this.lastFlushMs = Date.now() - started;
    for (const site of this.registry.sites.values()) {
      if (site.indexingSince === undefined || this.pending.has(site.root)) continue;
      this.log.info(`Checked ${site.root}: ${site.workspace.checkedFiles().length} files in ${Date.now() - site.indexingSince} ms.`);
      site.indexingSince = undefined;
      this.registry.progress.checked(site.root, site.workspace.site.pages.size);
    }
    // Only requests cut in: go on right after them, with no debounce (no edit to wait out).
    if (interrupted && this.dirtyDocuments.size === 0) void this.queue.enqueue('Checking', () => this.flush());
    else if (this.dirtyDocuments.size > 0 || this.pending.size > 0) this.scheduleFlush();
    else if (this.sweepNeeded) this.scheduleSweep();
  }

  /**
   * Takes the pending files one at a time, open documents first (the file being edited is answered
   * before a long whole-site pass); what is not taken yet stays pending.
   */
  private *takePending(): Generator<{ site: OpenSite; rel: string; open: boolean }> {
    for (const openFirst of [true, false]) {
      for (const [root, files] of this.pending) {
        const site = this.registry.sites.get(root);
        if (!site) {
          this.pending.delete(root);
          continue;
        }
        const openFiles = this.registry.openFiles(site);
        for (const rel of openFirst ? openFiles : files) {
          if (!files.delete(rel)) continue;
          if (files.size === 0) this.pending.delete(root);
          yield { site, rel, open: openFiles.has(rel) };
        }
        if (files.size === 0) this.pending.delete(root);
      }
    }
  }

  /**
   * An edit re-checks the file and its dependants at once. Some rules also read site-wide
   * indexes (what share of pages follow a pattern, what reaches a page) that an edit can tip:
   * once the edits stop, if one of them changed, the whole site is checked again in the background
   * and only what differs is sent. Else only `_config.yml` is, whose checks read every page.
   */
  private scheduleSweep(): void {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      if (this.dirtyDocuments.size > 0 || this.pending.size > 0) return;
      void this.queue.enqueue('Re-checking the sites', async () => {
        this.sweepNeeded = false;
        for (const site of this.registry.sites.values()) {
          if (site.checkedWholeAt !== undefined && !site.workspace.siteWideChangedSince(site.checkedWholeAt)) {
            if (site.workspace.site.hasConfig) this.markPending(site, ['_config.yml']);
            continue;
          }
          this.markWholeSite(site);
          // Files that had diagnostics and are no longer checked (deleted, now excluded) get them cleared.
          for (const sent of this.lastSent.values()) {
            if (sent.root === site.root && sent.json !== EMPTY) this.markPending(site, [sent.rel]);
          }
        }
        await this.flush();
      });
    }, SWEEP_DELAY_MS);
  }

  /** Checks a file and sends its diagnostics if they changed; returns the sending, which ends once written. */
  private publish(site: OpenSite, rel: string, open: boolean): Promise<void> | undefined {
    const uri = this.registry.uriFor(site, rel);
    let diagnostics;
    const started = performance.now();
    try {
      diagnostics = hiddenByAuthor(site, rel) ? [] : site.workspace.diagnosticsFor(rel).map((d) => toLspDiagnostic(d, (file) => this.registry.uriFor(site, file)));
    } catch (error) {
      this.log.error(`Checking ${rel} in ${site.root} failed: ${describeError(error)}`);
      return undefined;
    }
    if (open) {
      const took = performance.now() - started;
      this.checkCost.set(uri, { last: took, typical: Math.min(took, this.checkCost.get(uri)?.last ?? took) });
    }
    const json = JSON.stringify(diagnostics);
    const previous = this.lastSent.get(uri)?.json;
    // Unchanged: nothing to send. Clean and never reported: nothing to say, unless the author is looking at it.
    if (previous === json || (previous === undefined && json === EMPTY && !open)) return undefined;
    this.lastSent.set(uri, { json, root: site.root, rel });
    // Written with the JSON just made for the comparison, not serialised a second time.
    return this.connection.sendDiagnostics(withJson({ uri, diagnostics }, `{"uri":${JSON.stringify(uri)},"diagnostics":${json}}`));
  }
}

/** Templates and `_config.yml` are left unchecked when the author turned `checkTemplates` off. */
function hiddenByAuthor(site: OpenSite, rel: string): boolean {
  return !site.settings.checkTemplates && isTemplateOrConfig(site.workspace.site.classify(rel));
}
