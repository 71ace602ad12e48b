import { LineIndex } from '../frontmatter/text';
import { ALL_RULES } from '../rules';
import { Diagnostic, Finding, Rule, RuleSettings, Severity } from '../rules/rule';
import type { SiteSchema } from '../schema/schema';
import { compilingValidators } from '../schema/validate';
import type { Page, Site } from '../site/site';
import { analyzeTemplate } from '../templates/analysis';
import { pageBodyAnalysis } from '../templates/site-templates';

/** Runs every enabled page rule on one page. */
export function checkPage(site: Site, page: Page, schema: SiteSchema, settings: RuleSettings = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { block, problems } = page.frontMatter;
  const unreadable = problems.length > 0 || (block.present && !block.closed);
  const findings = new Findings(site, settings, page.relPath, page.lines, diagnostics);
  const context = { site, page, schema, report: findings.report };
  for (const rule of enabledRules(settings)) {
    if (rule.target !== 'page' || (unreadable && !rule.checksUnreadableFrontMatter)) continue;
    findings.rule = rule;
    rule.check(context);
  }
  checkPageBody(site, page, findings);
  return sortDiagnostics(diagnostics);
}

/** Runs the template rules that also check a page's own Liquid (`{% gist %}` in a post). */
function checkPageBody(site: Site, page: Page, findings: Findings): void {
  const analysis = pageBodyAnalysis(site, page)?.page;
  if (!analysis) return;
  const context = { site, relPath: page.relPath, text: page.text, analysis, report: findings.report };
  for (const rule of enabledRules(findings.settings)) {
    if (rule.target !== 'template' || !rule.checksPageBodies) continue;
    findings.rule = rule;
    rule.check(context);
  }
}

/** Runs the rules that check `_config.yml`. */
export function checkConfig(site: Site, schema: SiteSchema, settings: RuleSettings = {}): Diagnostic[] {
  const text = site.config.text;
  if (text === undefined) return [];
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  // As with a page: when Jekyll cannot read the file, only the rule saying so speaks.
  const unreadable = (site.config.yaml?.problems.length ?? 0) > 0;
  const findings = new Findings(site, settings, '_config.yml', lines, diagnostics);
  const context = { site, text, schema, report: findings.report };
  for (const rule of enabledRules(settings)) {
    const check = rule.target === 'config' ? rule.check : rule.target === 'page' ? rule.checkConfig : undefined;
    if (!check || (unreadable && !(rule.target === 'page' && rule.checksUnreadableFrontMatter))) continue;
    findings.rule = rule;
    check.call(rule, context);
  }
  return sortDiagnostics(diagnostics);
}

/** Runs the rules that check a layout or an include, given its text (an editor's buffer or the disk's). */
export function checkTemplate(site: Site, relPath: string, text: string, settings: RuleSettings = {}): Diagnostic[] {
  const lines = new LineIndex(text);
  const analysis = analyzeTemplate(relPath, text);
  const diagnostics: Diagnostic[] = [];
  const findings = new Findings(site, settings, relPath, lines, diagnostics);
  const context = { site, relPath, text, analysis, report: findings.report };
  for (const rule of enabledRules(settings)) {
    if (rule.target !== 'template') continue;
    findings.rule = rule;
    rule.check(context);
  }
  return sortDiagnostics(diagnostics);
}

/** Every diagnostic of the site: all pages, then `_config.yml`. */
export function checkSite(site: Site, schema: SiteSchema, settings: RuleSettings = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const page of site.pages.values()) diagnostics.push(...checkPage(site, page, schema, settings));
  diagnostics.push(...checkConfig(site, schema, settings));
  return diagnostics;
}

/** Builds what the first checks of a site would build at once (rules' site-wide indexes, validators), one step at a time. */
export function* primeChecks(site: Site, schema: SiteSchema, settings: RuleSettings = {}): Generator<void> {
  for (const rule of enabledRules(settings)) {
    if (rule.target === 'page' && rule.prime) yield* rule.prime(site, schema);
  }
  yield* compilingValidators(site, schema);
}

function enabledRules(settings: RuleSettings): Rule[] {
  return ALL_RULES.filter((rule) => settings[rule.id] !== 'off');
}

/**
 * Turns the findings of the rules checking one file into its diagnostics: one per check of a file,
 * its `rule` set before each rule runs (the rules of a keystroke's check shared one closure each before).
 */
class Findings {
  /** The rule running: set before each. */
  rule!: Rule;

  constructor(
    private readonly site: Site, readonly settings: RuleSettings, private readonly file: string,
    private readonly lines: LineIndex, private readonly out: Diagnostic[],
  ) {}

  readonly report = (finding: Finding): void => {
    const { rule, lines, file } = this;
    const configured = this.settings[rule.id];
    const severity: Severity = configured && configured !== 'off' ? configured : finding.severity ?? rule.defaultSeverity;
    this.out.push({
      file,
      range: lines.rangeOf(finding.start, finding.end),
      severity,
      code: rule.id,
      message: finding.message,
      fixes: (finding.fixes ?? []).map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        preferred: fix.preferred ?? false,
        edits: fix.edits.map((edit) => ({ range: lines.rangeOf(edit.start, edit.end), newText: edit.newText })),
      })),
      related: (finding.related ?? []).map((place) => ({
        file: place.file,
        message: place.message,
        range: (place.file === file ? lines : lineIndexOf(this.site, place.file) ?? lines).rangeOf(place.start, place.end),
      })),
    });
  };
}

/** Related places may lie in other files: convert their offsets with that file's own line index. */
function lineIndexOf(site: Site, file: string): LineIndex | undefined {
  if (file === '_config.yml') return site.config.text === undefined ? undefined : new LineIndex(site.config.text);
  return site.pages.get(file)?.lines;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
