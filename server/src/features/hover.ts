import { isSeq } from 'yaml';
import { findPair } from '../frontmatter/parse';
import { LineIndex, Position, Range } from '../frontmatter/text';
import { bestOrigin } from '../schema/infer';
import { isReservedField, RESERVED_FIELDS } from '../schema/jekyll-fields';
import { FieldOrigin, JsonSchema, SiteSchema } from '../schema/schema';
import { DataPath, describeExpected, describePath } from '../schema/validate';
import type { SiteWorkspace } from '../service/workspace';
import type { DefaultsEntry } from '../site/config';
import type { Page, Site } from '../site/site';
import { whatItDoes } from './field-words';
import { fieldsReferringTo, pageName, pagesWithValue, pageSpot, scalarText, schemaOfPath } from './document';

/** A hover: Markdown for the author, over the range of the key or value. */
export interface HoverResult {
  contents: string;
  range: Range;
}

/** How many pages a hover lists by name before it only counts them. */
const LISTED_PAGES = 5;

/** The hover for a position in a page's front matter: a key, or a `layout`, reference or referred value. */
export function hoverAt(workspace: SiteWorkspace, relPath: string, position: Position): HoverResult | undefined {
  const spot = pageSpot(workspace, relPath, position);
  const target = spot?.target;
  if (!spot || !target) return undefined;
  const { page } = spot;
  const range = page.lines.rangeOf(target.start, target.end);
  if (target.kind === 'key') return { contents: describeField(workspace, page, target.path), range };
  const field = target.path.length === 1 ? String(target.path[0]) : undefined;
  const value = scalarText(page.frontMatter, target.node);
  if (!field || value === undefined || value === '') return undefined;
  const contents = field === 'layout'
    ? describeLayout(workspace.site, workspace.schema, value)
    : describeRelatedValue(workspace, page, field, value);
  return contents ? { contents, range } : undefined;
}

/**
 * What a field of a page is, in plain words: what it is for (the schema's description, or the
 * template lines reading it), what it holds, whether the layout needs it, and where the page's
 * value comes from. Completion shows the same text for the fields it offers.
 */
export function describeField(workspace: SiteWorkspace, page: Page, path: DataPath): string {
  const { schema, site } = workspace;
  const field = String(path[0]);
  const name = path.length === 1 ? `\`${field}\`` : describePath(path);
  const fieldSchema = schemaOfPath(schema, page, path);
  const parts: string[] = [];
  if (!fieldSchema) {
    parts.push(isReservedField(field) && path.length === 1
      ? `**${name}**: Jekyll's own page variable, ${RESERVED_FIELDS[field]}. A value set here replaces or fights with it.`
      : `**${name}**: no template of the site reads it, and neither Jekyll nor its plugins use it.`);
    return parts.concat(valueSource(site, page, path)).join('\n\n');
  }
  // What the field does on the page first, in an author's words; how it is read after.
  const reads = path.length === 1 && page.layout ? schema.origins[page.layout]?.[field] ?? [] : [];
  const referredBy = path.length === 1 ? fieldsReferringTo(schema, page, field) : [];
  const ownWords = schema.source === 'file' ? fieldSchema.description : undefined;
  parts.push(`**${name}**: ${ownWords ?? whatItDoes(field, fieldSchema, reads, referredBy)}`);
  parts.push(`${capitalize(describeExpected(fieldSchema))}${requirement(schema, page, path)}.`);
  const origins = originsOf(schema, page, path);
  parts.push(...origins);
  const rules = constraints(fieldSchema);
  if (rules.length > 0) parts.push(rules.join(' '));
  return parts.concat(valueSource(site, page, path)).join('\n\n');
}

/** ` · required by the \`section-home\` layout`, ` · optional`. */
function requirement(schema: SiteSchema, page: Page, path: DataPath): string {
  const last = String(path[path.length - 1]);
  const owner = path.length === 1 ? undefined : schemaOfPath(schema, page, path.slice(0, -1));
  if (owner) return owner.required?.includes(last) ? ' · required' : ' · optional';
  if (page.layout && schema.layouts[page.layout]?.required?.includes(last)) return ` · required by the \`${page.layout}\` layout`;
  return schema.common.required?.includes(last) ? ' · required on every page' : ' · optional';
}

/** "Read by `_layouts/x.html` line 14 as `page.intro | markdownify`", for the page's layout, then for menus. */
function originsOf(schema: SiteSchema, page: Page, path: DataPath): string[] {
  const field = String(path[0]);
  const nested = path.length > 1 ? String(path[path.length - 1]) : undefined;
  // Origins are kept per top-level field: for `resources[].path` keep the reads that name `.path`.
  const matching = (origins: FieldOrigin[] | undefined): FieldOrigin[] =>
    (origins ?? []).filter((origin) => !nested || new RegExp(`\\.${escapeRegExp(nested)}\\b`).test(origin.expression));
  const lines: string[] = [];
  const own = matching(page.layout ? schema.origins[page.layout]?.[field] : undefined);
  const best = bestOrigin(own);
  if (best) lines.push(`Read by \`${best.template}\` line ${best.line + 1} as \`${best.expression}\`${more(own.length - 1)}.`);
  const menus = matching(schema.origins['*']?.[field]);
  const menu = bestOrigin(menus);
  if (menu) lines.push(`Other pages read it too: \`${menu.template}\` line ${menu.line + 1} as \`${menu.expression}\`${more(menus.length - 1)}.`);
  return lines;
}

function more(count: number): string {
  return count <= 0 ? '' : ` (and in ${count} more place${count === 1 ? '' : 's'})`;
}

/** The extension keywords and enums, in words. */
function constraints(schema: JsonSchema): string[] {
  const rules: string[] = [];
  if (Array.isArray(schema.enum)) rules.push(`One of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}.`);
  if (typeof schema.refersTo === 'string') rules.push(`Names another page by its \`${schema.refersTo}\`.`);
  if (schema.unique === true) rules.push('Each page has its own value.');
  if (typeof schema.uniqueWithin === 'string') rules.push(`Each page with the same \`${schema.uniqueWithin}\` has its own value.`);
  if (schema.siteFile === true) rules.push('A path to a file of the site.');
  return rules;
}

/** Where the page's value comes from: this page, or a `defaults` entry of `_config.yml` (with its line). */
function valueSource(site: Site, page: Page, path: DataPath): string[] {
  const field = String(path[0]);
  const fromDefaults = [...page.defaults].reverse().find((entry) => field in entry.values);
  if (page.frontMatter.root && findPair(page.frontMatter.root, field)) {
    return [fromDefaults
      ? `Set on this page, over \`${shortValue(fromDefaults.values[field])}\` from ${describeDefaults(site, fromDefaults)}.`
      : 'Set on this page.'];
  }
  return fromDefaults ? [`This page gets \`${shortValue(fromDefaults.values[field])}\` from ${describeDefaults(site, fromDefaults)}.`] : [];
}

/** "the `_config.yml` `defaults` entry at line 20 (scope `research`)". */
export function describeDefaults(site: Site, entry: DefaultsEntry): string {
  const { yaml, text } = site.config;
  const defaults = yaml?.root ? findPair(yaml.root, 'defaults')?.value : undefined;
  const node = isSeq(defaults) ? defaults.items[entry.index] : undefined;
  const line = node && typeof node === 'object' && text !== undefined
    ? ` at line ${new LineIndex(text).positionAt(yaml!.offsetsOf(node as never)[0]).line + 1}`
    : '';
  const scope = entry.path === '' ? 'every file' : `\`${entry.path}\``;
  return `the \`_config.yml\` \`defaults\` entry${line} (scope ${scope}${entry.type ? `, type \`${entry.type}\`` : ''})`;
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A layout: its file, its chain, and the fields its templates read. */
export function describeLayout(site: Site, schema: SiteSchema, name: string): string {
  const layout = site.layouts.get(name);
  if (!layout) {
    return `**Layout \`${name}\`**: there is no \`_layouts/${name}.html\`${site.config.theme ? `; the theme \`${site.config.theme}\` may provide it` : ''}.`;
  }
  const chain = site.layoutChain(name).map((each) => `\`${each.name}\``).join(' → ');
  const required = new Set(schema.layouts[name]?.required ?? []);
  const fields = Object.keys(schema.origins[name] ?? {}).sort((a, b) => Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b));
  const parts = [`**Layout \`${name}\`**: \`${layout.relPath}\``, `Chain: ${chain}`];
  if (fields.length > 0) parts.push(`Reads ${fields.map((field) => `\`${field}\`${required.has(field) ? ' (required)' : ''}`).join(', ')}.`);
  return parts.join('\n\n');
}

/** A value other pages name (`section`), or one naming another page (`parent`). */
function describeRelatedValue(workspace: SiteWorkspace, page: Page, field: string, value: string): string | undefined {
  const { schema } = workspace;
  const target = schemaOfPath(schema, page, [field])?.refersTo;
  if (typeof target === 'string') {
    const [named] = pagesWithValue(workspace, target, value);
    return named
      ? `**${pageName(named)}**: the page with \`${target}: ${value}\`, \`${named.relPath}\` (published at \`${named.url}\`).`
      : `No page has \`${target}: ${value}\`.`;
  }
  const referring = fieldsReferringTo(schema, page, field);
  if (referring.length === 0) return undefined;
  const lines: string[] = [];
  for (const other of referring) {
    const pages = pagesWithValue(workspace, other, value);
    const listed = pages.slice(0, LISTED_PAGES).map((each) => `- ${pageName(each)} (\`${each.relPath}\`)`);
    if (pages.length > LISTED_PAGES) listed.push(`- and ${pages.length - LISTED_PAGES} more`);
    lines.push(`**${count(pages.length)}** name \`${value}\` as their \`${other}\`${pages.length > 0 ? ':' : '.'}`, ...listed);
  }
  return lines.join('\n');
}

function count(pages: number): string {
  return pages === 1 ? '1 page' : `${pages} pages`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
