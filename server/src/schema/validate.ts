import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { version as AJV_VERSION } from 'ajv/package.json';
import { isMap, isPair, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { findPair, ParsedYaml } from '../frontmatter/parse';
import { describeKind, PsychScalar } from '../frontmatter/psych';
import { pagesByLayout } from '../site/indexes';
import type { Page, Site } from '../site/site';
import { JEKYLL_FIELDS } from './jekyll-fields';
import { JsonSchema, pageSchema, SiteSchema } from './schema';
import { ValidatorCache } from './validator-cache';
import { userCacheFolder } from '../util/cache-folder';

/**
 * Checking a page's front matter against the site schema, once per page and schema, for the
 * rules that report the results (missing-required, wrong-type, ambiguous-scalar, invalid-value).
 * ajv does the checking; this module maps its findings back to the YAML the author wrote.
 */

/** The extension keywords of the schema file, with the JSON type of their values. */
export const EXTENSION_KEYWORDS: Readonly<Record<string, 'string' | 'boolean'>> = {
  refersTo: 'string',
  unique: 'boolean',
  uniqueWithin: 'string',
  siteFile: 'boolean',
};

/**
 * An ajv instance that knows the extension keywords (as annotations: other rules check them).
 * `checkSchemas: false` skips checking each schema against the draft-07 meta-schema (compiling that
 * costs 25 to 100 ms at start-up): for schemas inferred, or checked already where they were loaded.
 */
export function createAjv(checkSchemas = true): Ajv {
  return new (ajvClass())(ajvOptions(checkSchemas)).addVocabulary(EXTENSION_VOCABULARY);
}

/**
 * ajv itself, loaded on first use: a run whose validators all come from the cache (`check` of a site
 * checked before) never compiles one, and ajv's modules are a fifth of the engine.
 */
export function ajvClass(): typeof Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ajv') as typeof import('ajv')).default;
}

function ajvOptions(checkSchemas: boolean): Options {
  // Not inlined: a field's schema, compiled once, is called by every layout's validator (see `compilable`).
  // The source is kept for the validator cache to write out.
  return { allErrors: true, strict: false, verbose: true, validateFormats: false, logger: false, validateSchema: checkSchemas, inlineRefs: false, code: { source: true } };
}

const EXTENSION_VOCABULARY = Object.entries(EXTENSION_KEYWORDS).map(([keyword, schemaType]) => ({ keyword, schemaType }));

let sharedAjv: Ajv | undefined;
const ajv = (): Ajv => (sharedAjv ??= createAjv(false));
/** Validators written out by earlier runs; what they depend on besides their schema names them too. */
const validatorCache = new ValidatorCache(ajv, JSON.stringify([AJV_VERSION, ajvOptions(false), EXTENSION_VOCABULARY]), userCacheFolder('validators'));

/** A path into a page's data: property names and list indexes. */
export type DataPath = (string | number)[];

export type IssueKind = 'missing-required' | 'wrong-type' | 'ambiguous-scalar' | 'invalid-value';

export interface PageIssue {
  kind: IssueKind;
  /** Where the value is (for missing-required: the object that lacks the field). */
  path: DataPath;
  /** missing-required: the field that is missing. */
  missing?: string;
  /** The schema of the value at `path` (for missing-required: of the missing field, when known). */
  schema: JsonSchema;
  /** ajv's own finding; absent for the date checks ajv cannot make. */
  error?: ErrorObject;
  /** The value's node in the page's own front matter (absent when it comes from `defaults`). */
  node?: Node;
  /** The key of the value, when it is a `key: value` pair. */
  key?: Scalar;
  /** What Psych made of the value, when it is a scalar. */
  scalar?: PsychScalar;
}

/** The schema a page is checked against: the site's fields for its layout, over Jekyll's own fields. */
export function effectiveSchema(schema: SiteSchema, layout: string | null): JsonSchema {
  const merged = pageSchema(schema, layout);
  let effective = effectiveSchemas.get(merged);
  if (!effective) {
    effective = { ...merged, properties: { ...JEKYLL_FIELDS, ...merged.properties } };
    effectiveSchemas.set(merged, effective);
  }
  return effective;
}

/** Keyed by the merged schema, which `pageSchema` keeps once per schema and layout. */
const effectiveSchemas = new WeakMap<JsonSchema, JsonSchema>();

/** Pages whose front matter Jekyll actually reads (syntax errors leave Jekyll with none). */
export function isCheckable(page: Page): boolean {
  const { block, problems } = page.frontMatter;
  return block.present && block.closed && problems.length === 0;
}

const pageCache = new WeakMap<SiteSchema, WeakMap<Page, { data: unknown; layout: string | null; issues: PageIssue[] }>>();
const validatorsBySchema = new WeakMap<SiteSchema, Map<string, ValidateFunction | null>>();

/** The schema issues of one page, computed once per page state and schema. */
export function validatePage(site: Site, page: Page, schema: SiteSchema): PageIssue[] {
  void site;
  let byPage = pageCache.get(schema);
  if (!byPage) pageCache.set(schema, (byPage = new WeakMap()));
  const cached = byPage.get(page);
  if (cached && cached.data === page.data && cached.layout === page.layout) return cached.issues;
  const issues = isCheckable(page) ? computeIssues(page, schema) : [];
  byPage.set(page, { data: page.data, layout: page.layout, issues });
  return issues;
}

/**
 * Compiles the validator of each layout the pages use that no earlier run kept: first each field's
 * schema, one per step (ajv takes a millisecond or two for each, and 25 to 100 ms for a layout's 30
 * fields at once, which would stall a server), then each layout's, which only calls them.
 */
export function* compilingValidators(site: Site, schema: SiteSchema): Generator<void> {
  const toCompile = [null, ...pagesByLayout(site).keys()].filter((layout) => !knownOrKept(schema, layout));
  for (const layout of toCompile) {
    for (const field of Object.values(effectiveSchema(schema, layout).properties ?? {})) {
      compiledField(field);
      yield;
    }
  }
  for (const layout of toCompile) {
    validatorsOf(schema).set(layoutKey(layout), compileValidator(schema, layout));
    yield;
  }
}

/**
 * Each distinct field schema, by its JSON, registered with ajv under an id of its own and compiled
 * once: Jekyll's 25 fields and the site's are the same in most layouts' schemas.
 */
const fieldIds = new Map<string, string>();
const MAX_FIELD_SCHEMAS = 5000;

function compiledField(field: JsonSchema): string {
  const json = JSON.stringify(field);
  let id = fieldIds.get(json);
  if (!id) {
    if (fieldIds.size >= MAX_FIELD_SCHEMAS) {
      // A long session re-infers schemas with every template edit: start afresh rather than keep them all.
      // Validators compiled already keep the functions they call.
      ajv().removeSchema();
      fieldIds.clear();
    }
    id = `jekyll-author:field/${fieldIds.size}`;
    ajv().addSchema({ ...field, $id: id });
    fieldIds.set(json, id);
  }
  ajv().getSchema(id);
  return id;
}

/** The schema as ajv compiles it: each top-level field a reference to its schema compiled on its own. */
function compilable(schema: JsonSchema): JsonSchema {
  const properties = Object.entries(schema.properties ?? {}).map(([name, field]) => [name, { $ref: compiledField(field) }]);
  return { ...schema, properties: Object.fromEntries(properties) };
}

function validatorFor(schema: SiteSchema, layout: string | null): ValidateFunction | null {
  if (!knownOrKept(schema, layout)) validatorsOf(schema).set(layoutKey(layout), compileValidator(schema, layout));
  return validatorsOf(schema).get(layoutKey(layout)) ?? null;
}

/** Whether the layout's validator is known already, or an earlier run kept it (then it is known now): nothing to compile. */
function knownOrKept(schema: SiteSchema, layout: string | null): boolean {
  const byLayout = validatorsOf(schema);
  if (byLayout.has(layoutKey(layout))) return true;
  const kept = validatorCache.cached(effectiveSchema(schema, layout));
  if (kept) byLayout.set(layoutKey(layout), kept);
  return kept !== undefined;
}

/** Compiles the layout's validator (keeping it for later runs); null when the schema cannot be compiled. */
function compileValidator(schema: SiteSchema, layout: string | null): ValidateFunction | null {
  const effective = effectiveSchema(schema, layout);
  try {
    return validatorCache.compiled(effective, () => ajv().compile(compilable(effective)));
  } catch {
    return null; // The schema file's problems are reported where it is loaded.
  }
}

const layoutKey = (layout: string | null): string => layout ?? '\u0000';

function validatorsOf(schema: SiteSchema): Map<string, ValidateFunction | null> {
  let byLayout = validatorsBySchema.get(schema);
  if (!byLayout) validatorsBySchema.set(schema, (byLayout = new Map()));
  return byLayout;
}

/**
 * Fields Jekyll gives a page itself when its front matter leaves them out, so they are never
 * missing: every collection document (posts included) gets `title` and `slug` from its file name,
 * a `date` (from its file name, else the build time), `excerpt` and `categories`
 * (`Document#populate_title`, `#date`, `#generate_excerpt`, `#populate_categories`).
 */
function filledByJekyll(page: Page): ReadonlySet<string> {
  return page.collection ? DOCUMENT_FIELDS : NO_FIELDS;
}
const DOCUMENT_FIELDS: ReadonlySet<string> = new Set(['title', 'slug', 'date', 'excerpt', 'categories', 'tags', 'ext']);
const NO_FIELDS: ReadonlySet<string> = new Set();

function computeIssues(page: Page, schema: SiteSchema): PageIssue[] {
  const validate = validatorFor(schema, page.layout);
  if (!validate) return [];
  const parsed = page.frontMatter;
  const root = parsed.root;
  const top = effectiveSchema(schema, page.layout);
  const issues: PageIssue[] = [];
  validate(toJsonData(page.data));
  for (const error of validate.errors ?? []) {
    // Errors under anyOf/oneOf branches are summed up by the anyOf/oneOf error itself.
    if (/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath)) continue;
    if (error.keyword === 'additionalProperties') continue; // unknown-field reports these, with suggestions
    const path = parsePointer(error.instancePath);
    const located = nodeAtPath(root, path);
    const scalar = located?.node && isScalar(located.node) ? parsed.scalarOf(located.node) : undefined;
    const base = { path, error, node: located?.node, key: located?.key, scalar };
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      if (path.length === 0 && filledByJekyll(page).has(missing)) continue;
      // At the top, ajv's schema is `compilable`'s copy, whose fields are references.
      const objectSchema = path.length === 0 ? top : (error.parentSchema as JsonSchema | undefined) ?? {};
      issues.push({ ...base, kind: 'missing-required', missing, schema: objectSchema.properties?.[missing] ?? {} });
    } else if (error.keyword === 'type') {
      const schemaHere = (error.parentSchema as JsonSchema | undefined) ?? {};
      issues.push({ ...base, kind: isAmbiguous(located?.node, scalar, schemaHere) ? 'ambiguous-scalar' : 'wrong-type', schema: schemaHere });
    } else {
      issues.push({ ...base, kind: 'invalid-value', schema: (error.parentSchema as JsonSchema | undefined) ?? {} });
    }
  }
  // Dates pass as text (Jekyll prints them back), but an unquoted date where text is expected
  // still comes out rewritten (`2024-1-2` → `2024-01-02`): ajv cannot see that, so look here.
  if (root) {
    walkScalars(root, [], (node, path, key) => {
      // Only an untagged plain value can be misread (`isAmbiguous`), and Psych's dates start with a digit or `-`.
      if (node.type !== 'PLAIN' || node.tag || !mayBeDate(node)) return;
      const scalar = parsed.scalarOf(node);
      if (!scalar || (scalar.kind !== 'date' && scalar.kind !== 'time')) return;
      const schemaHere = schemaAt(top, path);
      if (!schemaHere || isDateField(schemaHere, path) || !expectsOnlyText(schemaHere)) return;
      if (!isAmbiguous(node, scalar, schemaHere)) return;
      issues.push({ kind: 'ambiguous-scalar', path: [...path], schema: schemaHere, node, key, scalar });
    });
  }
  // In the order they are written (values from `defaults` last).
  const position = (issue: PageIssue): number => (issue.node?.range ? issue.node.range[0] : Number.MAX_SAFE_INTEGER);
  return issues.sort((a, b) => position(a) - position(b) || a.path.join('/').localeCompare(b.path.join('/')));
}

function mayBeDate(node: Scalar): boolean {
  const first = String(node.value ?? '').charCodeAt(0);
  return first === 45 /* - */ || (first >= 48 && first <= 57);
}

/** An unquoted value that YAML reads as something other than the text the field expects. */
function isAmbiguous(node: Node | undefined, scalar: PsychScalar | undefined, schema: JsonSchema): boolean {
  if (!node || !isScalar(node) || node.type !== 'PLAIN' || node.tag) return false;
  if (!scalar || scalar.kind === 'string' || scalar.kind === 'null') return false;
  return typesOf(schema).includes('string');
}

function expectsOnlyText(schema: JsonSchema): boolean {
  const types = typesOf(schema);
  return types.includes('string') && schema.format !== 'date' && schema.format !== 'date-time';
}

function isDateField(schema: JsonSchema, path: readonly (string | number)[]): boolean {
  return schema.format === 'date' || schema.format === 'date-time' || (path.length === 1 && (path[0] === 'date' || path[0] === 'last_modified_at'));
}

/** The schema types as a list (empty: any type). */
export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return typeof schema.type === 'string' ? [schema.type] : [];
}

/**
 * The page's data as JSON Schema sees it: dates become the text Jekyll prints for them,
 * and fields set to nothing (`key:` with no value) count as absent, as Liquid treats them.
 */
export function toJsonData(value: unknown): unknown {
  // Most pages' data is JSON as it is: ajv reads it without a copy (it changes nothing it validates).
  return isJsonAsIs(value) ? value : jsonCopy(value);
}

function jsonCopy(value: unknown): unknown {
  if (value instanceof Date) return dateText(value);
  if (Array.isArray(value)) return value.map(jsonCopy);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== null && item !== undefined) out[key] = jsonCopy(item);
    return out;
  }
  return value;
}

/** Data `jsonCopy` would copy unchanged: no dates, no fields set to nothing, plain objects only. */
function isJsonAsIs(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isJsonAsIs);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === null || item === undefined || !Object.prototype.hasOwnProperty.call(value, key) || !isJsonAsIs(item)) return false;
  }
  return true;
}

/** `2024-03-01` for a date, `2024-03-01 10:30:00 +0000` for a time: what Liquid prints. */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`;
}

function parsePointer(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value node (and key) at a data path in a YAML tree; indexes may be numbers or digit strings. */
export function nodeAtPath(root: YAMLMap | undefined, path: DataPath): { node?: Node; key?: Scalar } | undefined {
  if (!root) return undefined;
  let current: Node | undefined = root;
  let key: Scalar | undefined;
  for (const part of path) {
    if (isMap(current)) {
      const found = findPair(current, String(part));
      if (!found) return undefined;
      key = found.key;
      current = found.value ?? undefined;
    } else if (isSeq(current)) {
      const index = typeof part === 'number' ? part : /^\d+$/.test(part) ? Number(part) : NaN;
      const item = current.items[index];
      if (!item || typeof item !== 'object') return undefined;
      key = undefined;
      current = item as Node;
    } else {
      return undefined;
    }
  }
  return { node: current, key };
}

/**
 * Visits every scalar value of a YAML tree with its data path and key. The path is the walk's own
 * (one array for the whole tree, not one per value): a visitor that keeps it keeps a copy.
 */
export function walkScalars(node: Node, path: DataPath, visit: (node: Scalar, path: readonly (string | number)[], key?: Scalar) => void, key?: Scalar): void {
  if (isScalar(node)) visit(node, path, key);
  else if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && item.value && typeof item.value === 'object') {
        path.push(String(item.key.value ?? ''));
        walkScalars(item.value as Node, path, visit, item.key);
        path.pop();
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (!item || typeof item !== 'object') return;
      path.push(index);
      walkScalars(item as Node, path, visit);
      path.pop();
    });
  }
}

/** The schema of the value at a data path (list indexes and `[]` step into `items`). */
export function schemaAt(schema: JsonSchema, path: readonly (string | number)[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const part of path) {
    if (!current) return undefined;
    if (typeof part === 'number' || part === '[]' || /^\d+$/.test(part)) {
      if (current.items && typeof current.items === 'object') {
        current = current.items;
        continue;
      }
      if (typeof part === 'number' || part === '[]') return undefined;
    }
    const property: JsonSchema | undefined = current.properties?.[String(part)];
    if (property === undefined) return undefined;
    current = property;
  }
  return current;
}

/** How a message names the value at a path: `title`, or "the `title` of item 2 of `resources`". */
export function describePath(path: DataPath): string {
  if (path.length === 0) return 'the front matter';
  const last = path[path.length - 1];
  if (path.length === 1) return `\`${last}\``;
  const parentPath = path.slice(0, -1);
  if (typeof last === 'number' || /^\d+$/.test(String(last))) {
    return `item ${Number(last) + 1} of ${describePath(parentPath)}`;
  }
  return `the \`${last}\` of ${describePath(parentPath)}`;
}

/** The field name a path ends in (the list's name for a list item). */
export function fieldNameOf(path: DataPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && !/^\d+$/.test(String(path[i]))) return String(path[i]);
  return '';
}

/** Plain words for what a schema expects: "text", "a whole number", "a list or text". */
export function describeExpected(schema: JsonSchema): string {
  const words = typesOf(schema).filter((type) => type !== 'null').map((type) => {
    switch (type) {
      case 'string': return 'text';
      case 'integer': return 'a whole number';
      case 'number': return 'a number';
      case 'boolean': return '`true` or `false`';
      case 'array': return 'a list';
      case 'object': return 'a set of `name: value` fields';
      default: return type;
    }
  });
  if (words.length === 0) return 'a value';
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Plain words for what a YAML node holds, as Jekyll reads it. */
export function describeActual(parsed: ParsedYaml, node: Node | undefined): string {
  if (!node) return 'missing';
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a set of `name: value` fields';
  if (isScalar(node)) {
    const scalar = parsed.scalarOf(node);
    return scalar ? describeKind(scalar.kind) : 'text';
  }
  return 'something else';
}

/** How Ruby (and so the built page) prints a value Psych read from a plain scalar. */
export function rubyDisplay(scalar: PsychScalar): string {
  const { value } = scalar;
  if (value === null) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number' && scalar.kind === 'float') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
    const text = String(value);
    return text.includes('e') ? text.replace(/^(-?\d+)e/, '$1.0e').replace(/e(\d)/, 'e+$1') : text;
  }
  return String(value);
}
