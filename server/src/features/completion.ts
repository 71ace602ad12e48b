import type { Scalar } from 'yaml';
import { parseYamlSection, ParsedYaml } from '../frontmatter/parse';
import { LineIndex, Position, Range } from '../frontmatter/text';
import { configPageEntries } from '../rules/config-missing-page';
import { referenceFields } from '../rules/fields';
import type { JsonSchema } from '../schema/schema';
import { DataPath, describeExpected, effectiveSchema, nodeAtPath, typesOf } from '../schema/validate';
import type { SiteWorkspace } from '../service/workspace';
import { pagesByLayout } from '../site/indexes';
import { isPagePath, Page, Site } from '../site/site';
import { pageName, pageSpot, scalarText, schemaOfPath } from './document';
import { describeField, describeLayout } from './hover';
import { typedKeyAt, yamlTargetAt } from './position';
import { rankFilePaths, rankLayouts, rankListedPages, SectionRanking } from './ranking';

export type CompletionKind = 'field' | 'layout' | 'value' | 'reference' | 'file';

/** One suggestion, shaped like an LSP completion item with a text edit. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range`; a snippet (`$0`, `${1|a,b|}`) when `snippet` is set. */
  newText: string;
  range: Range;
  snippet?: boolean;
  /** Orders the list (the client sorts by it). */
  sortText: string;
  filterText?: string;
  /** Open the suggestions again after inserting: a value comes next (`layout: `). */
  suggestAgain?: boolean;
}

export interface CompletionList {
  items: CompletionEntry[];
  /** More matches than were sent: the client asks again as the author types. */
  incomplete: boolean;
}

/** Long lists (a site's sections, its files) are cut here; the client asks again as the author types. */
export const MAX_ITEMS = 100;

/**
 * Suggestions at a position of a page's front matter (fields not set yet, then values) or of
 * `_config.yml` (pages for its lists of pages). `text` is the editor's text of `_config.yml`,
 * which the site model only reads on save.
 */
export function completionsAt(workspace: SiteWorkspace, relPath: string, position: Position, text?: string): CompletionList | undefined {
  if (relPath === '_config.yml') return configCompletions(workspace, text ?? workspace.site.config.text ?? '', position);
  const spot = pageSpot(workspace, relPath, position);
  if (!spot) return undefined;
  let { page } = spot;
  const { offset } = spot;
  const typed = typedKeyAt(page.text, page.frontMatter.block, offset);
  if (typed) {
    // `layout: x` followed by the lone word reads as the layout `x word`: take the layout as it will be.
    const ownLayout = typed.data.layout;
    if (typeof ownLayout === 'string' && workspace.site.layouts.has(ownLayout)) page = { ...page, layout: ownLayout };
    const range = page.lines.rangeOf(typed.start, typed.end);
    const indent = page.lines.lineText(range.start.line).slice(0, range.start.character).replace(/-/g, ' ');
    return { items: fieldCompletions(workspace, page, typed.parentPath, typed.siblings, range, indent), incomplete: false };
  }
  const target = spot.target;
  if (!target || target.kind !== 'value' || !target.node) return undefined;
  const range = valueRange(page.lines, target.node, target.start, target.end);
  const typedValue = page.text.slice(page.lines.offsetAt(range.start), offset);
  return valueCompletions(workspace, page, target.path, typedValue, range);
}

/** The fields the schema allows at `parentPath` that the page does not set there, most wanted first. */
function fieldCompletions(
  workspace: SiteWorkspace, page: Page, parentPath: DataPath, siblings: ReadonlySet<string>, range: Range, indent: string,
): CompletionEntry[] {
  const { schema } = workspace;
  const top = parentPath.length === 0;
  const owner = top ? effectiveSchema(schema, page.layout) : schemaOfPath(schema, page, parentPath);
  const required = new Set(owner?.required ?? []);
  const readByLayout = new Set(Object.keys((page.layout && schema.origins[page.layout]) || {}));
  const siteFields = new Set([...Object.keys(schema.common.properties ?? {}), ...Object.keys((page.layout && schema.layouts[page.layout]?.properties) || {})]);
  const entries: CompletionEntry[] = [];
  for (const [name, fieldSchema] of Object.entries(owner?.properties ?? {})) {
    if (siblings.has(name)) continue;
    const fromDefaults = top && page.data[name] !== undefined;
    // Required and missing, read by the layout, other site fields, Jekyll's own, already given by defaults.
    const tier = fromDefaults ? 4 : required.has(name) ? 0 : readByLayout.has(name) || !top ? 1 : siteFields.has(name) ? 2 : 3;
    const insert = fieldSnippet(workspace, page, name, fieldSchema, indent, top);
    entries.push({
      label: name,
      kind: 'field',
      detail: `${describeExpected(fieldSchema)}${required.has(name) ? ' · required' : ''}${fromDefaults ? ' · set by _config.yml defaults' : ''}`,
      documentation: describeField(workspace, page, [...parentPath, name]),
      newText: insert.text,
      snippet: true,
      range,
      sortText: `${tier}${name}`,
      filterText: name,
      suggestAgain: insert.suggestAgain,
    });
  }
  return entries;
}

/** `intro: |` and an indented line for text the layout turns into HTML, a list dash for lists, a choice for enums. */
function fieldSnippet(workspace: SiteWorkspace, page: Page, name: string, schema: JsonSchema, indent: string, top: boolean): { text: string; suggestAgain: boolean } {
  const types = typesOf(schema);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return { text: `${name}: \${1|${schema.enum.map((value) => escapeChoice(String(value))).join(',')}|}`, suggestAgain: false };
  }
  if (types.length === 1 && types[0] === 'array') return { text: `${name}:\n${indent}  - $0`, suggestAgain: false };
  if (types.length === 1 && types[0] === 'object') return { text: `${name}:\n${indent}  $0`, suggestAgain: false };
  const origins = top && page.layout ? workspace.schema.origins[page.layout]?.[name] ?? [] : [];
  if (origins.some((origin) => /\|\s*markdownify\b/.test(origin.expression))) return { text: `${name}: |\n${indent}  $0`, suggestAgain: false };
  const valued = (top && name === 'layout') || typeof schema.refersTo === 'string' || schema.siteFile === true;
  return { text: `${name}: $0`, suggestAgain: valued };
}

/**
 * Layouts a page may use: all but those only other layouts build on (`core`, the bare shell of
 * `default`), which no page uses and no page should.
 */
export function pageLayouts(site: Site): string[] {
  const usage = pagesByLayout(site);
  const builtOn = new Set([...site.layouts.values()].map((layout) => layout.parent));
  return [...site.layouts.keys()].filter((name) => !builtOn.has(name) || (usage.get(name)?.length ?? 0) > 0);
}

function escapeChoice(value: string): string {
  return value.replace(/[\\$}|,]/g, (char) => `\\${char}`);
}

/** Values for the field at `path`: layouts, enum values, other pages' sections, site files. */
function valueCompletions(workspace: SiteWorkspace, page: Page, path: DataPath, typed: string, range: Range): CompletionList | undefined {
  const { site, schema } = workspace;
  const fieldSchema = schemaOfPath(schema, page, path);
  if (path.length === 1 && path[0] === 'layout') {
    const usage = pagesByLayout(site);
    const names = rankLayouts(pageLayouts(site), (name) => usage.get(name)?.length ?? 0);
    return complete(names.map((name) => ({
      label: name, kind: 'layout', newText: name, range,
      detail: `${site.layouts.get(name)!.relPath} · ${count(usage.get(name)?.length ?? 0)}`,
      documentation: describeLayout(site, schema, name),
    })));
  }
  if (!fieldSchema) return undefined;
  if (Array.isArray(fieldSchema.enum)) {
    return complete(fieldSchema.enum.map((value) => ({ label: String(value), kind: 'value', newText: String(value), range })));
  }
  if (typeof fieldSchema.refersTo === 'string') return referenceCompletions(workspace, page, fieldSchema.refersTo, typed, range);
  if (fieldSchema.siteFile === true) return fileCompletions(workspace, page, typed, range);
  return undefined;
}

/** Other pages' values of `target` (their `section`s), the page title as detail, nearest first. */
function referenceCompletions(workspace: SiteWorkspace, page: Page, target: string, typed: string, range: Range): CompletionList {
  const own = scalarText(page.frontMatter, nodeAtPath(page.frontMatter.root, [target])?.node);
  const ranked = sectionRanking(workspace, target).rank(page.relPath, own, typed, MAX_ITEMS + 1);
  return complete(ranked.slice(0, MAX_ITEMS).map((value) => {
    const owner = firstPage(workspace, workspace.valuesOf(target).get(value));
    return {
      label: value, kind: 'reference', newText: value, range,
      detail: owner ? pageName(owner) : undefined,
      documentation: owner ? `\`${owner.relPath}\`, published at \`${owner.url}\`` : undefined,
    };
  }), ranked.length > MAX_ITEMS);
}

/**
 * Sorts each referred field's values (pages' `section`s) ahead of the first completion, which would
 * wait for it: a few thousand a step, for the server to answer requests between steps.
 */
export function* primingCompletions(workspace: SiteWorkspace): Generator<void> {
  for (const reference of referenceFields(workspace.schema)) {
    const values = workspace.valuesOf(reference.refersTo);
    const version = workspace.valuesVersion;
    if (sectionRankings.get(values)?.version === version) continue;
    const ranking = yield* SectionRanking.building(values.keys());
    sectionRankings.set(values, { version, ranking });
  }
}

/** Sorted sections, kept while no value comes or goes (`valuesVersion`): edits that change no value keep them. */
const sectionRankings = new WeakMap<ReadonlyMap<string, unknown>, { version: number; ranking: SectionRanking }>();

function sectionRanking(workspace: SiteWorkspace, field: string): SectionRanking {
  const values = workspace.valuesOf(field);
  const cached = sectionRankings.get(values);
  if (cached && cached.version === workspace.valuesVersion) return cached.ranking;
  const ranking = new SectionRanking(values.keys());
  sectionRankings.set(values, { version: workspace.valuesVersion, ranking });
  return ranking;
}

/** The site's static files (not pages, not `_` folders), with a leading `/`, the page's own folder first. */
function fileCompletions(workspace: SiteWorkspace, page: Page, typed: string, range: Range): CompletionList {
  const slash = !typed.startsWith('.') && (typed === '' || typed.startsWith('/')) ? '/' : '';
  const files = matching(workspace.site.files, typed.replace(/^\/+/, ''), (file) => file)
    .filter((file) => !file.startsWith('_') && !file.includes('/_') && !isPagePath(file)
      && (file.includes('/') || workspace.site.classify(file) === 'static'));
  const ranked = rankFilePaths(page.relPath, files, MAX_ITEMS + 1);
  return complete(ranked.slice(0, MAX_ITEMS).map((file) => ({
    label: `${slash}${file}`, kind: 'file', newText: `${slash}${file}`, range,
  })), ranked.length > MAX_ITEMS);
}

/** Pages for an entry of a `_config.yml` list of pages, those not listed yet first, with their titles. */
function configCompletions(workspace: SiteWorkspace, text: string, position: Position): CompletionList | undefined {
  const parsed = parseYamlSection(text, 0, text.length);
  const lines = new LineIndex(text);
  const offset = lines.offsetAt(position);
  const target = yamlTargetAt(parsed, text, offset);
  if (!parsed.root || !target?.node || target.kind !== 'value') return undefined;
  const entries = configPageEntries(parsed.root);
  const here = entries.find((entry) => entry.node === target.node);
  if (!here) return undefined;
  const listed = new Set(entries.filter((entry) => entry.key === here.key).map((entry) => listedPath(parsed, entry.node)));
  const range = valueRange(lines, target.node, target.start, target.end);
  const typed = text.slice(lines.offsetAt(range.start), offset);
  const pages = matching(workspace.site.pages.values(), typed.replace(/^\/+/, ''), (page) => page.relPath)
    .filter((page) => !page.relPath.startsWith('_'));
  const byPath = new Map(pages.map((page) => [page.relPath, page]));
  const ranked = rankListedPages(byPath.keys(), listed);
  return complete(ranked.slice(0, MAX_ITEMS).map((relPath) => ({
    label: relPath, kind: 'file', newText: relPath, range,
    detail: `${pageName(byPath.get(relPath)!)}${listed.has(relPath) ? ` · already in ${here.key}` : ''}`,
  })), ranked.length > MAX_ITEMS);
}

function listedPath(parsed: ParsedYaml, node: Scalar): string {
  return (scalarText(parsed, node) ?? '').trim().replace(/^\.?\/+/, '');
}

/** The items in order, with sort texts keeping that order. */
function complete(items: Omit<CompletionEntry, 'sortText'>[], incomplete = false): CompletionList {
  const width = String(items.length).length;
  return { items: items.map((item, i) => ({ ...item, sortText: String(i).padStart(width, '0') })), incomplete };
}

/** Candidates whose text contains what was typed (case-insensitive), so that long lists can be cut. */
function matching<T>(candidates: Iterable<T>, typed: string, textOf: (candidate: T) => string): T[] {
  const wanted = typed.toLowerCase();
  const out: T[] = [];
  for (const candidate of candidates) if (wanted === '' || textOf(candidate).toLowerCase().includes(wanted)) out.push(candidate);
  return out;
}

/** The text of a scalar inside its quotes (what a chosen value replaces). */
function valueRange(lines: LineIndex, node: Scalar, start: number, end: number): Range {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && end - start >= 2 ? lines.rangeOf(start + 1, end - 1) : lines.rangeOf(start, end);
}

function firstPage(workspace: SiteWorkspace, relPaths: ReadonlySet<string> | undefined): Page | undefined {
  for (const relPath of relPaths ?? []) {
    const page = workspace.site.pages.get(relPath);
    if (page) return page;
  }
  return undefined;
}

function count(pages: number): string {
  return pages === 1 ? 'used by 1 page' : `used by ${pages} pages`;
}
