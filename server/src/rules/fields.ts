import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { findPair, ParsedYaml } from '../frontmatter/parse';
import type { JsonSchema, SiteSchema } from '../schema/schema';
import type { Page } from '../site/site';
import type { Edit, Fix } from './rule';

/**
 * Helpers the schema-driven rules share: which fields carry an extension keyword, where a
 * field's value is written in a page, and how to replace it without breaking its quoting.
 */

/** Every object schema of a site schema: the common fields, then each layout's. */
export function allObjectSchemas(schema: SiteSchema): JsonSchema[] {
  return [schema.common, ...Object.values(schema.layouts)];
}

/**
 * The top-level fields of an object schema that `test` picks, in the schema's order: kept per schema
 * object and test, as rules ask on every page and most fields carry none of their keywords.
 */
export function propertiesWhere(object: JsonSchema, test: (property: JsonSchema) => boolean): [string, JsonSchema][] {
  let byTest = propertiesWhereOf.get(object);
  if (!byTest) propertiesWhereOf.set(object, (byTest = new Map()));
  let picked = byTest.get(test);
  if (!picked) byTest.set(test, (picked = Object.entries(object.properties ?? {}).filter(([, property]) => test(property))));
  return picked;
}

const propertiesWhereOf = new WeakMap<JsonSchema, Map<(property: JsonSchema) => boolean, [string, JsonSchema][]>>();

/** A top-level field naming another page by the value of one of its fields (`parent` → `section`). */
export interface ReferenceField {
  /** The referring field (`parent`). */
  field: string;
  /** The field it names a value of (`section`). */
  refersTo: string;
}

/** Every top-level `refersTo` field of the schema, whatever layout declares it (deduplicated); kept per schema, as rules ask on every page. */
export function referenceFields(schema: SiteSchema): ReferenceField[] {
  let fields = referenceFieldsOf.get(schema);
  if (!fields) referenceFieldsOf.set(schema, (fields = findReferenceFields(schema)));
  return fields;
}

const referenceFieldsOf = new WeakMap<SiteSchema, ReferenceField[]>();

function findReferenceFields(schema: SiteSchema): ReferenceField[] {
  const found = new Map<string, ReferenceField>();
  for (const object of allObjectSchemas(schema)) {
    for (const [field, property] of Object.entries(object.properties ?? {})) {
      if (refersToPages(property)) {
        found.set(`${field}\u0000${property.refersTo}`, { field, refersTo: property.refersTo });
      }
    }
  }
  return [...found.values()];
}

/** A field naming another page (`refersTo`). */
export function refersToPages(property: JsonSchema): property is JsonSchema & { refersTo: string } {
  return typeof property.refersTo === 'string' && property.refersTo !== '';
}

/**
 * A path to a field in front matter: property names, with `[]` for "each item of the list"
 * (`resources`, `[]`, `path`).
 */
export type FieldPath = string[];

/** `resources[].path`: how messages name a nested field. */
export function fieldLabel(path: FieldPath): string {
  return path.reduce((label, part) => (part === '[]' ? `${label}[]` : label === '' ? part : `${label}.${part}`), '');
}

/** The paths of the fields, at any depth, whose schema satisfies `test`. */
export function fieldPathsWhere(schema: JsonSchema, test: (field: JsonSchema) => boolean): FieldPath[] {
  const found: FieldPath[] = [];
  const walk = (node: JsonSchema, path: FieldPath, depth: number): void => {
    if (depth > 8) return;
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (!property || typeof property !== 'object') continue;
      const here = [...path, name];
      if (test(property)) found.push(here);
      walk(property, here, depth + 1);
    }
    if (node.items && typeof node.items === 'object') {
      const here = [...path, '[]'];
      if (path.length > 0 && test(node.items)) found.push(here);
      walk(node.items, here, depth + 1);
    }
  };
  walk(schema, [], 0);
  return found;
}

/** The paths of the fields that name a site file (`siteFile: true`), kept per schema object. */
export function siteFilePaths(schema: JsonSchema): FieldPath[] {
  let paths = siteFilePathsOf.get(schema);
  if (!paths) siteFilePathsOf.set(schema, (paths = fieldPathsWhere(schema, (field) => field.siteFile === true)));
  return paths;
}

const siteFilePathsOf = new WeakMap<JsonSchema, FieldPath[]>();

/** The value nodes a field path reaches in a YAML mapping (several when the path goes through a list). */
export function nodesAt(root: YAMLMap | undefined, path: FieldPath): Node[] {
  let current: Node[] = root ? [root] : [];
  for (const part of path) {
    const next: Node[] = [];
    for (const node of current) {
      if (part === '[]') {
        if (isSeq(node)) for (const item of node.items) if (item && typeof item === 'object') next.push(item as Node);
      } else if (isMap(node)) {
        const value = findPair(node, part)?.value;
        if (value && typeof value === 'object') next.push(value as Node);
      }
    }
    current = next;
  }
  return current;
}

/** `nodesAt` over values instead of YAML nodes: what Jekyll reads at a field path, for indexes over every page. */
export function valuesAtPath(data: Record<string, unknown>, path: FieldPath): unknown[] {
  let current: unknown[] = [data];
  for (const part of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (part === '[]') {
        if (Array.isArray(value)) for (const item of value) if (item !== null && item !== undefined) next.push(item);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        && Object.prototype.hasOwnProperty.call(value, part)) {
        const found = (value as Record<string, unknown>)[part];
        if (found !== null && found !== undefined) next.push(found);
      }
    }
    current = next;
  }
  return current;
}

/** A top-level field of a page's own front matter, with its value when it is a scalar. */
export function ownScalar(page: Page, field: string): { key: Scalar; node: Scalar; text: string } | undefined {
  return scalarField(page.frontMatter, field);
}

/**
 * The text of a top-level scalar field of the page's own front matter, from its values rather than its
 * YAML tree: for indexes that look at every page of the site (a lean site parses trees again on demand).
 * A page Jekyll cannot read has no values: its tree says what is written.
 */
export function ownScalarText(page: Page, field: string): string | undefined {
  const { data, problems } = page.frontMatter;
  if (problems.length > 0) return ownScalar(page, field)?.text;
  const value = Object.prototype.hasOwnProperty.call(data, field) ? data[field] : undefined;
  return value === null || value === undefined || typeof value === 'object' ? undefined : String(value);
}

export function scalarField(parsed: ParsedYaml, field: string): { key: Scalar; node: Scalar; text: string } | undefined {
  const pair = parsed.root ? findPair(parsed.root, field) : undefined;
  if (!pair || !isScalar(pair.value)) return undefined;
  const value = parsed.scalarOf(pair.value)?.value ?? pair.value.value;
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return { key: pair.key, node: pair.value, text: String(value) };
}

/**
 * Replaces a scalar's text, keeping how it was quoted. Plain values that would change meaning
 * when written plain (a `: `, a leading `*`, …) are double-quoted.
 */
export function replaceScalar(parsed: ParsedYaml, node: Scalar, newValue: string): Edit {
  const [start, end] = parsed.offsetsOf(node);
  let newText: string;
  if (node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(newValue);
  else if (node.type === 'QUOTE_SINGLE') newText = `'${newValue.replace(/'/g, "''")}'`;
  else newText = needsQuotes(newValue) ? JSON.stringify(newValue) : newValue;
  return { start, end, newText };
}

/** The offset just after a scalar's opening quote (or its start when plain): where to insert a prefix. */
export function scalarContentStart(parsed: ParsedYaml, node: Scalar): number {
  const [start] = parsed.offsetsOf(node);
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? start + 1 : start;
}

function needsQuotes(value: string): boolean {
  return value === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]|: |\s#|\s$/.test(value);
}

/** `“Title”` of a page, or '' when it has none: to name other pages in messages. */
export function titleSuffix(page: Page): string {
  const title = page.data.title;
  return typeof title === 'string' && title.trim() !== '' ? ` (“${title.trim()}”)` : '';
}

/** The offsets of a page's first line (the opening `---`), for findings about the page as a whole. */
export function firstLine(page: Page): [number, number] {
  return [page.lines.lineStart(0), page.lines.lineEnd(0)];
}

/** The offset one character after `offset`, past a whole `\r\n` (one line break to an editor, which a range may not split). */
export function nextCharacter(text: string, offset: number): number {
  return offset + (text.startsWith('\r\n', offset) ? 2 : 1);
}

/** Quotes a plain value so that YAML reads exactly its text. */
export function quote(value: string): string {
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The fix that quotes a plain value, for every rule whose finding is a value YAML misreads. Not safe:
 * the value becomes what the author meant, so a page that shows it changes (`5.10`, not `5.1`).
 */
export function quoteFix(start: number, value: string): Fix {
  return { title: 'Put the value in quotes', safe: false, preferred: true, edits: [{ start, end: start + value.length, newText: quote(value) }] };
}
