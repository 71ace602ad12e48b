import type { Range } from '../frontmatter/text';
import type { SiteSchema } from '../schema/schema';
import type { Page, Site } from '../site/site';
import type { TemplateAnalysis } from '../templates/analysis';

/** Severities, named as LSP and the CLI's JSON output name them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A replacement of [start, end) in one file's text (offsets). */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** What the fix does, as the quick-fix menu shows it: "Quote the value". */
  title: string;
  edits: Edit[];
  /** Changes no meaning (only how the YAML is written): `check --fix` and "fix all" apply it. */
  safe: boolean;
  /** The fix an author most likely wants, when a finding offers several. */
  preferred?: boolean;
}

/** Another place a finding points at: the page whose `section` this one copied, say. */
export interface RelatedPlace {
  file: string;
  start: number;
  end: number;
  message: string;
}

/** What a rule reports, in offsets of the file it checks. */
export interface Finding {
  start: number;
  end: number;
  message: string;
  /** Overrides the rule's default severity for this finding (a setting still wins over both). */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedPlace[];
}

/** A finding placed in a file, with its rule: what the server publishes and the CLI prints. */
export interface Diagnostic {
  /** Site-relative path, forward slashes. */
  file: string;
  range: Range;
  severity: Severity;
  /** The rule id. */
  code: string;
  message: string;
  fixes: { title: string; safe: boolean; preferred: boolean; edits: { range: Range; newText: string }[] }[];
  related: { file: string; range: Range; message: string }[];
}

export interface PageContext {
  site: Site;
  page: Page;
  schema: SiteSchema;
  report(finding: Finding): void;
}

export interface ConfigContext {
  site: Site;
  /** The text of `_config.yml`. */
  text: string;
  schema: SiteSchema;
  report(finding: Finding): void;
}

export interface TemplateContext {
  site: Site;
  /** Site-relative path of the layout or include (`_includes/menu.html`). */
  relPath: string;
  text: string;
  /** The template read tag by tag: its Liquid problems, filters, tags and includes. */
  analysis: TemplateAnalysis;
  report(finding: Finding): void;
}

interface RuleMeta {
  /** Public id: it appears in CLI output and in the settings that change severities. */
  id: string;
  defaultSeverity: Severity;
  /** One line for the README's table of checks and the settings' description. */
  description: string;
  /** When the default severity depends on the site, how (shown beside it). */
  severityNote?: string;
}

export interface PageRule extends RuleMeta {
  target: 'page';
  /**
   * Runs even when the front matter cannot be read. Other rules skip such a page: Jekyll sees
   * no fields on it, and "missing title" on top of "invalid YAML" would only be noise.
   */
  checksUnreadableFrontMatter?: boolean;
  check(context: PageContext): void;
  /**
   * Builds the site-wide indexes `check` reads, one per step: a server pauses between steps, where
   * the first check would build them all at once.
   */
  prime?(site: Site, schema: SiteSchema): Iterable<void>;
  /** Also checks `_config.yml`, for a mistake that is written the same way there (invalid YAML). */
  checkConfig?(context: ConfigContext): void;
}

export interface ConfigRule extends RuleMeta {
  target: 'config';
  check(context: ConfigContext): void;
}

/** Checks a layout or an include (the files of `_layouts/` and `_includes/`). */
export interface TemplateRule extends RuleMeta {
  target: 'template';
  /** Also checks the Liquid in pages' own bodies, which Jekyll runs as it runs a template's. */
  checksPageBodies?: boolean;
  check(context: TemplateContext): void;
}

export type Rule = PageRule | ConfigRule | TemplateRule;

/** Per-rule settings: `off` or a severity, by rule id. */
export type RuleSettings = Record<string, Severity | 'off'>;
