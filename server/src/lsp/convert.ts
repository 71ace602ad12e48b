import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, RuleSettings, Severity } from '../rules/rule';
import { ruleSettingProblem } from '../service/settings';

/** What a published diagnostic carries in `data`, for code actions to apply later. */
export interface DiagnosticData {
  file: string;
  fixes: Diagnostic['fixes'];
}

export const DIAGNOSTIC_SOURCE = 'jekyll-author';

const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/** A service diagnostic as LSP publishes it; `uriOf` turns a site-relative path into a URI. */
export function toLspDiagnostic(diagnostic: Diagnostic, uriOf: (relPath: string) => string): LspDiagnostic {
  const data: DiagnosticData = { file: diagnostic.file, fixes: diagnostic.fixes };
  const lsp: LspDiagnostic = {
    range: diagnostic.range,
    severity: LSP_SEVERITY[diagnostic.severity] ?? 1,
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data,
  };
  const docs = ruleDocs(diagnostic.code);
  if (docs) lsp.codeDescription = { href: docs };
  if (diagnostic.related.length > 0) {
    lsp.relatedInformation = diagnostic.related.map((place) => ({
      location: { uri: uriOf(place.file), range: place.range },
      message: place.message,
    }));
  }
  return lsp;
}

let docsFolder: string | null | undefined;
const docsByCode = new Map<string, string | undefined>();

/**
 * The URI of a rule's page of documentation (`docs/rules/<id>.md`, shipped beside the server in
 * the .vsix and the npm package), for the link on each problem; undefined when it is not there.
 */
export function ruleDocs(code: string): string | undefined {
  if (docsFolder === undefined) {
    docsFolder = null;
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'docs', 'rules', 'yaml-syntax.md'))) {
        docsFolder = path.join(dir, 'docs', 'rules');
        break;
      }
    }
  }
  if (!docsByCode.has(code)) {
    const file = docsFolder && /^[a-z0-9-]+$/.test(code) ? path.join(docsFolder, `${code}.md`) : undefined;
    docsByCode.set(code, file && fs.existsSync(file) ? pathToUri(file) : undefined);
  }
  return docsByCode.get(code);
}

/** The file system path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}

export interface ServerSettings {
  rules: RuleSettings;
  schemaPath?: string;
  /** Check layouts, includes and `_config.yml` too (`jekyllAuthor.checkTemplates`, on by default). */
  checkTemplates: boolean;
}

/** Files an author of pages does not usually edit: their findings can be hidden apart from the pages'. */
export function isTemplateOrConfig(kind: string): boolean {
  return kind === 'layout' || kind === 'include' || kind === 'config';
}

/**
 * The `jekyllAuthor` settings section, checked: unknown values are dropped and reported through `warn`
 * so that a typo in settings.json never stops the server.
 */
export function readSettings(section: unknown, warn: (message: string) => void = () => undefined): ServerSettings {
  const settings: ServerSettings = { rules: {}, checkTemplates: true };
  if (!section || typeof section !== 'object') return settings;
  const { rules, schemaPath, checkTemplates } = section as { rules?: unknown; schemaPath?: unknown; checkTemplates?: unknown };
  if (checkTemplates === false) settings.checkTemplates = false;
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      const problem = ruleSettingProblem(id, value);
      if (problem) warn(`Ignoring jekyllAuthor.rules.${id}: ${problem}`);
      else settings.rules[id] = value as Severity | 'off';
    }
  } else if (rules !== undefined && rules !== null) {
    warn('Ignoring jekyllAuthor.rules: it must be an object of rule ids.');
  }
  if (typeof schemaPath === 'string' && schemaPath.trim() !== '') settings.schemaPath = schemaPath.trim();
  return settings;
}
