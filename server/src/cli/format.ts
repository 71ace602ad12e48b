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

/**
 * Renders diagnostics. `displayPath` turns a site-relative path into what the reader can open
 * (relative to the working folder for text and GitHub; SARIF and JSON stay site-relative).
 */
export function formatDiagnostics(
  diagnostics: Diagnostic[], format: OutputFormat, displayPath: (file: string) => string, summary: { pages: number },
): string {
  const items = diagnostics.map(toJsonDiagnostic);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ diagnostics: items }, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(items), null, 2)}\n`;
    case 'github':
      return items.map((item) => githubLine(item, displayPath(item.file))).join('');
    case 'text':
      return items.map((item) => `${displayPath(item.file)}:${item.line}:${item.column} ${item.severity} ${item.code} ${item.message}\n`).join('')
        + `${summaryLine(items, summary.pages)}\n`;
  }
}

function summaryLine(items: JsonDiagnostic[], pages: number): string {
  const count = (severity: Severity) => items.filter((item) => item.severity === severity).length;
  const parts = [
    plural(count('error'), 'error'), plural(count('warning'), 'warning'),
    plural(count('information') + count('hint'), 'note'),
  ];
  return `${parts.join(', ')} in ${plural(pages, 'page')} checked.`;
}

function plural(count: number, word: string): string {
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

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(items: JsonDiagnostic[]): unknown {
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
            helpUri: `https://github.com/jekyll-author/jekyll-author/blob/main/docs/rules/${rule.id}.md`,
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
            artifactLocation: { uri: encodeURI(item.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: item.line, startColumn: item.column, endLine: item.endLine, endColumn: item.endColumn },
          },
        }],
      })),
    }],
  };
}
