/** A JSON Schema (draft-07 subset) with this product's extension keywords. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  additionalProperties?: boolean | JsonSchema;
  /** Extension: the value must equal some page's value of this field (`parent` → `section`). */
  refersTo?: string;
  /** Extension: no two pages may have the same value. */
  unique?: boolean;
  /** Extension: no two pages with the same value of this other field may share a value (`weight` within `parent`). */
  uniqueWithin?: string;
  /** Extension: the value is a path to a file of the site that must exist. */
  siteFile?: boolean;
  [keyword: string]: unknown;
}

/** Where an inferred field's expectation comes from, for messages and hovers. */
export interface FieldOrigin {
  template: string;
  line: number;
  expression: string;
}

export interface SchemaProblem {
  message: string;
  start?: number;
  end?: number;
}

/**
 * The fields pages may and must have: from the schema file at the site root, or inferred
 * from the site's templates and pages when there is none.
 */
export interface SiteSchema {
  source: 'file' | 'inferred';
  /** Site-relative path of the schema file, when `source` is `file`. */
  file?: string;
  /** Fields every page may have. */
  common: JsonSchema;
  /** One object schema per layout name. */
  layouts: Record<string, JsonSchema>;
  /** For inferred fields: the template expressions that read them, by layout name and field. */
  origins: Record<string, Record<string, FieldOrigin[]>>;
  /** The schema file could not be read or is not a valid schema. */
  problems: SchemaProblem[];
}

/** The schema file's name, at the site root (a leading `_` keeps Jekyll from publishing it). */
export const SCHEMA_FILE_NAME = '_jekyll-author.schema.json';

const mergedSchemas = new WeakMap<SiteSchema, Map<string | null, JsonSchema>>();

/**
 * The object schema a page of `layout` is checked against: common fields, then the layout's.
 * Computed once per schema and layout: every rule asks for it on every page.
 */
export function pageSchema(schema: SiteSchema, layout: string | null): JsonSchema {
  let byLayout = mergedSchemas.get(schema);
  if (!byLayout) mergedSchemas.set(schema, (byLayout = new Map()));
  let merged = byLayout.get(layout);
  if (!merged) {
    const layoutSchema = (layout && schema.layouts[layout]) || {};
    merged = {
      ...schema.common,
      ...layoutSchema,
      type: 'object',
      properties: { ...schema.common.properties, ...layoutSchema.properties },
      required: [...new Set([...(schema.common.required ?? []), ...(layoutSchema.required ?? [])])],
    };
    byLayout.set(layout, merged);
  }
  return merged;
}
