import type { Diagnostic } from '../rules/rule';
import { applyEditGroups, safeFixes } from './fixes';
import type { SiteWorkspace } from './workspace';
import { readUtf8File, replaceFile } from './write-file';

export interface FixReport {
  /** How many fixes were written. */
  applied: number;
  /** Files that could not be fixed, with why (`describe` turns the error into a sentence). */
  refused: { file: string; error: unknown }[];
}

/**
 * Writes each file's safe fixes, a few passes so that fixes blocked by an overlap get their turn.
 * A file that is not valid UTF-8, or cannot be written, is left byte for byte as it was.
 */
export function applySafeFixesToFiles(workspace: SiteWorkspace, initial: Diagnostic[], recheck: () => Diagnostic[]): FixReport {
  const report: FixReport = { applied: 0, refused: [] };
  const refused = new Set<string>();
  let diagnostics = initial;
  for (let pass = 0; pass < 5; pass++) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
    let appliedThisPass = 0;
    for (const [file, fileDiagnostics] of byFile) {
      const groups = safeFixes(fileDiagnostics);
      if (groups.length === 0 || refused.has(file)) continue;
      const absolute = workspace.absolutePath(file);
      try {
        const before = readUtf8File(absolute);
        const { text, applied } = applyEditGroups(before, groups);
        if (applied === 0 || text === before) continue;
        replaceFile(absolute, text);
        appliedThisPass += applied;
      } catch (error) {
        refused.add(file);
        report.refused.push({ file, error });
        continue;
      }
      workspace.updateFile(file);
    }
    if (appliedThisPass === 0) break;
    report.applied += appliedThisPass;
    diagnostics = recheck();
  }
  return report;
}
