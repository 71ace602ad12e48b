import type { ErrorObject, ValidateFunction } from 'ajv';
import * as path from 'node:path';
import { isMap, Node, parseDocument, YAMLMap } from 'yaml';
import { isInside, OutsideSiteError, readGuarded } from '../site/guard';
import type { Site } from '../site/site';
import { runToEnd } from '../site/slices';
import { inferOrigins, inferringSchema } from './infer';
import { JsonSchema, SCHEMA_FILE_NAME, SchemaProblem, SiteSchema } from './schema';
import { ajvClass, createAjv, DataPath, EXTENSION_KEYWORDS, nodeAtPath } from './validate';

const FIELD_SCHEMA_REF = { $ref: '#/definitions/fieldSchema' };

/**
 * A JSON Schema of the schema file itself (`schemas/jekyll-author.schema.json` holds the same,
 * for VS Code's JSON validation): `common` and `layouts.<name>` are JSON Schemas (draft-07)
 * with the product's extension keywords.
 */
export const SCHEMA_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Jekyll Author site schema',
  description: 'The front-matter fields the pages of a Jekyll site may and must have, checked by Jekyll Author. Save it as `_jekyll-author.schema.json` at the site root.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description: 'Where editors find this file\'s own schema, e.g. `./node_modules/jekyll-author/schemas/jekyll-author.schema.json`. Optional.',
    },
    common: {
      ...FIELD_SCHEMA_REF,
      description: 'A JSON Schema object for the fields every page may have, whatever its layout (`properties`, `required`…).',
    },
    layouts: {
      type: 'object',
      description: 'One JSON Schema object per layout name (the file name in `_layouts/` without its extension): the fields of pages with that layout, added to the common ones.',
      additionalProperties: FIELD_SCHEMA_REF,
    },
  },
  definitions: {
    fieldSchema: {
      description: 'A JSON Schema (draft-07) with Jekyll Author\'s extension keywords.',
      allOf: [{ $ref: 'http://json-schema.org/draft-07/schema#' }],
      properties: {
        refersTo: {
          type: 'string',
          description: 'The value must equal some page\'s value of this other field: `"parent": { "refersTo": "section" }`.',
        },
        unique: {
          type: 'boolean',
          description: 'No two pages may have the same value of this field (`section`).',
        },
        uniqueWithin: {
          type: 'string',
          description: 'No two pages with the same value of this other field may share a value: `"weight": { "uniqueWithin": "parent" }`.',
        },
        siteFile: {
          type: 'boolean',
          description: 'The value is the path of a file of the site (such as `/assets/report.pdf`), which must exist.',
        },
        properties: {
          type: 'object',
          additionalProperties: FIELD_SCHEMA_REF,
        },
        items: {
          anyOf: [FIELD_SCHEMA_REF, { type: 'array', items: FIELD_SCHEMA_REF }],
        },
        additionalProperties: {
          anyOf: [{ type: 'boolean' }, FIELD_SCHEMA_REF],
        },
      },
    },
  },
} as const;

let fileShapeValidator: ValidateFunction | undefined;

/** Compiled on first use: a site without a schema file never needs it. */
function validateFileShape(): ValidateFunction {
  fileShapeValidator ??= new (ajvClass())({ allErrors: true, strict: false, logger: false }).compile(SCHEMA_FILE_SCHEMA as unknown as object);
  return fileShapeValidator;
}

/**
 * The site's schema: the schema file at the site root (or `schemaPath`, site-relative or
 * absolute) when there is one, else the schema inferred from the templates and pages.
 * A schema file that cannot be used is reported in `problems` and the inferred schema used instead.
 */
export function loadSiteSchema(site: Site, schemaPath?: string): SiteSchema {
  return runToEnd(loadingSiteSchema(site, schemaPath));
}

/** `loadSiteSchema` a step at a time (inferring a schema takes a pass over every page). */
export function* loadingSiteSchema(site: Site, schemaPath?: string): Generator<void, SiteSchema> {
  const given = schemaPath ?? SCHEMA_FILE_NAME;
  const absolute = path.isAbsolute(given) ? given : site.absolutePath(given);
  const file = site.relativePath(absolute) ?? given;
  let text: string;
  try {
    text = readSchemaText(site.root, absolute);
  } catch (error) {
    const inferred = yield* inferringSchema(site);
    if (error instanceof OutsideSiteError) {
      inferred.problems.push({ message: `The schema file \`${given}\` is a link to a file outside the site folder, so it is not read and the fields were inferred from the templates instead. Put the schema file itself in the site folder.` });
      return { ...inferred, file };
    }
    if (schemaPath !== undefined) {
      inferred.problems.push({ message: `The schema file \`${schemaPath}\` could not be read, so the fields were inferred from the templates instead.` });
    }
    return inferred;
  }
  const result = parseSchemaFile(text, file, new Set(site.layouts.keys()));
  if (result.fatal) {
    const inferred = yield* inferringSchema(site);
    return { ...inferred, file, problems: result.problems };
  }
  return { ...result.schema, origins: inferOrigins(site) };
}

/**
 * The text of the schema file at `absolute`. A schema file in the site folder is read through the
 * site's guard, so a link to a file elsewhere is refused (`OutsideSiteError`); one the author named
 * outside the site (a setting or `--schema`) is read from that folder, links leaving it refused.
 */
export function readSchemaText(siteRoot: string, absolute: string): string {
  const roots = isInside(siteRoot, absolute) ? siteRoot : path.dirname(absolute);
  return readGuarded(roots, absolute).toString('utf8');
}

export interface ParsedSchemaFile {
  schema: SiteSchema;
  /** The file cannot be used at all (bad JSON, or not the expected shape). */
  fatal: boolean;
  problems: SchemaProblem[];
}

/** Reads and checks the text of a schema file; problems carry offsets into `text`. */
export function parseSchemaFile(text: string, file: string, layoutNames?: ReadonlySet<string>): ParsedSchemaFile {
  const empty: SiteSchema = { source: 'file', file, common: {}, layouts: {}, origins: {}, problems: [] };
  const fail = (problems: SchemaProblem[]): ParsedSchemaFile => ({ schema: { ...empty, problems }, fatal: true, problems });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = text.length - body.length;

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const start = position ? shift + Number(position[1]) : text.length;
    return fail([{ message: `The schema file is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}.`, start, end: Math.min(text.length, start + 1) }]);
  }

  const document = parseDocument(body, { version: '1.2', uniqueKeys: false, prettyErrors: false });
  const root = isMap(document.contents) ? document.contents : undefined;
  const rangeOf = (dataPath: DataPath, key?: string): { start: number; end: number } => {
    if (key !== undefined) {
      const located = nodeAtPath(root, [...dataPath, key]);
      if (located?.key?.range) return { start: shift + located.key.range[0], end: shift + located.key.range[1] };
    }
    const node: Node | undefined = dataPath.length === 0 ? (root as YAMLMap | undefined) : nodeAtPath(root, dataPath)?.node;
    if (node?.range) {
      const [start, end] = node.range;
      // A whole object: point at its first line, not the entire block.
      const firstLineEnd = body.indexOf('\n', start);
      return { start: shift + start, end: shift + (firstLineEnd !== -1 && firstLineEnd < end ? firstLineEnd : end) };
    }
    return { start: 0, end: 0 };
  };

  const validateShape = validateFileShape();
  if (!validateShape(value)) {
    return fail(shapeProblems(validateShape.errors ?? [], rangeOf));
  }
  const file_ = value as { common?: JsonSchema; layouts?: Record<string, JsonSchema> };
  const common = file_.common ?? {};
  const layouts = file_.layouts ?? {};

  const problems: SchemaProblem[] = [];
  const ajv = createAjv();
  const tryCompile = (schema: JsonSchema, dataPath: DataPath, label: string): void => {
    try {
      ajv.compile(schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push({ message: `${label} is not a schema Jekyll Author can use: ${message}`, ...rangeOf(dataPath) });
    }
  };
  tryCompile(common, ['common'], '`common`');
  for (const name of Object.keys(layouts)) tryCompile(layouts[name], ['layouts', name], `The schema of the \`${name}\` layout`);
  if (problems.length > 0) return fail(problems);

  // Not fatal: the schema still works for the layouts that exist.
  if (layoutNames) {
    for (const name of Object.keys(layouts)) {
      if (!layoutNames.has(name)) {
        const known = [...layoutNames].sort().map((layout) => `\`${layout}\``).join(', ');
        problems.push({
          message: `There is no layout called \`${name}\` in \`_layouts/\`, so these fields are never checked. The layouts are: ${known || 'none'}.`,
          ...rangeOf(['layouts'], name),
        });
      }
    }
  }
  const schema: SiteSchema = { source: 'file', file, common, layouts, origins: {}, problems };
  return { schema, fatal: false, problems };
}

function shapeProblems(errors: ErrorObject[], rangeOf: (path: DataPath, key?: string) => { start: number; end: number }): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  // The draft-07 meta-schema explains one mistake several ways (anyOf branches): keep the plainest.
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const key = error.keyword === 'additionalProperties'
      ? `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`
      : error.instancePath;
    byPath.set(key, [...(byPath.get(key) ?? []), error]);
  }
  for (const [key, group] of byPath) {
    if (seen.has(key)) continue;
    seen.add(key);
    const error = group.find((e) => e.keyword === 'additionalProperties')
      ?? group.find((e) => e.keyword === 'enum') ?? group.find((e) => e.keyword !== 'anyOf') ?? group[0];
    const dataPath = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = dataPath.length === 0 ? 'The schema file' : `\`${dataPath.join('.')}\``;
    if (error.keyword === 'additionalProperties') {
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      problems.push({
        message: `\`${property}\` is not part of a schema file: it may only have \`common\`, \`layouts\` and \`$schema\`.`,
        ...rangeOf(dataPath, property),
      });
    } else if (error.keyword === 'enum' && dataPath[dataPath.length - 1] === 'type') {
      problems.push({
        message: `${where} must be one of \`string\`, \`number\`, \`integer\`, \`boolean\`, \`array\`, \`object\`, \`null\` (or a list of them).`,
        ...rangeOf(dataPath),
      });
    } else {
      const keyword = dataPath[dataPath.length - 1];
      const extension = typeof keyword === 'string' && keyword in EXTENSION_KEYWORDS ? ` (\`${keyword}\` takes ${EXTENSION_KEYWORDS[keyword] === 'string' ? 'a field name' : '`true` or `false`'})` : '';
      problems.push({ message: `${where} ${error.message ?? 'is not valid'}${extension}.`, ...rangeOf(dataPath) });
    }
  }
  return problems.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}
