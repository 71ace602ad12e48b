/** The public results of template analysis: what checks, schema inference and the preview consume. */
export interface TemplateLocation {
  /** Template path relative to the site root, e.g. "_layouts/section-home.html". */
  template: string;
  /** 0-based line of the read / tag. */
  line: number;
  /** 0-based column (extra, optional). */
  column?: number;
  /** Source text of the output (`page.intro | markdownify`) or tag (`for r in page.resources`, tag name included), whitespace-control dashes and outer blanks trimmed. */
  expression: string;
}

export interface FieldRead extends TemplateLocation {
  /** Field path in a page's front matter; `[]` stands for "any element of the list". */
  path: string[];
  /** 'page': the page being rendered; 'pages': entries of site.pages. */
  via: 'page' | 'pages';
  /**
   * The template reads the field only to test it (`{% if page.x %}`, `unless`, `case`), gives a
   * fallback (`| default:`), or reads it inside a block that tests it first: a page may leave it out.
   */
  guarded?: true;
  /**
   * Filters applied directly to this read in that expression, e.g. ["markdownify"].
   * For the fields named by a filter argument on a list (`where: "parent"`, `sort: 'weight'`,
   * `group_by`, `map`, …) this is that filter's name, e.g. ["where"], ["sort"].
   */
  filters: string[];
}

/** `site.pages | where: "parent", page.section` ⇒ {from: "parent", to: "section"}. */
export interface FieldReference extends TemplateLocation { from: string; to: string }

/** `site.pages | where: "parent", X | sort: 'weight'` ⇒ {field: "weight", within: "parent"}. */
export interface FieldOrdering extends TemplateLocation { field: string; within?: string }

/**
 * `{% include section-menu.html parent=page.parent %}`; `name` is given verbatim (may contain `{{ … }}`).
 * `conditional`: inside an `if`, `unless`, `case`, `for` or `tablerow`, so it may not run.
 */
export interface IncludeUse extends TemplateLocation { name: string; params: string[]; relative?: boolean; conditional?: boolean }

/** 0-based range. */
export interface TemplateProblem {
  line: number; column: number; endLine: number; endColumn: number; message: string;
  /**
   * What kind of mistake it is, when known: a filter followed by words without a `:` (`sort weight`,
   * also listed in `filters`), or a string never closed (the stray quote in `'a''`), starting the range.
   */
  cause?: 'filter-without-colon' | 'unterminated-string';
}

/** A filter applied in an output or tag: `markdownify` in `{{ page.intro | markdownify }}`. Offsets in the template. */
export interface FilterUse {
  name: string;
  /** Offsets of the filter's name. */
  start: number;
  end: number;
  /** The words after the name when no `:` introduces them (`weight` in `sort weight`): Liquid drops them. */
  withoutColon?: { start: number; end: number };
}

/** A tag: `seo` in `{% seo %}`, with the offsets of its name. */
export interface TagUse { name: string; start: number; end: number }

export interface TemplateAnalysis {
  template: string;
  /** The template's own front matter `layout:` (null/none/empty ⇒ undefined). */
  layoutParent?: string;
  reads: FieldRead[];
  references: FieldReference[];
  orderings: FieldOrdering[];
  includes: IncludeUse[];
  /** Names `x` of `include.x` read by this template (sorted, unique). */
  readsIncludeParams: string[];
  problems: TemplateProblem[];
  /** Every filter applied, in template order (outside comments). */
  filters: FilterUse[];
  /** Every tag, in template order (outside comments). */
  tags: TagUse[];
}

export interface LayoutAnalysis {
  /** Template paths of the layout chain, starting with the requested layout, e.g. ["_layouts/section-home.html", "_layouts/core.html"]. */
  chain: string[];
  reads: FieldRead[];
  references: FieldReference[];
  orderings: FieldOrdering[];
  /** Includes that could not be followed: not found by `getTemplate`, or with a dynamic (`{{ … }}`) name. */
  missingIncludes: IncludeUse[];
  problems: (TemplateProblem & { template: string })[];
}

/**
 * What the analysis needs to know of the site: the labels of its collections (`site.docs`); and
 * a cache to share between the analyses of one site's templates (an include reached the same way
 * from many layouts is read once).
 */
export interface AnalysisOptions { collections?: readonly string[]; cache?: AnalysisCache }

/** Analyses of templates by path and bindings; opaque to callers. */
export type AnalysisCache = Map<string, unknown>;
