// Runs inside the preview webview (bundled to dist/preview/index.js): applies new renders in place,
// scrolls to the editor's line, reports double clicks, and keeps the state that revives the panel.
import type { FromWebview, PreviewContent, PreviewPatch, PreviewState, ToWebview, WebviewSettings } from '../src/preview/messages';
import { morphAttributes, morphChildren } from './morph';
import { sanitizedDocument, sanitizedFragment } from './sanitize';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const settingsElement = document.getElementById('jekyll-author-settings') as HTMLElement;
const settings = JSON.parse(settingsElement.dataset.settings ?? '{}') as WebviewSettings;
let state: PreviewState = { resource: settings.resource, locked: settings.locked, line: settings.line ?? vscode.getState()?.line };
let version = settings.version;
/** The last full render in the page: patches apply to its slot only. */
let base = settings.version;
/** When the last render arrived and how long it took to sanitize and apply (for the extension's repaint timings). */
let receivedAt = 0;
let applyMs = 0;
/** Set while the preview scrolls to the editor's line, so that the scroll is not taken for the reader's. */
let scrollingToLine = false;

/** Tells the extension once the frame holding the latest render is painted (for its repaint timings). */
function reportPaint(): void {
  const [painted, applied, received] = [version, applyMs, receivedAt];
  window.requestAnimationFrame(() => setTimeout(() => vscode.postMessage({
    type: 'painted', version: painted, applyMs: applied, receivedAt: received, paintedAt: performance.timeOrigin + performance.now(),
  }), 0));
}

function saveState(change: Partial<PreviewState>): void {
  state = { ...state, ...change };
  vscode.setState(state);
}

function update(next: PreviewContent): void {
  document.title = next.title;
  document.documentElement.lang = next.lang;
  // An inert document: nothing in it loads or runs until it is moved into the preview.
  const parsed = sanitizedDocument(next);
  replacePageHead(parsed.head);
  morphAttributes(document.body, parsed.body);
  morphChildren(document.body, parsed.body);
}

/** Replaces the children of the page's slot (the element holding its content) and the problem banner; false when there is no slot. */
function patch(next: PreviewPatch): boolean {
  const slot = document.querySelector('[data-jekyll-author-content]');
  if (!slot) return false;
  document.title = next.title;
  morphChildren(slot, sanitizedFragment(next.slot));
  document.getElementById('jekyll-author-banner')?.remove();
  const banner = next.banner ? sanitizedFragment(next.banner).firstElementChild : null;
  if (banner) document.body.prepend(document.importNode(banner, true));
  return true;
}

/** The page's head (its styles) changes rarely: when it does, the new elements go in before the old ones go out. */
function replacePageHead(parsedHead: HTMLHeadElement): void {
  const pageElements = [...document.head.children].filter((element) => !element.hasAttribute('data-jekyll-author'));
  const same = pageElements.length === parsedHead.children.length
    && pageElements.every((element, i) => element.isEqualNode(parsedHead.children[i]) || sameStyle(element, parsedHead.children[i]));
  if (same) return;
  for (const element of [...parsedHead.children]) document.head.append(document.importNode(element, true));
  for (const element of pageElements) element.remove();
}

/** Equal but for the nonce, which the browser hides once the element is in. */
const sameStyle = (a: Element, b: Element): boolean => a.tagName === 'STYLE' && b.tagName === 'STYLE' && a.textContent === b.textContent;

/** Elements made from the page's source, by line. */
function sourceElements(): { line: number; element: HTMLElement }[] {
  return [...document.querySelectorAll<HTMLElement>('[data-line]')]
    .map((element) => ({ line: Number(element.dataset.line), element }))
    .filter(({ line }) => Number.isFinite(line));
}

/** Scrolls so that source line `line` is at the top, between the elements of the lines around it. */
function scrollToLine(line: number): void {
  const elements = sourceElements();
  let before: { line: number; element: HTMLElement } | undefined;
  let after: { line: number; element: HTMLElement } | undefined;
  for (const entry of elements) {
    if (entry.line <= line && (!before || entry.line >= before.line)) before = entry;
    if (entry.line > line && (!after || entry.line < after.line)) after = entry;
  }
  if (!before) return;
  const top = (element: HTMLElement) => element.getBoundingClientRect().top + window.scrollY;
  let y = top(before.element);
  if (after && after.line > before.line) y += (top(after.element) - y) * ((line - before.line) / (after.line - before.line));
  scrollingToLine = true;
  window.scrollTo(0, Math.max(0, y - 8));
  saveState({ line });
}

/** The source line of the first element at the top of the view. */
function topLine(): number | undefined {
  let line: number | undefined;
  for (const entry of sourceElements()) {
    if (entry.element.getBoundingClientRect().bottom > 0) return entry.line;
    line = entry.line;
  }
  return line;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'update':
      if (message.version <= version) return;
      version = base = message.version;
      applyMs = performance.now();
      receivedAt = performance.timeOrigin + applyMs;
      update(message.content);
      applyMs = performance.now() - applyMs;
      reportPaint();
      break;
    case 'patch': {
      if (message.version <= version) return;
      const started = performance.now();
      if (message.base !== base || !patch(message.patch)) {
        vscode.postMessage({ type: 'stale', version });
        return;
      }
      version = message.version;
      receivedAt = performance.timeOrigin + started;
      applyMs = performance.now() - started;
      reportPaint();
      break;
    }
    case 'scrollToLine':
      scrollToLine(message.line);
      break;
    case 'state':
      saveState({ resource: message.resource, locked: message.locked });
      break;
  }
});

window.addEventListener('scroll', () => {
  if (scrollingToLine) {
    scrollingToLine = false;
    return;
  }
  window.requestAnimationFrame(() => saveState({ line: topLine() }));
}, { passive: true });

document.addEventListener('dblclick', (event) => {
  const element = (event.target as Element | null)?.closest<HTMLElement>('[data-line]');
  const line = Number(element?.dataset.line);
  if (element && Number.isFinite(line)) vscode.postMessage({ type: 'revealLine', line });
});

// Links behave as in a browser on the built site: `#anchors` scroll here, links to the site open that
// page's preview (its source with Ctrl/Cmd), other sites open through VS Code's link opener. Nothing
// navigates the webview itself.
document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const problem = target?.closest<HTMLElement>('[data-problem-line], [data-problem-file]');
  if (problem) {
    event.preventDefault();
    const line = Number(problem.dataset.problemLine);
    vscode.postMessage({ type: 'openProblem', file: problem.dataset.problemFile, line: Number.isFinite(line) ? line : undefined });
    return;
  }
  const link = target?.closest('a[href]');
  if (!link || event.defaultPrevented) return;
  const href = link.getAttribute('href') ?? '';
  event.preventDefault();
  if (href.startsWith('#')) scrollToAnchor(decodeURIComponent(href.slice(1)));
  else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) vscode.postMessage({ type: 'openExternal', href });
  else if (href !== '') vscode.postMessage({ type: 'openLink', href, source: event.ctrlKey || event.metaKey });
});

function scrollToAnchor(id: string): void {
  const target = id === '' || id === 'top' ? document.body : document.getElementById(id) ?? document.getElementsByName(id)[0];
  target?.scrollIntoView();
}

// VS Code gives every webview its own default styles (side gutters, link colours, a grey box on
// quotes); the page is styled by its site alone, as in a browser.
function removeDefaultStyles(): void {
  document.getElementById('_defaultStyles')?.remove();
}
removeDefaultStyles();
new MutationObserver(removeDefaultStyles).observe(document.head, { childList: true });

// The first render comes as data, not as HTML of the document, so that it too goes through the sanitizer.
const initialContent = document.getElementById('jekyll-author-content')?.dataset.content;
if (initialContent) update(JSON.parse(initialContent) as PreviewContent);
saveState({});
if (state.line !== undefined) scrollToLine(state.line);
vscode.postMessage({ type: 'loaded', version });
reportPaint();
