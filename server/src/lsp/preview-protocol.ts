// The live preview's custom LSP request, shared by the server (lsp/preview.ts) and the VS Code client
// (client/src/preview/). No imports: the client bundles this file without pulling in the server.

/** `jekyllAuthor/renderPreview`: renders a page of a site as Jekyll would, from the editor's latest text. */
export const RENDER_PREVIEW_METHOD = 'jekyllAuthor/renderPreview';

export interface RenderPreviewParams {
  /** The page's document URI (open or not). */
  uri: string;
  /** The `shell` of the last render the client holds of this page: the answer may then be a `PreviewBody`. */
  shell?: string;
}

export interface PreviewProblem {
  message: string;
  /** Site-relative path of the file at fault, when it is not the page itself. */
  file?: string;
  /** 0-based line in that file. */
  line?: number;
}

/**
 * The answer: the page as the renderer wrote it, plus what the client needs to map the site's
 * URLs to files. Block elements of the page's own content carry `data-line` (0-based source line).
 */
export interface PreviewPage {
  /** The full HTML document, links site-relative (`/assets/css/main.css`) as Jekyll writes them. */
  html: string;
  title: string;
  /** Compiled CSS for each linked stylesheet, by its href as it appears in `html`. */
  stylesheets: { href: string; css: string }[];
  problems: PreviewProblem[];
  /** The site root as a file URI. */
  siteRoot: string;
  /** `baseurl` from `_config.yml` ('' or '/path'): links carry it, files do not. */
  baseurl: string;
  /** The page's own URL (`/research/`), against which relative links resolve. */
  url: string;
  /** The page's path relative to the site root: problems in other files are the templates'. */
  relPath?: string;
  /** Every page of the site by its URL (`/research/` → `research.md`): a link in the preview opens that page's preview. */
  pages?: Record<string, string>;
  /**
   * When the page's layouts only place its content: the content is `html` from `start` to `end`, and the
   * rest holds while only the page's body changes (`id` names it for `RenderPreviewParams.shell`).
   */
  shell?: { id: string; start: number; end: number };
}

/** The answer when only the page's body changed: the new content for the shell the client holds. */
export interface PreviewBody {
  kind: 'body';
  shell: string;
  content: string;
  /** All the page's problems (its layouts' included). */
  problems: PreviewProblem[];
}
