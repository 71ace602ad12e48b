import * as path from 'node:path';
import { findPair, parseYamlSection } from '../frontmatter/parse';
import { LineIndex, Position, Range } from '../frontmatter/text';
import { configPageEntries } from '../rules/config-missing-page';
import type { SiteWorkspace } from '../service/workspace';
import { pagesByLayout } from '../site/indexes';
import { readSiteText } from '../site/guard';
import type { Layout, Page } from '../site/site';
import { analyzeTemplate } from '../templates/analysis';
import {
  fieldsReferringTo, fileOfPathValue, nodeRange, pagesWithValue, pageSpot, scalarText, schemaOfPath, SiteLocation, START_OF_FILE,
} from './document';
import { yamlTargetAt } from './position';

/**
 * Go to definition: from a page's `layout` to the layout file, from a reference (`parent`) to
 * the page it names, from a path to the file; in templates, from an `include` to the include
 * and from a layout's own `layout:` to its parent layout; in `_config.yml`, from a listed page
 * to the page. `text` is the editor's text of a template or `_config.yml` (the site model keeps
 * neither includes' texts nor unsaved config).
 */
export function definitionAt(workspace: SiteWorkspace, relPath: string, position: Position, text?: string): SiteLocation[] | undefined {
  const { site } = workspace;
  if (site.pages.has(relPath)) return pageDefinition(workspace, relPath, position);
  if (relPath === '_config.yml') return configDefinition(workspace, text ?? site.config.text ?? '', position);
  const layout = layoutOfFile(workspace, relPath);
  if (layout) {
    const offset = new LineIndex(layout.text).offsetAt(position);
    const target = yamlTargetAt(layout.frontMatter, layout.text, offset);
    if (target?.kind === 'value' && target.path.length === 1 && target.path[0] === 'layout') {
      return layoutLocation(workspace, scalarText(layout.frontMatter, target.node));
    }
  }
  const source = layout?.text ?? text ?? readSiteText(workspace.root, relPath);
  if (source === undefined || site.classify(relPath) !== (layout ? 'layout' : 'include')) return undefined;
  return includeDefinition(workspace, relPath, source, position);
}

function pageDefinition(workspace: SiteWorkspace, relPath: string, position: Position): SiteLocation[] | undefined {
  const spot = pageSpot(workspace, relPath, position);
  const target = spot?.target;
  if (!spot || target?.kind !== 'value') return undefined;
  const value = scalarText(spot.page.frontMatter, target.node);
  if (value === undefined || value === '') return undefined;
  if (target.path.length === 1 && target.path[0] === 'layout') return layoutLocation(workspace, value);
  const fieldSchema = schemaOfPath(workspace.schema, spot.page, target.path);
  if (typeof fieldSchema?.refersTo === 'string') {
    const refersTo = fieldSchema.refersTo;
    return pagesWithValue(workspace, refersTo, value).map((page) => ({ file: page.relPath, range: ownValueRange(page, refersTo) }));
  }
  if (fieldSchema?.siteFile === true) {
    const file = fileOfPathValue(workspace, value);
    return file ? [{ file, range: START_OF_FILE }] : undefined;
  }
  return undefined;
}

function layoutLocation(workspace: SiteWorkspace, name: string | undefined): SiteLocation[] | undefined {
  const layout = name === undefined ? undefined : workspace.site.layouts.get(name);
  return layout ? [{ file: layout.relPath, range: START_OF_FILE }] : undefined;
}

/** `{% include x.html %}` (or `include_relative`) under the position → the file it includes. */
function includeDefinition(workspace: SiteWorkspace, relPath: string, text: string, position: Position): SiteLocation[] | undefined {
  const lines = new LineIndex(text);
  const lineText = lines.lineText(position.line);
  for (const use of analyzeTemplate(relPath, text).includes) {
    if (use.line !== position.line || use.name.includes('{{')) continue;
    const tagStart = use.column ?? 0;
    const nameStart = lineText.indexOf(use.name, tagStart);
    if (nameStart < 0 || position.character < tagStart || position.character > nameStart + use.name.length) continue;
    const file = use.relative ? path.posix.join(path.posix.dirname(relPath), use.name) : workspace.site.includes.get(use.name);
    return file && workspace.site.files.has(file) ? [{ file, range: START_OF_FILE }] : undefined;
  }
  return undefined;
}

/** A page named in a `_config.yml` list of pages → that page. */
function configDefinition(workspace: SiteWorkspace, text: string, position: Position): SiteLocation[] | undefined {
  const parsed = parseYamlSection(text, 0, text.length);
  const target = yamlTargetAt(parsed, text, new LineIndex(text).offsetAt(position));
  if (!parsed.root || !target?.node || !configPageEntries(parsed.root).some((entry) => entry.node === target.node)) return undefined;
  const value = scalarText(parsed, target.node);
  const file = value === undefined ? undefined : fileOfPathValue(workspace, value);
  return file ? [{ file, range: START_OF_FILE }] : undefined;
}

/**
 * Find references: from a layout file, the pages rendered with it (directly or through a layout
 * built on it); from a value other pages name (`section`), the pages naming it (`parent`).
 */
export function referencesAt(workspace: SiteWorkspace, relPath: string, position: Position, includeDeclaration: boolean): SiteLocation[] | undefined {
  const layout = layoutOfFile(workspace, relPath);
  if (layout) return layoutUsers(workspace, layout).map((page) => ({ file: page.relPath, range: ownValueRange(page, 'layout') }));
  const spot = pageSpot(workspace, relPath, position);
  const target = spot?.target;
  if (!spot || target?.kind !== 'value' || target.path.length !== 1) return undefined;
  const field = String(target.path[0]);
  const value = scalarText(spot.page.frontMatter, target.node);
  if (value === undefined || value === '') return undefined;
  const referring = fieldsReferringTo(workspace.schema, spot.page, field);
  if (referring.length === 0) return undefined;
  const locations: SiteLocation[] = includeDeclaration ? [{ file: relPath, range: spot.page.lines.rangeOf(target.start, target.end) }] : [];
  for (const other of referring) {
    for (const page of pagesWithValue(workspace, other, value)) locations.push({ file: page.relPath, range: ownValueRange(page, other) });
  }
  return locations;
}

/** The code lens of a layout file: "used by 9 pages" on its first line. */
export interface LayoutLens {
  range: Range;
  title: string;
  /** Where the pages are, for the references view the lens opens. */
  locations: SiteLocation[];
}

export function layoutLens(workspace: SiteWorkspace, relPath: string): LayoutLens | undefined {
  const layout = layoutOfFile(workspace, relPath);
  if (!layout) return undefined;
  const users = layoutUsers(workspace, layout);
  const direct = users.filter((page) => page.layout === layout.name).length;
  const through = [...new Set(users.filter((page) => page.layout !== layout.name).map((page) => `\`${page.layout}\``))].sort();
  const title = users.length === 1 ? 'used by 1 page' : `used by ${users.length} pages`;
  return {
    range: START_OF_FILE,
    title: through.length === 0 ? title : `${title}${direct > 0 ? ` (${direct} directly)` : ''} through ${through.join(', ')}`,
    locations: users.map((page) => ({ file: page.relPath, range: ownValueRange(page, 'layout') })),
  };
}

/** The pages rendered with a layout: those using it, and those using a layout whose chain reaches it. */
function layoutUsers(workspace: SiteWorkspace, layout: Layout): Page[] {
  const { site } = workspace;
  const byLayout = pagesByLayout(site);
  const users: Page[] = [];
  for (const name of byLayout.keys()) {
    if (site.layoutChain(name).includes(layout)) users.push(...byLayout.get(name)!);
  }
  return users.sort((a, b) => a.relPath.localeCompare(b.relPath));
}

function layoutOfFile(workspace: SiteWorkspace, relPath: string): Layout | undefined {
  return [...workspace.site.layouts.values()].find((layout) => layout.relPath === relPath);
}

/** Where a page sets a field itself (the value), or its first line when the value comes from elsewhere. */
function ownValueRange(page: Page, field: string): Range {
  const value = page.frontMatter.root ? findPair(page.frontMatter.root, field)?.value : undefined;
  return value ? nodeRange(page, value) : START_OF_FILE;
}

