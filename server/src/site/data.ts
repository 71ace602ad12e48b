/**
 * `site.data`: the files of `_data/` (and the theme's `_data/`, the site's winning) as Jekyll's
 * `DataReader` reads them: YAML, JSON, CSV and TSV (a list of rows keyed by the header line),
 * nested by folder, keyed by file name without extension.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlSection } from '../frontmatter/parse';
import { NO_PAGE_FIELDS, siteIndex } from './indexes';
import type { Site } from './site';
import { themeFiles } from './theme';

export type DataTree = Record<string, unknown>;

const DATA_EXTENSIONS = new Set(['.yml', '.yaml', '.json', '.csv', '.tsv']);

/** `site.data`, read once per site version. Unreadable files are left out, as Jekyll stops on them. */
export function siteData(site: Site): DataTree {
  return siteIndex(site, 'site-data', () => {
    const files = new Map<string, string>();
    if (site.theme) for (const [relPath, absPath] of themeFiles(site.theme)) if (relPath.startsWith('_data/')) files.set(relPath, absPath);
    for (const relPath of site.files) if (relPath.startsWith('_data/')) files.set(relPath, site.absolutePath(relPath));
    const data: DataTree = {};
    for (const [relPath, absPath] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const ext = path.posix.extname(relPath).toLowerCase();
      if (!DATA_EXTENSIONS.has(ext)) continue;
      let text: string;
      try {
        text = fs.readFileSync(absPath, 'utf8');
      } catch {
        continue;
      }
      const value = readDataFile(text, ext);
      if (value === undefined) continue;
      const keys = relPath.slice('_data/'.length, -ext.length).split('/').map(sanitizeKey);
      let target = data;
      for (const key of keys.slice(0, -1)) {
        const next = target[key];
        target = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (target[key] = {})) as DataTree;
      }
      target[keys[keys.length - 1]] = value;
    }
    return data;
  }, undefined, NO_PAGE_FIELDS);
}

/** One data file's value, or undefined when it cannot be read. */
export function readDataFile(text: string, ext: string): unknown {
  if (ext === '.json') {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (ext === '.csv' || ext === '.tsv') return csvRows(text, ext === '.tsv' ? '\t' : ',');
  const parsed = parseYamlSection(text, 0, text.length);
  // A list or a scalar is "not a mapping" to front matter, but a fine data file.
  return parsed.problems.every((problem) => problem.kind === 'not-a-mapping') ? parsed.value ?? null : undefined;
}

/** `DataReader#sanitize_filename`: no characters but word ones, blanks and `-`; blanks become `_`. */
function sanitizeKey(name: string): string {
  return name.replace(/[^\w\s-]+/g, '').trim().replace(/\s+/g, '_');
}

/** CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) as rows keyed by the header line. */
export function csvRows(text: string, separator: string): Record<string, string | null>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records.filter((row) => !(row.length === 1 && row[0] === ''));
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? null])));
}
