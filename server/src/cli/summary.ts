import type { Diagnostic } from '../rules/rule';
import { plural, ruleDocsUrl, severityCounts } from './format';

/** Pages listed under "most problems" in the job summary. */
const WORST_PAGES = 10;

/**
 * The Markdown a GitHub Actions job summary shows: the totals, a table of counts per rule, and
 * the files with the most problems (errors first).
 */
export function markdownSummary(diagnostics: Diagnostic[], pages: number, displayPath: (file: string) => string): string {
  const totals = severityCounts(diagnostics);
  const found = [plural(totals.errors, 'error'), plural(totals.warnings, 'warning'), plural(totals.notes, 'note')].join(', ');
  const lines = [`## Jekyll Author: ${found} in ${plural(pages, 'page')} checked`, ''];
  if (diagnostics.length === 0) {
    lines.push('Every checked file is clean.', '');
    return lines.join('\n');
  }
  lines.push('| Rule | Errors | Warnings | Notes |', '| --- | ---: | ---: | ---: |');
  for (const [code, group] of groupBy(diagnostics, (d) => d.code)) {
    lines.push(`| [${code}](${ruleDocsUrl(code)}) | ${countsCells(group)} |`);
  }
  const byFile = [...groupBy(diagnostics, (d) => d.file)]
    .map(([file, group]) => ({ file, counts: severityCounts(group) }))
    .sort((a, b) => b.counts.errors - a.counts.errors || b.counts.warnings - a.counts.warnings
      || b.counts.notes - a.counts.notes || (a.file < b.file ? -1 : 1));
  lines.push('', byFile.length > WORST_PAGES ? `### The ${WORST_PAGES} files with the most problems (of ${byFile.length})` : '### Files with problems', '');
  lines.push('| File | Errors | Warnings | Notes |', '| --- | ---: | ---: | ---: |');
  for (const { file, counts } of byFile.slice(0, WORST_PAGES)) {
    lines.push(`| ${markdownCode(displayPath(file))} | ${counts.errors} | ${counts.warnings} | ${counts.notes} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function countsCells(group: Diagnostic[]): string {
  const counts = severityCounts(group);
  return `${counts.errors} | ${counts.warnings} | ${counts.notes}`;
}

/** Groups in the order of first appearance (the diagnostics arrive sorted), keys sorted. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A file name as inline code in a table cell: pipes escaped, backticks fenced by longer runs. */
function markdownCode(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}
