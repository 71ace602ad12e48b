/**
 * `site.data`: the files of `_data/` (and the theme's `_data/`, the site's winning) as Jekyll's
 * `DataReader` reads them: YAML, JSON, CSV and TSV (a list of rows keyed by the header line),
 * nested by folder, keyed by file name without extension.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseYamlSection } from '../frontmatter/parse';
import { readGuarded } from './guard';
import { NO_PAGE_FIELDS, siteIndex } from './indexes';
import type { Site } from './site';
import { themeFiles } from './theme';

export type DataTree = Record<string, unknown>;

const DATA_EXTENSIONS = new Set(['.yml', '.yaml', '.json', '.csv', '.tsv']);

/** `site.data`, read once per site version. Unreadable files are left out, as Jekyll stops on them. */
export function siteData(site: Site): DataTree {
  return siteIndex(site, 'site-data', () => {
    // Each file's reader: the theme's from its gem, the site's refusing links that lead outside it.
    const files = new Map<string, () => Buffer>();
    if (site.theme) for (const [relPath, absPath] of themeFiles(site.theme)) if (relPath.startsWith('_data/')) files.set(relPath, () => fs.readFileSync(absPath));
    for (const relPath of site.files) if (relPath.startsWith('_data/')) files.set(relPath, () => readGuarded(site.root, relPath));
    const data: DataTree = {};
    for (const [relPath, read] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const ext = path.posix.extname(relPath).toLowerCase();
      if (!DATA_EXTENSIONS.has(ext)) continue;
      let text: string;
      try {
        text = read().toString('utf8');
      } catch {
        continue;
      }
      const value = readDataFile(text, ext, site.config.data);
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
export function readDataFile(text: string, ext: string, config: Record<string, unknown> = {}): unknown {
  if (ext === '.json') {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (ext === '.csv' || ext === '.tsv') return csvRows(text, ext === '.tsv' ? '\t' : ',', readsHeaders(config, ext));
  const parsed = parseYamlSection(text, 0, text.length);
  // A list or a scalar is "not a mapping" to front matter, but a fine data file.
  return parsed.problems.every((problem) => problem.kind === 'not-a-mapping') ? parsed.value ?? null : undefined;
}

/** `csv_reader: { headers: false }` (`tsv_reader` for TSV) reads rows as lists. */
function readsHeaders(config: Record<string, unknown>, ext: string): boolean {
  const reader = config[ext === '.tsv' ? 'tsv_reader' : 'csv_reader'];
  return !(reader !== null && typeof reader === 'object' && (reader as Record<string, unknown>).headers === false);
}

/** `DataReader#sanitize_filename`: no characters but word ones, blanks and `-`; blanks become `_`. */
function sanitizeKey(name: string): string {
  return name.replace(/[^\w\s-]+/g, '').trim().replace(/\s+/g, '_');
}

/** A CSV or TSV cell as Ruby's CSV gives it: nil for an empty unquoted cell, text otherwise. */
type Cell = string | null;

/** Ruby CSV's reading of `text` (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes), a row per line, blank lines as empty rows. */
function csvRecords(text: string, separator: string): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    record.push(field === '' && !wasQuoted ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    // A blank line is a row without cells.
    if (!(record.length === 0 && field === '' && !wasQuoted)) endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (char === separator) endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += char;
  }
  if (field !== '' || wasQuoted || record.length > 0) endRecord();
  return records;
}

/**
 * A CSV or TSV data file as Jekyll reads it: rows keyed by the header line (the first header of a
 * name winning, a missing cell nil), or with `headers: false` under `csv_reader`/`tsv_reader`, rows as lists.
 */
export function csvRows(text: string, separator: string, headers = true): Record<string, Cell>[] | Cell[][] {
  const records = csvRecords(text, separator);
  if (!headers) return records;
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((row) => {
    const entries: Record<string, Cell> = {};
    header.forEach((name, i) => {
      const key = name ?? '';
      if (!(key in entries)) entries[key] = row[i] ?? null;
    });
    return entries;
  });
}
