import { isMap, isScalar, YAMLMap } from 'yaml';
import { bestOrigin } from '../schema/infer';
import type { JsonSchema, SiteSchema } from '../schema/schema';
import { DataPath, describePath, nodeAtPath, PageIssue, typesOf, validatePage } from '../schema/validate';
import type { Page } from '../site/site';
import type { Fix, PageRule } from './rule';

/** A field the schema says pages of this layout must have is not there (or is empty). */
export const missingRequired: PageRule = {
  id: 'missing-required',
  defaultSeverity: 'warning',
  description: 'A field that pages with this layout need is missing or empty.',
  severityNote: 'error with a schema file',
  target: 'page',
  check({ site, page, schema, report }) {
    const issues = validatePage(site, page, schema).filter((issue) => issue.kind === 'missing-required' && issue.missing);
    const allMissing = addAllFix(page, schema, issues);
    for (const issue of issues) {
      if (!issue.missing) continue;
      const missing = issue.missing;
      const severity = schema.source === 'file' ? 'error' : 'warning';
      const root = page.frontMatter.root;
      const emptyKey = nodeAtPath(root, [...issue.path, missing])?.key;
      const [start, end] = emptyKey ? page.frontMatter.offsetsOf(emptyKey) : anchorOf(page, issue.path);
      const explanation = explain(schema, page.layout, missing, issue.schema);
      const who = issue.path.length === 0 ? pagesPhrase(page) : `Each ${describePath(issue.path).replace(/^item \d+ of /, 'item of ')}`;
      const need = issue.path.length === 0 ? 'need' : 'needs';
      const message = emptyKey
        ? `${who} ${need} ${article(missing)} \`${missing}\`${explanation}, but it is empty here; ${howToWrite(missing, issue.schema, schema, page.layout)} after \`${missing}:\`.`
        : `${who} ${need} ${article(missing)} \`${missing}\`${explanation}; add ${howToAdd(missing, issue.schema, schema, page.layout)}.`;
      const fixes: Fix[] = [];
      if (!emptyKey && issue.path.length === 0 && page.frontMatter.block.closed) {
        fixes.push({
          title: `Add \`${missing}\``,
          safe: false,
          preferred: true,
          edits: [{ start: page.frontMatter.block.yamlEnd, end: page.frontMatter.block.yamlEnd, newText: placeholder(missing, issue.schema, schema, page.layout) }],
        });
        if (allMissing) fixes.push(allMissing);
      } else if (!emptyKey && issue.path.length > 0) {
        const fix = nestedFix(page, issue, missing);
        if (fix) fixes.push(fix);
      }
      report({ start, end, message, severity, fixes });
    }
  },
};

/** When a page lacks several of its layout's fields: one fix adding them all, with placeholders. */
function addAllFix(page: Page, schema: SiteSchema, issues: PageIssue[]): Fix | undefined {
  const { block, root } = page.frontMatter;
  const absent = issues.filter((issue) => issue.path.length === 0 && !nodeAtPath(root, [issue.missing!])?.key);
  if (absent.length < 2 || !block.closed) return undefined;
  const newText = absent.map((issue) => placeholder(issue.missing!, issue.schema, schema, page.layout)).join('');
  return {
    title: `Add all ${absent.length} missing fields (${absent.map((issue) => `\`${issue.missing}\``).join(', ')})`,
    safe: false,
    edits: [{ start: block.yamlEnd, end: block.yamlEnd, newText }],
  };
}

function pagesPhrase(page: Page): string {
  return page.layout ? `Pages with the \`${page.layout}\` layout` : 'Pages';
}

/** The layout's value, or the opening `---` when the layout comes from elsewhere; for nested fields, the item. */
function anchorOf(page: Page, path: DataPath): [number, number] {
  const { frontMatter } = page;
  if (path.length > 0) {
    const node = nodeAtPath(frontMatter.root, path)?.node;
    if (node) {
      const [start, end] = frontMatter.offsetsOf(node);
      const lineEnd = page.lines.lineEnd(page.lines.positionAt(start).line);
      return [start, Math.min(end, lineEnd)];
    }
  }
  const layout = nodeAtPath(frontMatter.root, ['layout']);
  if (layout?.node && isScalar(layout.node) && page.layoutSource === 'page') return frontMatter.offsetsOf(layout.node);
  const open = frontMatter.block.openStart;
  return [open, open + 3];
}

/** ` (the text in the turquoise box)` from the field's description, when it has one. */
function explain(schema: SiteSchema, layout: string | null, field: string, fieldSchema: JsonSchema): string {
  const description = typeof fieldSchema.description === 'string' ? fieldSchema.description.trim() : '';
  if (description !== '') return ` (${description.replace(/\.$/, '')})`;
  const origin = bestOrigin((layout ? schema.origins[layout]?.[field] : undefined) ?? []);
  if (origin) return ` (read by \`${origin.template}\` line ${origin.line + 1}: \`${origin.expression}\`)`;
  return '';
}

function isBlockText(field: string, fieldSchema: JsonSchema, schema: SiteSchema, layout: string | null): boolean {
  const origins = (layout ? schema.origins[layout]?.[field] : undefined) ?? [];
  return typesOf(fieldSchema).includes('string') && origins.some((origin) => /\bmarkdownify\b/.test(origin.expression));
}

function howToAdd(field: string, fieldSchema: JsonSchema, schema: SiteSchema, layout: string | null): string {
  if (isBlockText(field, fieldSchema, schema, layout)) return `\`${field}: |\` followed by the text indented`;
  const [type] = typesOf(fieldSchema).filter((t) => t !== 'null');
  switch (type) {
    case 'array': return `\`${field}:\` followed by the items, each on its own line starting with \`- \``;
    case 'object': return `\`${field}:\` followed by its fields, indented`;
    case 'integer': return `\`${field}: \` followed by a whole number`;
    case 'number': return `\`${field}: \` followed by a number`;
    case 'boolean': return `\`${field}: true\` or \`${field}: false\``;
    default: return `\`${field}: \` followed by the text`;
  }
}

function howToWrite(field: string, fieldSchema: JsonSchema, schema: SiteSchema, layout: string | null): string {
  if (isBlockText(field, fieldSchema, schema, layout)) return 'write `|` and then the text on the lines below, indented,';
  const [type] = typesOf(fieldSchema).filter((t) => t !== 'null');
  switch (type) {
    case 'array': return 'write the items on the lines below, each starting with `- `,';
    case 'object': return 'write its fields on the lines below, indented,';
    case 'integer': case 'number': return 'write a number';
    case 'boolean': return 'write `true` or `false`';
    default: return 'write the text';
  }
}

/** What the fix inserts before the closing `---`: the key with a value to replace. */
function placeholder(field: string, fieldSchema: JsonSchema, schema: SiteSchema, layout: string | null): string {
  if (isBlockText(field, fieldSchema, schema, layout)) return `${field}: |\n  TODO: write the ${field} here.\n`;
  const [type] = typesOf(fieldSchema).filter((t) => t !== 'null');
  switch (type) {
    case 'array': return `${field}: []\n`;
    case 'object': return `${field}: {}\n`;
    case 'integer': case 'number': return `${field}: 0\n`;
    case 'boolean': return `${field}: false\n`;
    default: return `${field}: "TODO"\n`;
  }
}

/** For a field missing from a list item (`title` of a resource): add it under the item's first key. */
function nestedFix(page: Page, issue: PageIssue, missing: string): Fix | undefined {
  const node = nodeAtPath(page.frontMatter.root, issue.path)?.node;
  if (!node || !isMap(node) || node.flow) return undefined;
  const last = (node as YAMLMap).items[(node as YAMLMap).items.length - 1];
  const first = (node as YAMLMap).items[0];
  if (!first || !isScalar(first.key) || !last) return undefined;
  const [keyStart] = page.frontMatter.offsetsOf(first.key);
  const column = page.lines.positionAt(keyStart).character;
  const lastNode = (last.value ?? last.key) as { range?: [number, number, number] } | null;
  if (!lastNode?.range) return undefined;
  const [, lastEnd] = page.frontMatter.offsetsOf(lastNode as never);
  const line = page.lines.positionAt(Math.max(keyStart, lastEnd - 1)).line;
  const insertAt = page.lines.lineEnd(line);
  return {
    title: `Add \`${missing}\``,
    safe: false,
    edits: [{ start: insertAt, end: insertAt, newText: `\n${' '.repeat(column)}${missing}: "TODO"` }],
  };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
