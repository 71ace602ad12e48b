/**
 * The fields that relate pages to each other (read from the schema's extension keywords) and the
 * index of their values by page, which tells an edit which other pages to check again.
 */
import * as path from 'node:path';
import type { JsonSchema, SiteSchema } from '../schema/schema';

/** The fields whose values tie pages together, read from the schema's extension keywords. */
export interface Relations {
  /** Referring field → the field it names a value of (`parent` → `section`). */
  refersTo: Map<string, Set<string>>;
  /** Referred field → the fields referring to it (`section` → `parent`). */
  referredBy: Map<string, Set<string>>;
  /** Fields no two pages may share a value of. */
  unique: Set<string>;
  /** Field → the group fields it is unique within (`weight` → `parent`). */
  uniqueWithin: Map<string, Set<string>>;
  /** Paths to values that name site files (`resources`, `[]`, `path`). */
  siteFiles: string[][];
  /** Every field above whose values are indexed (the unique-within ones with their groups). */
  indexed: Set<string>;
}

/** The indexed values of one page: keys by field, plus composite keys and file references. */
export interface PageKeys {
  fields: Map<string, string[]>;
  /** `field\0group` → composite keys (`weight` within `parent`). */
  groups: Map<string, string[]>;
  files: string[];
}

/** Field → value key → pages. */
export type ValueIndex = Map<string, Map<string, Set<string>>>;

export function relationsOf(schema: SiteSchema): Relations {
  const relations: Relations = {
    refersTo: new Map(), referredBy: new Map(), unique: new Set(), uniqueWithin: new Map(), siteFiles: [], indexed: new Set(),
  };
  const seenFilePaths = new Set<string>();
  const visitTop = (objectSchema: JsonSchema | undefined): void => {
    for (const [field, fieldSchema] of Object.entries(objectSchema?.properties ?? {})) {
      if (!fieldSchema || typeof fieldSchema !== 'object') continue;
      for (const each of [fieldSchema, ...(isSchema(fieldSchema.items) ? [fieldSchema.items] : [])]) {
        if (typeof each.refersTo === 'string') {
          addToSetMap(relations.refersTo, field, each.refersTo);
          addToSetMap(relations.referredBy, each.refersTo, field);
        }
        if (each.unique === true) relations.unique.add(field);
        if (typeof each.uniqueWithin === 'string') addToSetMap(relations.uniqueWithin, field, each.uniqueWithin);
      }
      collectSiteFiles(fieldSchema, [field], relations.siteFiles, seenFilePaths, 0);
    }
  };
  visitTop(schema.common);
  for (const layoutSchema of Object.values(schema.layouts ?? {})) visitTop(layoutSchema);
  const { refersTo, referredBy, unique, uniqueWithin, indexed } = relations;
  for (const field of [...refersTo.keys(), ...referredBy.keys(), ...unique]) indexed.add(field);
  for (const [field, groups] of uniqueWithin) {
    indexed.add(field);
    for (const group of groups) indexed.add(group);
  }
  return relations;
}

function collectSiteFiles(schema: JsonSchema, at: string[], out: string[][], seen: Set<string>, depth: number): void {
  if (depth > 8) return;
  if (schema.siteFile === true) {
    const key = at.join('\u0000');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(at);
    }
  }
  if (isSchema(schema.items)) collectSiteFiles(schema.items, [...at, '[]'], out, seen, depth + 1);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (isSchema(child)) collectSiteFiles(child, [...at, name], out, seen, depth + 1);
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values at a path of property names, `[]` standing for every item of a list (a lone value counts as one item). */
export function valuesAt(data: unknown, fieldPath: string[]): unknown[] {
  let current: unknown[] = [data];
  for (const step of fieldPath) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step === '[]') {
        if (Array.isArray(value)) next.push(...value);
        else next.push(value);
      } else if (isSchema(value)) {
        if (step in value) next.push((value as Record<string, unknown>)[step]);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/** The site-relative file a site-file value names, as the index keys it (leading `/` and `./` dropped). */
export function siteFileKey(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || /^[a-z][a-z0-9+.-]*:/i.test(value.trim())) return undefined;
  const file = path.posix.normalize(value.trim().replace(/[?#].*$/, '')).replace(/^\/+/, '').replace(/^(\.\/)+/, '');
  return file === '' || file === '.' ? undefined : file;
}

export function valueKeys(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => valueKeys(item)))];
  if (value instanceof Date) return [value.toISOString()];
  if (typeof value === 'object') {
    try {
      return [JSON.stringify(value)];
    } catch {
      return [];
    }
  }
  return [String(value)];
}

export function addTo(index: ValueIndex, field: string, value: string, relPath: string): void {
  let byValue = index.get(field);
  if (!byValue) index.set(field, (byValue = new Map()));
  let pages = byValue.get(value);
  if (!pages) byValue.set(value, (pages = new Set()));
  pages.add(relPath);
}

export function removeFrom(index: ValueIndex, field: string, value: string, relPath: string): void {
  const byValue = index.get(field);
  const pages = byValue?.get(value);
  if (!byValue || !pages) return;
  pages.delete(relPath);
  if (pages.size === 0) byValue.delete(value);
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
