import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES } from '../rules';
import type { Diagnostic, Severity } from '../rules/rule';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'json', 'sarif', 'github'];

/** A diagnostic as the CLI's JSON prints it: 1-based lines and columns, file relative to the site root. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  return {
    file: diagnostic.file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

/** The order every format prints in: by file (code points, not the locale's collation), then place, rule, text. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return byText(a.file, b.file)
    || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character
    || byText(a.code, b.code) || byText(a.message, b.message);
}

/**
 * Colour for a terminal only: FORCE_COLOR (other than 0/false) turns it on anywhere, NO_COLOR
 * turns it off, as Node's own tools read them.
 */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}

export interface FormatOptions {
  /** Pages checked, for the text summary. */
  pages: number;
  color?: boolean;
}

/**
 * Renders diagnostics. `displayPath` turns a site-relative path into what the reader can open
 * (relative to the working folder for text, GitHub and SARIF, which code scanning reads from the
 * repository's root; JSON stays site-relative).
 */
export function formatDiagnostics(
  diagnostics: Diagnostic[], format: OutputFormat, displayPath: (file: string) => string, options: FormatOptions,
): string {
  const items = diagnostics.map(toJsonDiagnostic);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ diagnostics: items }, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(items, displayPath), null, 2)}\n`;
    case 'github':
      return items.map((item) => githubLine(item, displayPath(item.file))).join('');
    case 'text': {
      const paint = options.color ? colored : plain;
      return items.map((item) => `${paint.file(`${displayPath(item.file)}:${item.line}:${item.column}`)} ${paint[item.severity](item.severity)} ${paint.code(item.code)} ${item.message}\n`).join('')
        + `${paint.summary(summaryLine(items, options.pages), items)}\n`;
    }
  }
}

type Painter = Record<Severity | 'file' | 'code', (text: string) => string> & { summary(text: string, items: JsonDiagnostic[]): string };
const sgr = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const identity = (text: string) => text;
const plain: Painter = { file: identity, code: identity, error: identity, warning: identity, information: identity, hint: identity, summary: identity };
const colored: Painter = {
  file: sgr('1'), code: sgr('2'), error: sgr('31'), warning: sgr('33'), information: sgr('36'), hint: sgr('36'),
  summary: (text, items) => sgr(items.some((i) => i.severity === 'error') ? '31' : items.some((i) => i.severity === 'warning') ? '33' : '32')(text),
};

export function summaryLine(items: Pick<JsonDiagnostic, 'severity'>[], pages: number): string {
  const counts = severityCounts(items);
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.notes, 'note')];
  return `${parts.join(', ')} in ${plural(pages, 'page')} checked.`;
}

/** Errors, warnings and notes (information and hints), as the summaries count them. */
export function severityCounts(items: Pick<JsonDiagnostic, 'severity'>[]): { errors: number; warnings: number; notes: number } {
  const count = (...severities: Severity[]) => items.filter((item) => severities.includes(item.severity)).length;
  return { errors: count('error'), warnings: count('warning'), notes: count('information', 'hint') };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** GitHub Actions workflow commands: annotations on the pull request's files. */
function githubLine(item: JsonDiagnostic, file: string): string {
  const command = item.severity === 'error' ? 'error' : item.severity === 'warning' ? 'warning' : 'notice';
  const properties = [
    `file=${escapeProperty(file)}`, `line=${item.line}`, `col=${item.column}`,
    `endLine=${item.endLine}`, `endColumn=${item.endColumn}`, `title=${escapeProperty(item.code)}`,
  ].join(',');
  return `::${command} ${properties}::${escapeData(item.message)}\n`;
}

/** Escapes a workflow command's message (GitHub Actions reads `%`, CR and LF specially). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A rule's page in the repository (what SARIF viewers and the job summary link to). */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/jekyll-author/jekyll-author/blob/main/docs/rules/${id}.md`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** Where a SARIF result points: relative to the working folder when inside it, else an absolute file URI. */
function sarifLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('../') || path.isAbsolute(file)) return { uri: pathToFileURL(path.resolve(file)).href };
  return { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}

function toSarif(items: JsonDiagnostic[], displayPath: (file: string) => string): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'jekyll-author',
          informationUri: 'https://github.com/jekyll-author/jekyll-author',
          rules: ALL_RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.description },
            helpUri: ruleDocsUrl(rule.id),
            defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
          })),
        },
      },
      results: items.map((item) => ({
        ruleId: item.code,
        level: SARIF_LEVEL[item.severity],
        message: { text: item.message },
        locations: [{
          physicalLocation: {
            artifactLocation: sarifLocation(displayPath(item.file)),
            region: { startLine: item.line, startColumn: item.column, endLine: item.endLine, endColumn: item.endColumn },
          },
        }],
      })),
    }],
  };
}
