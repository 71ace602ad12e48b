// What the extension and the preview webview say to each other. Types only, but for the panel's view
// type: the webview bundle (client/preview-src) imports this file too.

/** The preview panels' view type (package.json's `onWebviewPanel:` activation event names it). */
export const PREVIEW_VIEW_TYPE = 'jekyllAuthor.preview';

/** A rendered page made ready for the webview: sanitized, URLs mapped to webview resources. */
export interface PreviewContent {
  title: string;
  lang: string;
  /** The page's own head elements (its styles, inlined and nonce'd), as HTML. */
  head: string;
  bodyAttributes: [name: string, value: string][];
  /** The problem banner followed by the page's body, as HTML. */
  body: string;
  /** Remote resources (web fonts, images) the policy left out: the extension asks once per workspace whether to allow them. */
  remoteBlocked: number;
}

/** A render of the page's body alone: the new children of the element marked `data-jekyll-author-content`. */
export interface PreviewPatch {
  title: string;
  /** The problem banner (empty without problems). */
  banner: string;
  /** The slot's children, sanitized, URLs mapped. */
  slot: string;
  remoteBlocked: number;
}

/** Written into the webview's HTML; kept with `setState` so that the serializer can bring the preview back. */
export interface PreviewState {
  /** The previewed document's URI. */
  resource: string;
  locked: boolean;
  /** The source line at the top of the preview. */
  line?: number;
}

export interface WebviewSettings extends PreviewState {
  /** The render this HTML holds, so that a reloaded webview can ask for anything newer. */
  version: number;
}

export type ToWebview =
  | { type: 'update'; version: number; content: PreviewContent }
  /** Render `version` changes only the slot of render `base` (the last full update the webview had). */
  | { type: 'patch'; version: number; base: number; patch: PreviewPatch }
  | { type: 'scrollToLine'; line: number }
  | { type: 'state'; resource: string; locked: boolean };

export type FromWebview =
  /** The webview (re)loaded its HTML, which holds render `version`. */
  | { type: 'loaded'; version: number }
  /** A patch came for a full render the webview does not hold: it needs the full render `version`. */
  | { type: 'stale'; version: number }
  /**
   * Render `version` is in the page and painted (the frame after the change): `paintedAt` in epoch
   * milliseconds, after `applyMs` spent sanitizing it and updating the page, which began when its
   * message arrived (`receivedAt`, epoch milliseconds).
   */
  | { type: 'painted'; version: number; paintedAt: number; applyMs: number; receivedAt: number }
  /** A double click on the element made from source line `line`. */
  | { type: 'revealLine'; line: number }
  /** A click on a link to the site (`href` as written in the page); `source`: Ctrl/Cmd held, open the page's file. */
  | { type: 'openLink'; href: string; source: boolean }
  /** A click on a link to another site (`https:`, `mailto:`…), for VS Code's link opener. */
  | { type: 'openExternal'; href: string }
  /** A click on a problem in the banner: open `file` (site-relative; the page itself when absent) at `line`. */
  | { type: 'openProblem'; file?: string; line?: number };
