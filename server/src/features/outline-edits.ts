import { topLevelPairs } from '../frontmatter/parse';
import { ownScalar, replaceScalar } from '../rules/fields';
import { siteConventions } from '../rules/section-mismatch';
import type { SiteWorkspace } from '../service/workspace';
import { valueKey } from '../site/indexes';
import type { Page } from '../site/site';
import { pageName } from './document';
import { renameValue, TextChange } from './rename';
import { childrenOf, menuStructure, MenuStructure, parentPage } from './site-outline';

/**
 * What dragging a page in the site outline changes: its place among its siblings (the order
 * field, `weight`, with the fewest edits) or its parent (`parent`, and its `section` with the
 * pages under it, as a rename does). One edit over the site, or why the site cannot express it.
 */

export type OutlineMoveResult = { changes: Map<string, TextChange[]>; summary: string } | { error: string };

/**
 * New order values for items in their new order, changing as few as possible: the longest run of
 * current values that can stay (strictly increasing, with room for the integers between them) is
 * kept; the others get integers spread evenly across the gaps, or `step` apart beyond the ends.
 * Between equally few edits, the item at `moved` (the one the author dragged) is the one edited.
 * Returns the new value of each item that changes, by index.
 */
export function planOrder(current: readonly unknown[], moved = -1, step = orderStep(current)): Map<number, number> {
  const values = current.map((value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined));
  const n = values.length;
  // kept[k]: the most values that can stay among items 0..k when item k stays (the dragged one
  // counting a little less); from[k]: the kept one before it.
  const worth = (k: number) => (k === moved ? 1 - 1 / (n + 1) : 1);
  const kept = new Array<number>(n).fill(0);
  const from = new Array<number>(n).fill(-1);
  let best = -1;
  for (let k = 0; k < n; k++) {
    const value = values[k];
    if (value === undefined) continue;
    kept[k] = worth(k);
    for (let j = 0; j < k; j++) {
      const before = values[j];
      if (before === undefined || kept[j] + worth(k) <= kept[k]) continue;
      if (before < value && integersBetween(before, value) >= k - j - 1) {
        kept[k] = kept[j] + worth(k);
        from[k] = j;
      }
    }
    if (best === -1 || kept[k] > kept[best]) best = k;
  }
  const anchors: number[] = [];
  for (let k = best; k !== -1; k = from[k]) anchors.unshift(k);

  const planned = new Array<number>(n);
  for (const k of anchors) planned[k] = values[k]!;
  if (anchors.length === 0) {
    for (let i = 0; i < n; i++) planned[i] = step * (i + 1);
  } else {
    const first = anchors[0];
    const last = anchors[anchors.length - 1];
    for (let i = 0; i < first; i++) planned[i] = Math.ceil(values[first]!) - step * (first - i);
    for (let i = last + 1; i < n; i++) planned[i] = Math.floor(values[last]!) + step * (i - last);
    for (let a = 0; a + 1 < anchors.length; a++) {
      const [j, k] = [anchors[a], anchors[a + 1]];
      const low = Math.floor(values[j]!);
      const span = Math.ceil(values[k]!) - low;
      for (let i = j + 1; i < k; i++) planned[i] = low + Math.floor(((i - j) * span) / (k - j));
    }
  }
  const changes = new Map<number, number>();
  for (let i = 0; i < n; i++) if (planned[i] !== values[i]) changes.set(i, planned[i]);
  return changes;
}

/** The value for a new last item after `values` (the next `weight` under a parent). */
export function nextOrder(values: readonly unknown[]): number | undefined {
  return planOrder([...values, undefined]).get(values.length);
}

/** How many integers lie strictly between two numbers. */
function integersBetween(low: number, high: number): number {
  return Math.max(0, Math.ceil(high) - Math.floor(low) - 1);
}

/** The usual gap between neighbouring integer values (10 on a site that counts in tens), at least 1. */
function orderStep(values: readonly unknown[]): number {
  const integers = values.filter((value): value is number => Number.isInteger(value)).sort((a, b) => a - b);
  const gaps = integers.slice(1).map((value, i) => value - integers[i]).filter((gap) => gap > 0).sort((a, b) => a - b);
  return gaps.length === 0 ? 1 : gaps[Math.floor(gaps.length / 2)];
}

/** Moves `relPath` to just before `beforeRelPath`, a sibling under the same parent. */
export function reorderPage(workspace: SiteWorkspace, relPath: string, beforeRelPath: string | undefined): OutlineMoveResult {
  const found = movable(workspace, relPath);
  if ('error' in found) return found;
  const { structure, page } = found;
  if (!structure.order) {
    return { error: 'The site\'s menus do not sort pages by a field (no `sort:` in its templates), so the order cannot be changed here.' };
  }
  const parent = parentPage(workspace, structure, page);
  if (!parent) return { error: `\`${page.relPath}\` has no \`${structure.field}\` page to be ordered under.` };
  const siblings = childrenOf(workspace, structure, parent).filter((sibling) => sibling !== page);
  const at = beforeRelPath === undefined ? siblings.length : siblings.findIndex((sibling) => sibling.relPath === beforeRelPath);
  if (at === -1) return { error: `\`${beforeRelPath}\` is not under the same parent as \`${page.relPath}\`.` };
  siblings.splice(at, 0, page);
  const changes = new Map<string, TextChange[]>();
  const order = structure.order;
  for (const [index, value] of planOrder(siblings.map((sibling) => sibling.data[order]), at)) {
    const edit = setField(siblings[index], order, String(value));
    if ('error' in edit) return edit;
    addChange(changes, siblings[index].relPath, edit);
  }
  const moved = changes.size;
  return { changes, summary: `Moved "${pageName(page)}" (${moved === 0 ? 'no change' : `${moved} ${order} ${moved === 1 ? 'value' : 'values'} changed`}).` };
}

/**
 * Moves `relPath` under `newParentRelPath` as its last child: its `parent` names the new parent's
 * `section`; where the site's sections continue their parent's (`research/air-quality`), its
 * section is renamed as `rename` renames it, with the `parent` of the pages under it.
 */
export function movePageUnder(workspace: SiteWorkspace, relPath: string, newParentRelPath: string): OutlineMoveResult {
  const found = movable(workspace, relPath);
  if ('error' in found) return found;
  const { structure, page } = found;
  const target = workspace.site.pages.get(newParentRelPath);
  if (!target || target.collection) return { error: `\`${newParentRelPath}\` is not a page of the site's menus.` };
  const targetSection = valueKey(target.data[structure.refersTo])?.trim();
  if (!targetSection) {
    return { error: `"${pageName(target)}" has no \`${structure.refersTo}\`, so no page can be under it. Give it a \`${structure.refersTo}\` first.` };
  }
  if (parentPage(workspace, structure, page) === target) return reorderPage(workspace, relPath, undefined);
  for (let above: Page | undefined = target, steps = 0; above && steps < 1000; above = parentPage(workspace, structure, above), steps++) {
    if (above === page) return { error: `"${pageName(target)}" is under "${pageName(page)}": a page cannot move under itself.` };
  }
  const changes = new Map<string, TextChange[]>();
  const parentEdit = setField(page, structure.field, targetSection);
  if ('error' in parentEdit) return parentEdit;
  addChange(changes, page.relPath, parentEdit);

  const section = ownScalar(page, structure.refersTo)?.text;
  const continues = siteConventions(workspace.site, workspace.schema, structure).continuesParent;
  let renamed = '';
  if (section && continues) {
    const newSection = `${targetSection}/${section.slice(section.lastIndexOf('/') + 1)}`;
    const rename = renameValue(workspace, structure.refersTo, section, newSection);
    if ('error' in rename) return rename;
    // Only this page and the pages under it: a page that copied the same section keeps its own.
    const moving = new Set([page.relPath, ...descendants(workspace, structure, page).map((each) => each.relPath)]);
    for (const [file, list] of rename.changes) if (moving.has(file)) for (const change of list) addChange(changes, file, change);
    renamed = `, ${structure.refersTo} ${newSection}`;
  }
  if (structure.order) {
    const last = nextOrder(childrenOf(workspace, structure, target).map((child) => child.data[structure.order!]));
    if (last !== undefined) {
      const edit = setField(page, structure.order, String(last));
      if ('error' in edit) return edit;
      addChange(changes, page.relPath, edit);
    }
  }
  return { changes, summary: `Moved "${pageName(page)}" under "${pageName(target)}" (${structure.field} ${targetSection}${renamed}).` };
}

/** The pages under a page, at any depth (each once, whatever loops the `parent`s make). */
function descendants(workspace: SiteWorkspace, structure: MenuStructure, page: Page): Page[] {
  const found = new Set<Page>([page]);
  const queue = [page];
  while (queue.length > 0) {
    for (const child of childrenOf(workspace, structure, queue.pop()!)) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  found.delete(page);
  return [...found];
}

/** The page and the site's menu structure, or why pages of this site cannot be moved. */
function movable(workspace: SiteWorkspace, relPath: string): { structure: MenuStructure; page: Page } | { error: string } {
  const structure = menuStructure(workspace.schema);
  if (!structure) return { error: 'This site\'s menus are not built from page fields (no template lists pages by a `parent`-like field), so pages cannot be moved here.' };
  const page = workspace.site.pages.get(relPath);
  if (!page || page.collection) return { error: `\`${relPath}\` is not a page of the site's menus: only pages can be moved.` };
  return { structure, page };
}

/** Sets a top-level field of the page's own front matter: replaces its value, or adds a line. */
function setField(page: Page, field: string, value: string): TextChange | { error: string } {
  const own = ownScalar(page, field);
  if (own) {
    const edit = replaceScalar(page.frontMatter, own.node, value);
    return { range: page.lines.rangeOf(edit.start, edit.end), newText: edit.newText };
  }
  const { block } = page.frontMatter;
  if (!block.present || !block.closed || page.frontMatter.problems.length > 0) {
    return { error: `The front matter of \`${page.relPath}\` cannot be read; fix it before moving the page.` };
  }
  const pair = topLevelPairs(page.frontMatter).find((each) => each.key === field);
  if (pair?.value) return { error: `\`${field}\` of \`${page.relPath}\` is not a single value; set it by hand.` };
  if (pair) {
    // `parent:` with nothing after it: the value goes after the colon.
    const colon = page.text.indexOf(':', page.frontMatter.offsetsOf(pair.keyNode)[1]);
    return { range: page.lines.rangeOf(colon + 1, colon + 1), newText: ` ${value}` };
  }
  const eol = page.text.includes('\r\n') ? '\r\n' : '\n';
  const at = page.lines.rangeOf(block.yamlEnd, block.yamlEnd);
  return { range: at, newText: `${field}: ${value}${eol}` };
}

function addChange(changes: Map<string, TextChange[]>, relPath: string, change: TextChange): void {
  const list = changes.get(relPath) ?? [];
  // The same range edited twice (a rename and a move both set `parent`): the later one wins.
  const same = list.findIndex((other) => JSON.stringify(other.range) === JSON.stringify(change.range));
  if (same === -1) list.push(change);
  else list[same] = change;
  changes.set(relPath, list);
}
