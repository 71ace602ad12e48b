import type { Page, Site } from '../site/site';
import { runToEnd } from '../site/slices';
import type { FieldRead, LayoutAnalysis } from '../templates/analysis';
import { pageBodyAnalysis, siteLayoutAnalysis, siteTemplates } from '../templates/site-templates';
import { isJekyllField, isReservedField, JEKYLL_FIELDS } from './jekyll-fields';
import { FieldOrigin, JsonSchema, SiteSchema } from './schema';
import { isCheckable } from './validate';

/**
 * A schema guessed from the site itself, for sites without a schema file:
 * - the fields a layout's templates read from `page.x` (its chain and includes) belong to that layout;
 * - fields read from other pages (`site.pages | where: …`, `sub_page.level`) may be on any page;
 * - types come from the values pages give the fields (text wins over numbers: `level: 2.1.1` and `"2.5"`);
 * - `where: "parent", page.section` makes `parent` refer to `section` (and `section` unique),
 *   `sort: 'weight'` on those pages makes `weight` unique within `parent`;
 * - values shown through `relative_url`/`absolute_url` that look like paths must be site files;
 * - a field the layout reads and at least 80% of its pages (and at least 3) set is required.
 * Jekyll's own page variables (`path`, `url`…) are never part of it.
 */
export function inferSchema(site: Site): SiteSchema {
  return runToEnd(inferringSchema(site));
}

/** `inferSchema` a layout, page or field at a time, for a server to answer requests between steps. */
export function* inferringSchema(site: Site): Generator<void, SiteSchema> {
  const analyses = yield* analyzingLayouts(site);
  const pages = [...site.pages.values()].filter(isCheckable);
  yield;
  pages.sort((a, b) => compare(a.relPath, b.relPath));
  yield;
  const observed = yield* observingValues(pages);
  const bodies = yield* analyzingBodies(site, pages);

  const pagesReads: FieldRead[] = [];
  const references = new Map<string, string>();
  const orderings = new Map<string, string>();
  // Menus and lists in page bodies (`site.posts` in an archive page) read other pages' fields too.
  for (const body of bodies) pagesReads.push(...body.reads.filter((read) => read.via === 'pages'));
  for (const analysis of analyses.values()) {
    pagesReads.push(...analysis.reads.filter((read) => read.via === 'pages'));
    for (const reference of analysis.references) references.set(reference.from, reference.to);
    for (const ordering of analysis.orderings) if (ordering.within) orderings.set(ordering.field, ordering.within);
  }
  const referenced = new Set(references.values());

  const allReads = [...analyses.values()].flatMap((analysis) => analysis.reads);
  /** `chainReads`: the reads of the layout the property is for, so that its description names that layout's own template. */
  const property = function* (field: string, chainReads: FieldRead[] = []): Generator<void, JsonSchema> {
    const reads = allReads.filter((read) => read.path[0] === field);
    // Jekyll's own fields keep the types Jekyll accepts (`tags` may be a list or words), whatever pages do.
    const schema = isJekyllField(field)
      ? { ...JEKYLL_FIELDS[field] }
      : yield* buildingProperty(reads.map((read) => ({ read, rest: read.path.slice(1) })), observed.get(field) ?? []);
    if (references.has(field)) schema.refersTo = references.get(field);
    if (referenced.has(field)) schema.unique = true;
    if (orderings.has(field)) schema.uniqueWithin = orderings.get(field);
    const own = chainReads.filter((read) => read.path[0] === field);
    const first = bestOrigin(own) ?? bestOrigin(reads.filter((read) => read.via === 'page')) ?? bestOrigin(reads);
    if (first) schema.description = `read by \`${first.template}\` line ${first.line + 1}: \`${first.expression}\``;
    return sortSchema(schema);
  };

  const commonFields = fieldsOf(pagesReads);
  const common: JsonSchema = { type: 'object', properties: {} };
  for (const field of commonFields) {
    common.properties![field] = yield* property(field);
    yield;
  }

  const layouts: Record<string, JsonSchema> = {};
  const origins: Record<string, Record<string, FieldOrigin[]>> = { '*': originsOf(pagesReads) };
  for (const [name, analysis] of analyses) {
    const ownReads = analysis.reads.filter((read) => read.via === 'page');
    const layoutSchema: JsonSchema = { type: 'object', properties: {} };
    for (const field of fieldsOf(ownReads)) {
      if (commonFields.includes(field)) continue;
      layoutSchema.properties![field] = yield* property(field, ownReads);
      yield;
    }
    const required = requiredFields(name, pages, ownReads.filter((read) => !read.guarded), references, orderings);
    yield;
    if (required.length > 0) layoutSchema.required = required;
    layouts[name] = layoutSchema;
    origins[name] = originsOf(ownReads);
  }
  return { source: 'inferred', common, layouts, origins, problems: [] };
}

/** Only the template expressions behind each field (for hovers when the schema comes from a file). */
export function inferOrigins(site: Site): Record<string, Record<string, FieldOrigin[]>> {
  const origins: Record<string, Record<string, FieldOrigin[]>> = {};
  const pagesReads: FieldRead[] = [];
  for (const [name, analysis] of runToEnd(analyzingLayouts(site))) {
    origins[name] = originsOf(analysis.reads.filter((read) => read.via === 'page'));
    pagesReads.push(...analysis.reads.filter((read) => read.via === 'pages'));
  }
  for (const body of runToEnd(analyzingBodies(site, [...site.pages.values()].filter(isCheckable)))) {
    pagesReads.push(...body.reads.filter((read) => read.via === 'pages'));
  }
  origins['*'] = originsOf(pagesReads);
  return origins;
}

/** The JSON the `init` command writes: the inferred schema without Jekyll's own fields. */
export function schemaToFile(schema: SiteSchema): string {
  const strip = (object: JsonSchema): JsonSchema => {
    const properties: Record<string, JsonSchema> = {};
    for (const [field, value] of Object.entries(object.properties ?? {})) {
      if (!isJekyllField(field) && !isReservedField(field)) properties[field] = value;
    }
    return sortSchema({ ...object, properties });
  };
  const layouts: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schema.layouts).sort(compare)) layouts[name] = strip(schema.layouts[name]);
  return `${JSON.stringify({ common: strip(schema.common), layouts }, null, 2)}\n`;
}

/** The analysis of each layout, one per step (liquidjs parses its templates). */
function* analyzingLayouts(site: Site): Generator<void, Map<string, LayoutAnalysis>> {
  const templates = siteTemplates(site);
  const analyses = new Map<string, LayoutAnalysis>();
  for (const name of [...site.layouts.keys()].sort(compare)) {
    analyses.set(name, siteLayoutAnalysis(site, name, templates));
    yield;
  }
  return analyses;
}

/** The Liquid of the pages' own bodies, one page per step (pages without Liquid cost nothing). */
function* analyzingBodies(site: Site, pages: Page[]): Generator<void, LayoutAnalysis[]> {
  const templates = siteTemplates(site);
  const bodies: LayoutAnalysis[] = [];
  for (const page of pages) {
    const body = pageBodyAnalysis(site, page, templates);
    if (body) bodies.push(body);
    yield;
  }
  return bodies;
}

/** The page fields (top-level names) that reads name, minus Jekyll's own page variables. */
function fieldsOf(reads: FieldRead[]): string[] {
  const fields = new Set<string>();
  for (const read of reads) {
    const field = read.path[0];
    if (field && field !== '[]' && !isReservedField(field)) fields.add(field);
  }
  return [...fields].sort(compare);
}

function requiredFields(
  layout: string, pages: Page[], ownReads: FieldRead[], references: Map<string, string>, orderings: Map<string, string>,
): string[] {
  const ofLayout = pages.filter((page) => page.layout === layout);
  if (ofLayout.length < 3) return [];
  const required: string[] = [];
  for (const field of fieldsOf(ownReads)) {
    // A page without a `parent` (or `weight` within it) is a top-level page, not an incomplete one;
    // `layout` is chosen by defaults or the default-layout plugin as often as it is written.
    if (field === 'layout' || references.has(field) || orderings.has(field)) continue;
    const setBy = ofLayout.filter((page) => isSet(page.data[field])).length;
    if (setBy >= 3 && setBy >= 0.8 * ofLayout.length) required.push(field);
  }
  return required;
}

function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Every value each top-level field has across the pages, one page per step. */
function* observingValues(pages: Page[]): Generator<void, Map<string, unknown[]>> {
  const observed = new Map<string, unknown[]>();
  for (const page of pages) {
    for (const [field, value] of Object.entries(page.data)) {
      if (value === null || value === undefined) continue;
      if (!observed.has(field)) observed.set(field, []);
      observed.get(field)!.push(value);
    }
    yield;
  }
  return observed;
}

interface ReadAt {
  read: FieldRead;
  /** The rest of the read's path below the field being built (`[]`, `path`). */
  rest: string[];
}

/**
 * A field's schema from the reads below it and the values pages give it, a few thousand values a
 * step: a field every page sets has 10 000 values on a site of 10 000 pages.
 */
function* buildingProperty(reads: ReadAt[], values: unknown[]): Generator<void, JsonSchema> {
  const schema: JsonSchema = yield* typingValues(values);
  const itemReads = reads.filter((entry) => entry.rest[0] === '[]').map((entry) => ({ read: entry.read, rest: entry.rest.slice(1) }));
  const childReads = reads.filter((entry) => entry.rest.length > 0 && entry.rest[0] !== '[]');
  if (itemReads.length > 0 && (schema.type === undefined || schema.type === 'array')) {
    const items = values.filter(Array.isArray).flat();
    schema.type = 'array';
    schema.items = yield* buildingProperty(itemReads, items);
  } else if (childReads.length > 0 && (schema.type === undefined || schema.type === 'object')) {
    schema.type = 'object';
    const properties: Record<string, JsonSchema> = {};
    const names = [...new Set(childReads.map((entry) => entry.rest[0]))].sort(compare);
    const objects = values.filter(isPlainObject);
    for (const name of names) {
      const below = childReads.filter((entry) => entry.rest[0] === name).map((entry) => ({ read: entry.read, rest: entry.rest.slice(1) }));
      const childValues = objects.map((object) => object[name]).filter((value) => value !== null && value !== undefined);
      properties[name] = yield* buildingProperty(below, childValues);
    }
    schema.properties = properties;
  }
  const direct = reads.filter((entry) => entry.rest.length === 0).map((entry) => entry.read);
  if (schema.type === undefined && direct.some((read) => read.filters.some((filter) => TEXT_FILTERS.has(filter)))) schema.type = 'string';
  if (direct.some((read) => read.filters.some((filter) => URL_FILTERS.has(filter))) && (yield* lookingLikeSitePaths(values))) schema.siteFile = true;
  return sortSchema(schema);
}

/** Values looked at in one step of `buildingProperty`. */
const VALUES_PER_STEP = 2000;

const TEXT_FILTERS = new Set([
  'markdownify', 'relative_url', 'absolute_url', 'escape', 'xml_escape', 'slugify', 'strip_html', 'url_encode',
  'upcase', 'downcase', 'capitalize', 'newline_to_br', 'smartify', 'truncate', 'truncatewords',
]);
const URL_FILTERS = new Set(['relative_url', 'absolute_url']);

/**
 * `/assets/report.pdf` or `assets/images/city.jpg`: not a web address, with a leading `/` or a file
 * extension. Spaces are allowed: real sites name their PDFs `Section 3.3.5_Final Report.pdf`.
 * Whether at least half the texts are such paths.
 */
function* lookingLikeSitePaths(values: unknown[]): Generator<void, boolean> {
  let texts = 0;
  let paths = 0;
  for (const [i, value] of values.entries()) {
    if (typeof value === 'string') {
      texts++;
      if (!/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(value) && (/^\//.test(value) || /\/?[^/]+\.[A-Za-z0-9]{1,6}$/.test(value))) paths++;
    }
    if (i % VALUES_PER_STEP === VALUES_PER_STEP - 1) yield;
  }
  return texts === 0 ? values.length === 0 : paths * 2 >= texts;
}

/** The JSON Schema type of the values a field has: text wins whenever any page writes text. */
function* typingValues(values: unknown[]): Generator<void, JsonSchema> {
  if (values.length === 0) return {};
  const arrays: unknown[][] = [];
  let objects = 0;
  const scalars = { count: 0, text: false, booleans: 0, dates: 0, numbers: 0, integers: 0 };
  for (const [i, value] of values.entries()) {
    if (Array.isArray(value)) arrays.push(value);
    else if (isPlainObject(value)) objects++;
    else {
      scalars.count++;
      if (typeof value === 'string') scalars.text = true;
      else if (typeof value === 'boolean') scalars.booleans++;
      else if (value instanceof Date) scalars.dates++;
      else if (typeof value === 'number') {
        scalars.numbers++;
        if (Number.isInteger(value)) scalars.integers++;
      }
    }
    if (i % VALUES_PER_STEP === VALUES_PER_STEP - 1) yield;
  }
  const largest = Math.max(arrays.length, objects, scalars.count);
  if (scalars.count === largest) return scalarType(scalars);
  if (arrays.length === largest) {
    const items = yield* typingValues(arrays.flat().filter((value) => value !== null && value !== undefined));
    return Object.keys(items).length > 0 ? { type: 'array', items } : { type: 'array' };
  }
  return { type: 'object' };
}

/** The type of scalar values from their counts: text if any is, else the one kind all are. */
function scalarType({ count, text, booleans, dates, numbers, integers }: { count: number; text: boolean; booleans: number; dates: number; numbers: number; integers: number }): JsonSchema {
  if (text) return { type: 'string' };
  if (booleans === count) return { type: 'boolean' };
  if (dates === count) return { type: 'string', format: 'date' };
  if (numbers === count) return { type: integers === count ? 'integer' : 'number' };
  return { type: 'string' };
}

function originsOf(reads: FieldRead[]): Record<string, FieldOrigin[]> {
  const byField = new Map<string, FieldOrigin[]>();
  for (const read of sortOrigins(reads)) {
    const field = read.path[0];
    if (!field || isReservedField(field)) continue;
    const list = byField.get(field) ?? [];
    if (!list.some((origin) => origin.template === read.template && origin.line === read.line && origin.expression === read.expression)) {
      list.push({ template: read.template, line: read.line, expression: read.expression });
    }
    byField.set(field, list);
  }
  const out: Record<string, FieldOrigin[]> = {};
  for (const field of [...byField.keys()].sort(compare)) out[field] = byField.get(field)!;
  return out;
}

/** The read that best shows what a field is for: one that outputs it rather than tests it. */
export function bestOrigin<T extends FieldOrigin>(reads: T[]): T | undefined {
  const sorted = sortOrigins(reads);
  return sorted.find((read) => !/^(?:if|elsif|unless|when|case)\b/.test(read.expression)) ?? sorted[0];
}

function sortOrigins<T extends FieldOrigin>(reads: T[]): T[] {
  return [...reads].sort((a, b) => compare(a.template, b.template) || a.line - b.line || compare(a.expression, b.expression));
}

/** The same schema with its keys (and nested properties) in a stable order. */
function sortSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of Object.keys(schema).sort(compare)) {
    const value = schema[key];
    if (key === 'properties' && value && typeof value === 'object') {
      const properties: Record<string, JsonSchema> = {};
      for (const name of Object.keys(value).sort(compare)) properties[name] = sortSchema((value as Record<string, JsonSchema>)[name]);
      out.properties = properties;
    } else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.items = sortSchema(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

