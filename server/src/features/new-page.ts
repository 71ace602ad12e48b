import * as path from 'node:path';
import { quote } from '../rules/fields';
import { siteConventions } from '../rules/section-mismatch';
import { pageSchema } from '../schema/schema';
import { typesOf } from '../schema/validate';
import type { SiteWorkspace } from '../service/workspace';
import { menuPages, pagesByLayout, valueKey } from '../site/indexes';
import type { Page } from '../site/site';
import { pageLayouts } from './completion';
import { nextOrder } from './outline-edits';
import { childrenOf, menuStructure } from './site-outline';

/**
 * A new page or post, right the first time: the layout its neighbours use, its place in the menu
 * (`parent`, `section`, the next `weight`) from where it was asked for, the fields its layout
 * requires as snippet placeholders, and a file named as the site names its files.
 */

export interface NewPageRequest {
  kind: 'page' | 'post';
  title: string;
  /** The page to put the new one under (site-relative); none: the site's top level. */
  parent?: string;
  /** Today, for a post's file name and `date` (tests pass a fixed one). */
  now?: Date;
}

export interface NewPage {
  /** Site-relative path of the file to create (none there yet). */
  relPath: string;
  /** The whole file as a snippet: tab stops (`${1:summary}`) at the fields the author must fill. */
  snippet: string;
}

/** `Air quality: the 2024 study` → `air-quality-the-2024-study`. */
export function slugify(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'new-page';
}

export function newPage(workspace: SiteWorkspace, request: NewPageRequest): NewPage | { error: string } {
  const title = request.title.trim();
  if (title === '') return { error: 'Give the new page a title.' };
  const slug = slugify(title);
  const fields: [string, string][] = [['title', yamlText(title)]];
  let relPath: string;
  let neighbours: Page[];
  if (request.kind === 'post') {
    const now = request.now ?? new Date();
    const day = now.toISOString().slice(0, 10);
    neighbours = [...workspace.site.pages.values()].filter((page) => page.collection === 'posts');
    relPath = `_posts/${day}-${slug}${commonExtension(neighbours)}`;
    fields.push(['date', `${day} ${now.toISOString().slice(11, 19)} +0000`]);
  } else {
    const placed = placeInMenu(workspace, request.parent, slug);
    if ('error' in placed) return placed;
    fields.push(...placed.fields);
    neighbours = placed.neighbours;
    relPath = `${placed.folder === '' ? '' : `${placed.folder}/`}${slug}${commonExtension(neighbours)}`;
  }
  relPath = freePath(workspace, relPath);
  const layout = commonLayout(workspace, neighbours);
  if (layout) fields.splice(1, 0, ['layout', layout]);

  // The fields the layout requires, as tab stops in the order the author fills them.
  let stop = 1;
  const lines = fields.map(([name, value]) => `${name}: ${escapeSnippet(value)}`);
  const schema = pageSchema(workspace.schema, layout ?? null);
  for (const name of schema.required ?? []) {
    if (fields.some(([field]) => field === name)) continue;
    const types = typesOf(schema.properties?.[name] ?? {});
    if (types.length === 1 && types[0] === 'array') lines.push(`${name}:\n  - \${${stop++}:${name}}`);
    else if (types.length === 1 && types[0] === 'object') lines.push(`${name}:\n  \${${stop++}:${name}}`);
    else lines.push(`${name}: \${${stop++}:${name}}`);
  }
  return { relPath, snippet: `---\n${lines.join('\n')}\n---\n\n$0\n` };
}

interface MenuPlace {
  folder: string;
  fields: [string, string][];
  neighbours: Page[];
}

/** Where a page under `parentRelPath` goes: its `parent`, `section`, next `weight`, and folder. */
function placeInMenu(workspace: SiteWorkspace, parentRelPath: string | undefined, slug: string): MenuPlace | { error: string } {
  const structure = menuStructure(workspace.schema);
  const parent = parentRelPath === undefined ? undefined : workspace.site.pages.get(parentRelPath);
  if (parentRelPath !== undefined && !parent) return { error: `\`${parentRelPath}\` is not a page of the site.` };
  const topPages = menuPages(workspace.site).filter((page) => page.layout !== null);
  if (!structure || !parent) return { folder: '', fields: [], neighbours: topPages.filter((page) => !page.relPath.includes('/')) };
  const parentSection = valueKey(parent.data[structure.refersTo])?.trim();
  if (!parentSection) {
    return { error: `"${parent.relPath}" has no \`${structure.refersTo}\`, so no page can be under it. Give it a \`${structure.refersTo}\` first.` };
  }
  const siblings = childrenOf(workspace, structure, parent);
  const conventions = siteConventions(workspace.site, workspace.schema, structure);
  const section = conventions.continuesParent ? `${parentSection}/${slug}` : slug;
  const fields: [string, string][] = [[structure.refersTo, section], [structure.field, parentSection]];
  if (structure.order) {
    const next = nextOrder(siblings.map((sibling) => sibling.data[structure.order!]));
    if (next !== undefined) fields.push([structure.order, String(next)]);
  }
  // Files live where their section says on sites that keep to it, else beside their siblings.
  const folder = conventions.followsPath && conventions.continuesParent ? parentSection
    : siblings.length > 0 ? path.posix.dirname(siblings[0].relPath).replace(/^\.$/, '') : path.posix.dirname(parent.relPath).replace(/^\.$/, '');
  return { folder, fields, neighbours: siblings.length > 0 ? siblings : [parent] };
}

/** The layout most of the neighbours render with, when a page may use it. */
function commonLayout(workspace: SiteWorkspace, neighbours: Page[]): string | undefined {
  const allowed = new Set(pageLayouts(workspace.site));
  const counts = new Map<string, number>();
  for (const page of neighbours) if (page.layout && allowed.has(page.layout)) counts.set(page.layout, (counts.get(page.layout) ?? 0) + 1);
  if (counts.size === 0) {
    const usage = pagesByLayout(workspace.site);
    for (const name of allowed) counts.set(name, usage.get(name)?.length ?? 0);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** `.md`, unless most of the neighbours are `.markdown` or `.html` files. */
function commonExtension(neighbours: Page[]): string {
  const counts = new Map<string, number>();
  for (const page of neighbours) {
    const ext = path.posix.extname(page.relPath);
    counts.set(ext, (counts.get(ext) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === '.md') - Number(a[0] === '.md'))[0]?.[0] ?? '.md';
}

/** `a/b.md`, or `a/b-2.md` when that is taken. */
function freePath(workspace: SiteWorkspace, relPath: string): string {
  const ext = path.posix.extname(relPath);
  const stem = relPath.slice(0, relPath.length - ext.length);
  let candidate = relPath;
  for (let n = 2; workspace.site.files.has(candidate) || workspace.site.pages.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
  return candidate;
}

/** A title as a YAML value: quoted unless it is plain words YAML reads as text. */
function yamlText(value: string): string {
  return /^[A-Za-z][\w ,.'’()-]*$/.test(value) && !/^(?:yes|no|true|false|on|off|null|y|n)$/i.test(value) ? value : quote(value);
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}
