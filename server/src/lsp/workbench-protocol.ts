// The site outline's, new page's and site state's custom LSP messages, shared by the server
// (lsp/workbench.ts) and the VS Code client (client/src/outline/). No imports: the client bundles
// this file without pulling in the server.

/** `jekyllAuthor/siteOutline`: the site's navigation tree. */
export const SITE_OUTLINE_METHOD = 'jekyllAuthor/siteOutline';

export interface SiteOutlineParams {
  /** Any file of the site (its `_config.yml`). */
  uri: string;
}

export interface OutlineItem {
  uri: string;
  /** Site-relative path. */
  relPath: string;
  title: string;
  url: string;
  /** The order field's value (`weight`), shown beside the title. */
  order?: string;
  children: OutlineItem[];
}

export interface OutlineSection {
  /** `menu`, `unreached`, or `collection:<label>`. */
  id: string;
  label: string;
  items: OutlineItem[];
}

export interface SiteOutlineResult {
  /** The site root's URI. */
  root: string;
  /** What the menus are built from: `parent` naming a `section`, ordered by `weight`. */
  structure?: { field: string; refersTo: string; order?: string };
  sections: OutlineSection[];
}

/** `jekyllAuthor/moveInOutline`: the edit that puts a page before a sibling, or under another page. */
export const MOVE_IN_OUTLINE_METHOD = 'jekyllAuthor/moveInOutline';

export interface MoveInOutlineParams {
  /** The page moved. */
  uri: string;
  /** The page it was dropped on. */
  target: string;
  /** `before`: take the target's place among the same parent's children; `under`: become the target's last child. */
  position: 'before' | 'under';
}

/** A workspace edit (LSP's), with a sentence saying what it does; or why the move cannot be made. */
export type MoveInOutlineResult = { edit: unknown; summary: string } | { error: string };

/** `jekyllAuthor/newPage`: the file a new page or post would be, as a snippet. */
export const NEW_PAGE_METHOD = 'jekyllAuthor/newPage';

export interface NewPageParams {
  /** Any file of the site. */
  uri: string;
  kind: 'page' | 'post';
  title: string;
  /** The page to put the new one under. */
  parent?: string;
}

export type NewPageResult = { uri: string; snippet: string } | { error: string };

/** `jekyllAuthor/siteState` (server → client): where the checking of a site stands. */
export const SITE_STATE_METHOD = 'jekyllAuthor/siteState';

export interface SiteStateParams {
  root: string;
  /** `checking` until the first whole-site pass is published, then `checked`. */
  state: 'checking' | 'checked';
  /** Pages in the site (0 while it is read). */
  pages: number;
  /** When the server sent it (epoch milliseconds): the client's start-up trace tells the server's time from the news's way. */
  sentAt?: number;
}

/**
 * What the VS Code client sends as `initializationOptions`: what the server would otherwise ask it
 * for, one round trip each, before it could read the site (and an extension host that is starting
 * answers late).
 */
export interface StartOptions {
  /** The `jekyllAuthor` settings of each workspace folder, by the folder's URI. */
  settings?: Record<string, unknown>;
  /** The client sends file changes and settings changes by itself (its watchers exist before the server starts). */
  synchronizes?: boolean;
}
