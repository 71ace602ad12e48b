import type { Node } from 'yaml';
import type { ParsedYaml } from '../frontmatter/parse';
import type { Position, Range } from '../frontmatter/text';
import { siteFileFor, sitePath } from '../rules/missing-file';
import type { JsonSchema, SiteSchema } from '../schema/schema';
import { DataPath, effectiveSchema, schemaAt } from '../schema/validate';
import type { SiteWorkspace } from '../service/workspace';
import { valueKey } from '../site/indexes';
import type { Page } from '../site/site';
import { YamlTarget, yamlTargetAt } from './position';

/**
 * What the editor features share: the page at a position, the schema of a value, the text of a
 * scalar, the pages a value relates to. Plain objects shaped like LSP's, no LSP imports.
 */

/** A place in a site file, as definitions, references and links name it. */
export interface SiteLocation {
  /** Site-relative path. */
  file: string;
  range: Range;
}

/** A position in a page's front matter, with what it is on. */
export interface PageSpot {
  page: Page;
  offset: number;
  target?: YamlTarget;
}

export const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The page at `relPath` and what its front matter has under `position`; undefined for other files. */
export function pageSpot(workspace: SiteWorkspace, relPath: string, position: Position): PageSpot | undefined {
  const page = workspace.site.pages.get(relPath);
  if (!page) return undefined;
  const offset = page.lines.offsetAt(position);
  const { block } = page.frontMatter;
  const inFrontMatter = block.present && offset >= block.yamlStart && offset <= block.yamlEnd;
  return { page, offset, target: inFrontMatter ? yamlTargetAt(page.frontMatter, page.text, offset) : undefined };
}

/** The schema of the value at a data path of a page: its layout's fields over Jekyll's own. */
export function schemaOfPath(schema: SiteSchema, page: Page, path: DataPath): JsonSchema | undefined {
  return schemaAt(effectiveSchema(schema, page.layout), path);
}

/** The text of a scalar as Jekyll reads it (`5.10` is `5.1`); undefined for null, lists and maps. */
export function scalarText(parsed: ParsedYaml, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const scalar = parsed.scalarOf(node);
  return valueKey(scalar ? scalar.value : (node as { value?: unknown }).value);
}

/** The site file a path value names (`/assets/a.pdf`, `/about.html` → `about.md`), when it exists. */
export function fileOfPathValue(workspace: SiteWorkspace, value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\{[{%]/i.test(value.trim())) return undefined;
  return siteFileFor(workspace.site, sitePath(workspace.site, value.trim()));
}

/** The pages (not collection documents) whose `field` is `value`, from the workspace's index, in path order. */
export function pagesWithValue(workspace: SiteWorkspace, field: string, value: string): Page[] {
  const pages: Page[] = [];
  for (const relPath of workspace.pagesWithValue(field, value)) {
    const page = workspace.site.pages.get(relPath);
    if (page && !page.collection) pages.push(page);
  }
  return pages.sort((a, b) => a.relPath.localeCompare(b.relPath));
}

/** Fields naming another page's value of `field` (`parent` for `section`), from the schema's `refersTo`. */
export function fieldsReferringTo(schema: SiteSchema, page: Page | undefined, field: string): string[] {
  const properties = page ? effectiveSchema(schema, page.layout).properties ?? {} : allProperties(schema);
  return Object.entries(properties).filter(([, property]) => property.refersTo === field).map(([name]) => name);
}

/** Every top-level field of the schema, whatever layout declares it. */
function allProperties(schema: SiteSchema): Record<string, JsonSchema> {
  const all: Record<string, JsonSchema> = { ...schema.common.properties };
  for (const layout of Object.values(schema.layouts)) Object.assign(all, layout.properties);
  return all;
}

/** `Research` (the title), or the path when the page has none. */
export function pageName(page: Page): string {
  const title = page.data.title;
  return typeof title === 'string' && title.trim() !== '' ? title.trim() : page.relPath;
}

/** The range of a node of a page's front matter. */
export function nodeRange(page: Page, node: Node): Range {
  const [start, end] = page.frontMatter.offsetsOf(node);
  return page.lines.rangeOf(start, end);
}
