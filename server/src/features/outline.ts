import { isMap, isPair, isScalar, isSeq, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Range } from '../frontmatter/text';
import { nodesAt, siteFilePaths } from '../rules/fields';
import { pageSchema } from '../schema/schema';
import type { SiteWorkspace } from '../service/workspace';
import { isMarkdownPath } from '../site/file-names';
import type { Page } from '../site/site';
import { fileOfPathValue, nodeRange, scalarText } from './document';

/** A symbol of the outline, shaped like LSP's DocumentSymbol. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'field' | 'list' | 'item' | 'heading';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** Lists and maps are shown this deep at most. */
const MAX_DEPTH = 8;

/** The outline of a page: its front-matter fields (lists and maps as children), then its headings as a tree. */
export function documentSymbols(workspace: SiteWorkspace, relPath: string): OutlineSymbol[] | undefined {
  const page = workspace.site.pages.get(relPath);
  if (!page) return undefined;
  const fields = page.frontMatter.root ? mapSymbols(page, page.frontMatter.root, 0) : [];
  return [...fields, ...headingTree(page)];
}

function mapSymbols(page: Page, map: YAMLMap, depth: number): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const name = String(item.key.value ?? '');
    if (name === '') continue;
    const value = item.value as Node | null;
    const keyRange = nodeRange(page, item.key);
    const range = value ? { start: keyRange.start, end: nodeRange(page, value).end } : keyRange;
    symbols.push({ ...valueOutline(page, value, depth), name, range, selectionRange: keyRange });
  }
  return symbols;
}

/** What a value adds to its field's symbol: the text as detail, or the items as children. */
function valueOutline(page: Page, value: Node | null, depth: number): Pick<OutlineSymbol, 'kind' | 'detail' | 'children'> {
  if (isSeq(value)) return { kind: 'list', detail: `${value.items.length} items`, children: depth < MAX_DEPTH ? itemSymbols(page, value, depth + 1) : [] };
  if (isMap(value)) return { kind: 'field', children: depth < MAX_DEPTH ? mapSymbols(page, value, depth + 1) : [] };
  const text = scalarText(page.frontMatter, value ?? undefined);
  return { kind: 'field', detail: text === undefined ? undefined : oneLine(text), children: [] };
}

/** A list's items, named by their `title` (or first text) so that `resources` reads as a list of resources. */
function itemSymbols(page: Page, seq: YAMLSeq, depth: number): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  seq.items.forEach((item, index) => {
    if (!item || typeof item !== 'object') return;
    const node = item as Node;
    const range = nodeRange(page, node);
    const label = isMap(node) ? itemLabel(page, node) : scalarText(page.frontMatter, node);
    symbols.push({
      ...valueOutline(page, node, depth), kind: 'item', name: label ? oneLine(label) : `item ${index + 1}`,
      detail: `item ${index + 1}`, range, selectionRange: range,
    });
  });
  return symbols;
}

function itemLabel(page: Page, map: YAMLMap): string | undefined {
  const pairs = map.items.filter(isPair);
  const titled = pairs.find((pair) => isScalar(pair.key) && pair.key.value === 'title') ?? pairs.find((pair) => isScalar(pair.value));
  return titled ? scalarText(page.frontMatter, titled.value as Node) : undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

interface Heading {
  level: number;
  text: string;
  line: number;
  /** Offset of the end of the heading's text. */
  end: number;
}

/** The Markdown headings of a page's body (`#` lines and underlined ones), nested by level. */
function headingTree(page: Page): OutlineSymbol[] {
  if (!isMarkdownPath(page.relPath)) return [];
  const headings = findHeadings(page);
  const roots: OutlineSymbol[] = [];
  const open: { level: number; symbol: OutlineSymbol }[] = [];
  const bodyEnd = page.lines.positionAt(page.text.length);
  headings.forEach((heading, i) => {
    // A heading's section runs to the next heading of the same or a higher level.
    const next = headings.slice(i + 1).find((other) => other.level <= heading.level);
    const endLine = next ? next.line - 1 : bodyEnd.line;
    const selection = { start: { line: heading.line, character: 0 }, end: page.lines.positionAt(heading.end) };
    const symbol: OutlineSymbol = {
      name: heading.text, kind: 'heading', detail: '#'.repeat(heading.level), selectionRange: selection, children: [],
      range: { start: selection.start, end: next ? { line: endLine, character: page.lines.lineText(endLine).length } : bodyEnd },
    };
    while (open.length > 0 && open[open.length - 1].level >= heading.level) open.pop();
    (open.length > 0 ? open[open.length - 1].symbol.children : roots).push(symbol);
    open.push({ level: heading.level, symbol });
  });
  return roots;
}

function findHeadings(page: Page): Heading[] {
  const { lines } = page;
  const headings: Heading[] = [];
  let fence: string | undefined;
  const first = lines.positionAt(page.frontMatter.block.bodyStart).line;
  for (let line = first; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(text);
    if (atx && atx[2] !== '') {
      headings.push({ level: atx[1].length, text: atx[2], line, end: lines.lineEnd(line) });
      continue;
    }
    const previous = line > first ? lines.lineText(line - 1) : '';
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(text);
    if (underline && previous.trim() !== '' && !/^ {0,3}(#|[-*+] |\d+[.)] |>)/.test(previous) && headings.at(-1)?.line !== line - 1) {
      headings.push({ level: underline[1][0] === '=' ? 1 : 2, text: previous.trim(), line: line - 1, end: lines.lineEnd(line) });
    }
  }
  return headings;
}

/** A link from a path value (a `siteFile` field) to the file it names. */
export interface PathLink {
  range: Range;
  /** Site-relative path of the file. */
  file: string;
}

export function documentLinks(workspace: SiteWorkspace, relPath: string): PathLink[] | undefined {
  const page = workspace.site.pages.get(relPath);
  if (!page) return undefined;
  const links: PathLink[] = [];
  for (const path of siteFilePaths(pageSchema(workspace.schema, page.layout))) {
    for (const node of nodesAt(page.frontMatter.root, path)) {
      const value = isScalar(node) ? scalarText(page.frontMatter, node) : undefined;
      const file = value === undefined ? undefined : fileOfPathValue(workspace, value);
      if (!file) continue;
      const [start, end] = page.frontMatter.offsetsOf(node);
      const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
      links.push({ range: page.lines.rangeOf(start + quoted, end - quoted), file });
    }
  }
  return links;
}

/** A folding range, by lines (LSP's FoldingRange). */
export interface Fold {
  startLine: number;
  endLine: number;
  kind?: 'region';
}

/** Folds for the front matter block (`---` to `---`) and for each value spanning several lines. */
export function foldingRanges(workspace: SiteWorkspace, relPath: string): Fold[] | undefined {
  const page = workspace.site.pages.get(relPath);
  if (!page) return undefined;
  const { block } = page.frontMatter;
  if (!block.present) return [];
  const folds: Fold[] = [];
  const closing = page.lines.positionAt(block.closed ? block.yamlEnd : page.text.length).line;
  const opening = page.lines.positionAt(block.openStart).line;
  if (closing > opening) folds.push({ startLine: opening, endLine: closing, kind: 'region' });
  if (page.frontMatter.root) valueFolds(page, page.frontMatter.root, folds, 0);
  return folds;
}

function valueFolds(page: Page, node: Node, folds: Fold[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const children: { from: Node; value: Node | null }[] = isMap(node)
    ? node.items.filter(isPair).map((pair) => ({ from: pair.key as Node, value: pair.value as Node | null }))
    : isSeq(node) ? node.items.filter((item): item is Node => !!item && typeof item === 'object').map((item) => ({ from: item, value: item })) : [];
  for (const { from, value } of children) {
    if (!from || !value || typeof value !== 'object') continue;
    const startLine = page.lines.positionAt(page.frontMatter.offsetsOf(from)[0]).line;
    // A block scalar's range ends after its last line break: the fold ends on the line before.
    const [, end] = page.frontMatter.offsetsOf(value);
    const endLine = page.lines.positionAt(Math.max(end - 1, 0)).line;
    if (endLine > startLine) folds.push({ startLine, endLine });
    if (isMap(value) || isSeq(value)) valueFolds(page, value, folds, depth + 1);
  }
}
