/**
 * The preview's renders run here, in a worker thread started by render-host.ts: a page that takes
 * long or needs much memory stops this thread, never the server's answers to other requests. The
 * worker keeps each site it was sent loaded, and follows the changes the server's own model sees.
 */
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { NotAPageError, renderPage, type RenderedPage, type RenderOptions } from '../render/page';
import { Site, type FileChange, type SiteOptions } from '../site/site';

/** One render, as the host sends it. */
export interface RenderJob {
  id: number;
  root: string;
  siteOptions: SiteOptions;
  /** Read the site from the disk first (a new worker, or a site it does not hold yet); `changes` are then the editors' texts. */
  reload: boolean;
  /** What changed in the server's model of the site since the last job of this site, in order. */
  changes: FileChange[];
  relPath: string;
  options: RenderOptions;
}

export type WorkerMessage =
  /** The worker has loaded the engine, before any job. */
  | { kind: 'ready' }
  /** The site is up to date and the render itself starts: the host's time limit counts from here. */
  | { id: number; kind: 'started' }
  | { id: number; kind: 'done'; page: RenderedPage }
  | { id: number; kind: 'failed'; message: string; notAPage: boolean };

const sites = new Map<string, Site>();

function siteFor(job: RenderJob): Site {
  let site = sites.get(job.root);
  if (!site || job.reload) {
    site = Site.load(job.root, job.siteOptions);
    sites.set(job.root, site);
  }
  for (const change of job.changes) {
    if (change.deleted) site.deleteFile(change.relPath);
    else if (!job.reload || change.text !== diskText(site, change.relPath)) site.setFile(change.relPath, change.text);
  }
  return site;
}

function diskText(site: Site, relPath: string): string | undefined {
  try {
    return fs.readFileSync(site.absolutePath(relPath), 'utf8');
  } catch {
    return undefined;
  }
}

async function run(job: RenderJob): Promise<WorkerMessage> {
  try {
    const site = siteFor(job);
    parentPort!.postMessage({ id: job.id, kind: 'started' } satisfies WorkerMessage);
    // The host's time limit stops this thread: no template is cut short by liquidjs's own limit.
    return { id: job.id, kind: 'done', page: await renderPage(site, job.relPath, { ...job.options, timeLimitMs: Infinity }) };
  } catch (error) {
    return { id: job.id, kind: 'failed', message: error instanceof Error ? error.message : String(error), notAPage: error instanceof NotAPageError };
  }
}

let afterRender: (() => void) | undefined;

/** Runs `then` once the next render is answered (render-worker-entry.ts writes the code cache then). */
export function afterFirstRender(then: () => void): void {
  afterRender = then;
}

parentPort?.postMessage({ kind: 'ready' } satisfies WorkerMessage);
parentPort?.on('message', (job: RenderJob) => {
  void run(job).then((reply) => {
    parentPort!.postMessage(reply);
    const then = afterRender;
    afterRender = undefined;
    then?.();
  });
});
