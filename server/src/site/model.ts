/** The shapes of the site model (see site.ts): a page, a layout, and what kind of file a path is. */
import type { ParsedFrontMatter } from '../frontmatter/parse';
import type { LineIndex } from '../frontmatter/text';
import type { DefaultsEntry } from './config';

/** Where a page's layout came from, so messages and hovers can say so. */
export type LayoutSource = 'page' | 'defaults' | 'default-layout-plugin' | 'none';

/** The plugin that made a page of a Markdown file without front matter (see `page-plugins.ts`). */
export type PagePlugin = 'optional-front-matter' | 'readme-index';

export interface Page {
  /** Path relative to the site root, with forward slashes. */
  relPath: string;
  text: string;
  frontMatter: ParsedFrontMatter;
  lines: LineIndex;
  /** `pages`, or the collection label for a collection document (the `type` of `defaults` scopes). */
  type: string;
  /** Set for collection documents (`posts` for posts and drafts). */
  collection?: string;
  /** A post in `_drafts/`: Jekyll builds it only with `--drafts`. */
  draft?: boolean;
  url: string;
  /**
   * Fields Jekyll fills in itself, as templates see them: for documents `date` (from the file
   * name), `slug`, `title` (from the file name), `categories` (with the folders above `_posts`),
   * `tags`, `ext`, `id`, `url`, `collection`, `relative_path`; for every page `url`, `path`,
   * `name`, `dir`. A check must never call these missing.
   */
  filled: Record<string, unknown>;
  /** Whether Jekyll writes it: not `published: false`, not a draft or a future post, in a collection that is output. */
  output: boolean;
  /** The `defaults` entries of `_config.yml` that apply, least specific first. */
  defaults: DefaultsEntry[];
  /** Front matter as Jekyll sees it: defaults merged under the page's own values. */
  data: Record<string, unknown>;
  /** The layout Jekyll renders the page with (null: none), and why. */
  layout: string | null;
  layoutSource: LayoutSource;
  /** Set when the file has no front matter and a plugin made it a page. */
  madeBy?: PagePlugin;
  /** The first heading as written, when jekyll-titles-from-headings takes the title from it. */
  headingTitle?: string;
}

export interface Layout {
  name: string;
  relPath: string;
  text: string;
  frontMatter: ParsedFrontMatter;
  /** The layout's own `layout:` (its parent in the chain). */
  parent?: string;
  /** The theme gem the layout comes from; its `relPath` is then the file's absolute path, read-only. */
  theme?: string;
}

/** A change fed to the model: a file's new text (read from the disk when undefined), or its deletion. */
export interface FileChange {
  relPath: string;
  text?: string;
  deleted?: true;
}

/** What a site file is to Jekyll. */
export type FileKind = 'config' | 'gemfile' | 'layout' | 'include' | 'plugin' | 'data' | 'page' | 'static' | 'ignored';
