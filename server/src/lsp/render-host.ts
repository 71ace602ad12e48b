/**
 * Runs the preview's renders in a worker thread (render-worker.ts), one at a time, so that no request
 * of the editor waits for a render: the worker has a memory limit and a time limit, a cancelled or
 * superseded render stops it, and the next render starts a fresh one.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { RenderOptions } from '../render/page';
import type { FileChange, Site } from '../site/site';
import type { RenderAnswer, RenderedShell, RenderJob, WorkerMessage } from './render-worker';

export interface RenderLimits {
  /** How long one render may run, from when the worker has its site up to date. */
  timeMs: number;
  /** The worker's heap (V8's old generation), in MB. */
  memoryMb: number;
}

/**
 * Rendered in pieces, a 5 MB page of Liquid tags takes about 3 s of processor time and 150 MB at most,
 * a 50 MB one about 25 s and 300 MB on a busy machine: the limits let such pages finish and stop a
 * template that never ends. Only the preview waits meanwhile, and a newer render of the page stops it.
 */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { timeMs: 30_000, memoryMb: 1536 };

/** Why a render has no page: the message is for the author, in the preview. */
export class RenderFailure extends Error {
  constructor(message: string, readonly reason: 'too-large' | 'cancelled' | 'not-a-page' | 'failed') {
    super(message);
  }
}

interface Request {
  site: Site;
  relPath: string;
  options: RenderOptions;
  /** The editors' texts of the site's files, for a worker that reads the site afresh from the disk. */
  editorTexts: () => FileChange[];
  /** The shell the asker holds: the worker may render only the body. */
  bodyOf?: string;
  resolve(page: RenderAnswer): void;
  reject(failure: RenderFailure): void;
}

interface Running {
  id: number;
  request: Request;
  timer?: NodeJS.Timeout;
}

export class RenderHost {
  private worker: Worker | undefined;
  /** When the current worker has loaded the engine: how long it took. */
  private ready: Promise<number | undefined> | undefined;
  /** The model object of each site the current worker holds, by root. */
  private readonly held = new Map<string, Site>();
  /** Each followed site's changes not sent to the worker yet, by file, the latest change of a file last. */
  private readonly unsent = new WeakMap<Site, Map<string, FileChange>>();
  private readonly waiting: Request[] = [];
  private running: Running | undefined;
  private nextId = 1;

  constructor(
    private readonly limits: RenderLimits = DEFAULT_RENDER_LIMITS,
    private readonly script = path.join(__dirname, 'render-worker-entry.js'),
  ) {}

  /**
   * Renders a page of `site` as the model has it now; a newer render of the same page cancels this one.
   * Given the shell of the last render (`bodyOf`), the answer may be the body alone (see render-worker.ts).
   */
  render(site: Site, relPath: string, options: RenderOptions, editorTexts: () => FileChange[], token?: CancellationToken): Promise<RenderedShell>;
  render(site: Site, relPath: string, options: RenderOptions, editorTexts: () => FileChange[], token: CancellationToken | undefined, bodyOf: string | undefined): Promise<RenderAnswer>;
  render(site: Site, relPath: string, options: RenderOptions, editorTexts: () => FileChange[], token?: CancellationToken, bodyOf?: string): Promise<RenderAnswer> {
    return new Promise<RenderAnswer>((resolve, reject) => {
      const request: Request = { site, relPath, options, editorTexts, bodyOf, resolve, reject };
      for (const older of [...this.waiting, ...(this.running ? [this.running.request] : [])]) {
        if (older.site === site && older.relPath === relPath) this.cancel(older);
      }
      if (token?.isCancellationRequested) return reject(cancelled());
      const subscription = token?.onCancellationRequested(() => this.cancel(request));
      const settle = <T>(settleWith: (value: T) => void) => (value: T) => {
        subscription?.dispose();
        settleWith(value);
      };
      request.resolve = settle(resolve);
      request.reject = settle(reject);
      this.waiting.push(request);
      this.startNext();
    });
  }

  /**
   * Starts the worker now, so that the first render does not wait for it to load the engine; resolves
   * with how long that took, once it has (undefined when the worker stopped first).
   */
  warm(): Promise<number | undefined> {
    this.ensureWorker();
    return this.ready!;
  }

  /** Stops the worker (the server is shutting down). */
  dispose(): void {
    for (const request of this.waiting.splice(0)) request.reject(cancelled());
    if (this.running) this.running.request.reject(cancelled());
    this.stopWorker();
  }

  private cancel(request: Request): void {
    const at = this.waiting.indexOf(request);
    if (at !== -1) {
      this.waiting.splice(at, 1);
      request.reject(cancelled());
    } else if (this.running?.request === request) {
      this.abort(cancelled());
    }
  }

  private startNext(): void {
    if (this.running) return;
    const request = this.waiting.shift();
    if (!request) return;
    const worker = this.ensureWorker();
    const { site } = request;
    this.follow(site);
    const reload = this.held.get(site.root) !== site;
    const unsent = this.unsent.get(site)!;
    const changes = reload ? request.editorTexts() : [...unsent.values()];
    unsent.clear();
    this.held.set(site.root, site);
    const job: RenderJob = { id: this.nextId++, root: site.root, siteOptions: site.options, reload, changes, relPath: request.relPath, options: request.options, bodyOf: request.bodyOf };
    this.running = { id: job.id, request };
    worker.postMessage(job);
  }

  /** Records the site's changes from now on, for the worker to apply before its next render of the site. */
  private follow(site: Site): void {
    if (this.unsent.has(site)) return;
    const unsent = new Map<string, FileChange>();
    this.unsent.set(site, unsent);
    site.onFileChange = (change) => {
      unsent.delete(change.relPath);
      unsent.set(change.relPath, change);
    };
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    // The server exits when its client goes, whatever the worker is doing.
    worker.unref();
    const started = performance.now();
    this.ready = new Promise((resolve) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') resolve(Math.round(performance.now() - started));
      });
      worker.once('exit', () => resolve(undefined));
    });
    worker.on('message', (message: WorkerMessage) => this.received(worker, message));
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      this.abort(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new RenderFailure(`This page is too large to preview: rendering needed more than ${this.limits.memoryMb} MB of memory and was stopped.`, 'too-large')
        : new RenderFailure(`The preview's renderer stopped unexpectedly (${error.message}); the next render starts it again.`, 'failed'));
    });
    worker.on('exit', () => {
      if (worker === this.worker) this.abort(new RenderFailure('The preview\'s renderer stopped unexpectedly; the next render starts it again.', 'failed'));
    });
    this.worker = worker;
    return worker;
  }

  private received(worker: Worker, message: WorkerMessage): void {
    const running = this.running;
    if (worker !== this.worker || !running || message.kind === 'ready' || running.id !== message.id) return;
    if (message.kind === 'started') {
      running.timer = setTimeout(() => this.abort(new RenderFailure(
        `This page is too large to preview: rendering stopped after ${this.limits.timeMs / 1000} s.`, 'too-large')), this.limits.timeMs);
      return;
    }
    clearTimeout(running.timer);
    this.running = undefined;
    if (message.kind === 'done') running.request.resolve(message.page);
    else running.request.reject(new RenderFailure(message.message, message.notAPage ? 'not-a-page' : 'failed'));
    this.startNext();
  }

  /** Ends the running render with `failure`, stopping its worker: the next render starts a fresh one. */
  private abort(failure: RenderFailure): void {
    const running = this.running;
    this.running = undefined;
    this.stopWorker();
    if (running) {
      clearTimeout(running.timer);
      running.request.reject(failure);
    }
    this.startNext();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.held.clear();
    void worker?.terminate();
  }
}

function cancelled(): RenderFailure {
  return new RenderFailure('The render was cancelled.', 'cancelled');
}
