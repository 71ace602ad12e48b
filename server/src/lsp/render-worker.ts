/**
 * The preview's renders run here, in a worker thread started by render-host.ts: a page that takes
 * long or needs much memory stops this thread, never the server's answers to other requests. The
 * worker keeps each site it was sent loaded, and follows the changes the server's own model sees.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { NotAPageError, renderPage, renderPageContent, type RenderedPage, type RenderOptions, type RenderProblem } from '../render/page';
import { Site, type FileChange, type SiteOptions } from '../site/site';
import { shellKey } from '../render/content-slot';

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
  /** The shell (`RenderAnswer.shell`) the asker holds for the page: when it still holds, only the body is rendered. */
  bodyOf?: string;
}

/** A full render; `shell` names the page around its content when the layouts only place it (`slot`). */
export type RenderedShell = RenderedPage & { shell?: string };

/** Only the content, for the shell the asker holds: its `problems` are the page's whole list. */
export interface RenderedBody {
  body: true;
  shell: string;
  content: string;
  problems: RenderProblem[];
}

export type RenderAnswer = RenderedShell | RenderedBody;

export type WorkerMessage =
  /** The worker has loaded the engine, before any job. */
  | { kind: 'ready' }
  /** The site is up to date and the render itself starts: the host's time limit counts from here. */
  | { id: number; kind: 'started' }
  | { id: number; kind: 'done'; page: RenderAnswer }
  | { id: number; kind: 'failed'; message: string; notAPage: boolean };

const sites = new Map<string, Site>();

/** A page around its content, as the last full render of it gave it. */
interface Shell {
  id: string;
  /** The page's `shellKey` (its front matter and title from a heading): the shell holds while it does. */
  key: string;
  layoutProblems: RenderProblem[];
}

/** The shells of each site's pages, by root, then page; those of a site go when any other file of it changes. */
const shells = new Map<string, Map<string, Shell>>();
const SHELL_PREFIX = randomUUID().slice(0, 8);
let shellCount = 0;

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

function pageShells(job: RenderJob): Map<string, Shell> {
  let pages = shells.get(job.root);
  if (!pages || job.reload || job.changes.some((change) => change.relPath !== job.relPath)) {
    pages = new Map();
    shells.set(job.root, pages);
  }
  return pages;
}

const shellKeyOf = (site: Site, relPath: string): string | undefined => {
  const page = site.pages.get(relPath);
  return page && shellKey(page);
};

/** The body alone when the asker's shell still holds (the same front matter, no other file changed) and the body links no stylesheet. */
function renderBody(site: Site, job: RenderJob, shell: Shell | undefined, options: RenderOptions): RenderedBody | undefined {
  if (!shell || shell.id !== job.bodyOf || shellKeyOf(site, job.relPath) !== shell.key) return undefined;
  const { content, problems } = renderPageContent(site, job.relPath, options);
  if (/<link\b/i.test(content)) return undefined;
  return { body: true, shell: shell.id, content, problems: [...problems, ...shell.layoutProblems] };
}

async function render(site: Site, job: RenderJob): Promise<RenderAnswer> {
  const pages = pageShells(job);
  // The host's time limit stops this thread: no template is cut short by liquidjs's own limit.
  const options = { ...job.options, timeLimitMs: Infinity };
  const body = renderBody(site, job, pages.get(job.relPath), options);
  if (body) return body;
  const page: RenderedShell = await renderPage(site, job.relPath, options);
  pages.delete(job.relPath);
  if (page.slot) {
    const shell = { id: `${SHELL_PREFIX}-${++shellCount}`, key: shellKeyOf(site, job.relPath)!, layoutProblems: page.problems.slice(page.slot.contentProblems) };
    pages.set(job.relPath, shell);
    page.shell = shell.id;
  }
  return page;
}

async function run(job: RenderJob): Promise<WorkerMessage> {
  try {
    const site = siteFor(job);
    parentPort!.postMessage({ id: job.id, kind: 'started' } satisfies WorkerMessage);
    return { id: job.id, kind: 'done', page: await render(site, job) };
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
