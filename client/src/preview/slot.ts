// The element of the preview that holds a page's content, when the server says where the content sits in
// the page (`PreviewPage.shell`): a render of the body alone then replaces that element's children, and
// nothing else of the page is parsed, sanitized, sent or touched. Pure (no `vscode`).
import { defaultTreeAdapter, html, parse, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';
import type { PreviewBody, PreviewPage } from '../../../server/src/lsp/preview-protocol';
import { isElement, sanitizeTree, type SanitizeContext } from './security';

type Element = DefaultTreeAdapterMap['element'];
type Document = DefaultTreeAdapterMap['document'];

/** The attribute that marks the slot's element in the preview (the webview's script looks for it). */
export const SLOT_ATTRIBUTE = 'data-jekyll-author-content';

/**
 * Elements whose children parse the same on their own as inside the page: the slot and everything around
 * it up to `<body>` must be one of these (in a `<p>`, a list item, a table or a link, the content's own
 * tags could close or move the elements around it).
 */
const BLOCKS = new Set(['div', 'main', 'article', 'section', 'aside', 'header', 'footer', 'nav', 'blockquote', 'figure']);

/** What a panel keeps of a full render to take a body-only one. */
export interface ContentSlot {
  shell: string;
  /** The page's HTML before and after its content. */
  before: string;
  after: string;
  /** The slot element's tag, and its children's HTML before and after the content (from the layouts). */
  tag: string;
  prefix: string;
  suffix: string;
}

/**
 * Finds the slot of a page parsed with source locations and marks it (`SLOT_ATTRIBUTE`); undefined when
 * the page has no shell or its content does not sit alone, whole, in such an element.
 */
export function markSlot(page: PreviewPage, document: Document): ContentSlot | undefined {
  const shell = page.shell;
  if (!shell) return undefined;
  const root = document.childNodes.find(isElement);
  let parent = root?.childNodes.find((node): node is Element => isElement(node) && node.tagName === 'body');
  let slot: Element | undefined;
  while (parent) {
    parent = parent.childNodes.find((node): node is Element => isElement(node) && BLOCKS.has(node.tagName) && node.namespaceURI === html.NS.HTML && holds(node, shell));
    if (parent) slot = parent;
  }
  const location = slot?.sourceCodeLocation;
  if (!slot || !location?.startTag || !location.endTag) return undefined;
  const prefix = page.html.slice(location.startTag.endOffset, shell.start);
  const suffix = page.html.slice(shell.end, location.endTag.startOffset);
  if (!parsesAlone(slot.tagName, prefix + page.html.slice(shell.start, shell.end) + suffix)) return undefined;
  slot.attrs.push({ name: SLOT_ATTRIBUTE, value: '' });
  return { shell: shell.id, before: page.html.slice(0, shell.start), after: page.html.slice(shell.end), tag: slot.tagName, prefix, suffix };
}

/** Whether the element's start and end tags are written around the content. */
function holds(element: Element, shell: NonNullable<PreviewPage['shell']>): boolean {
  const location = element.sourceCodeLocation;
  return !!location?.startTag && !!location.endTag && location.startTag.endOffset <= shell.start && location.endTag.startOffset >= shell.end;
}

/** Parses `text` as the children of a `tag`; undefined when the parser had to repair anything (it might then differ in the page). */
function parseAlone(tag: string, text: string): DefaultTreeAdapterMap['documentFragment'] | undefined {
  let repaired = false;
  const fragment = parseFragment(defaultTreeAdapter.createElement(tag, html.NS.HTML, []), text, { onParseError: () => { repaired = true; } });
  return repaired ? undefined : fragment;
}

const parsesAlone = (tag: string, text: string): boolean => parseAlone(tag, text) !== undefined;

/** The whole page a body-only render stands for: the last full page with the new content in its slot. */
export function pageWithBody(page: PreviewPage, slot: ContentSlot, body: PreviewBody): PreviewPage {
  const start = slot.before.length;
  return {
    ...page, html: slot.before + body.content + slot.after, problems: body.problems,
    shell: { id: slot.shell, start, end: start + body.content.length },
  };
}

/** The slot's new children, sanitized as the whole page would be, or undefined when they must go through a full update. */
export function slotContent(slot: ContentSlot, body: PreviewBody, context: SanitizeContext): { html: string; remoteBlocked: number } | undefined {
  const fragment = parseAlone(slot.tag, slot.prefix + body.content + slot.suffix);
  if (!fragment) return undefined;
  const remoteBlocked = sanitizeTree(fragment, context);
  return { html: serialize(fragment), remoteBlocked };
}

/** Parses a page as previewContent does, with the source locations markSlot needs when the page has a shell. */
export function parsePage(page: PreviewPage): Document {
  return parse(page.html, { sourceCodeLocationInfo: page.shell !== undefined });
}
