import type { Position, Range } from '../frontmatter/text';
import { ownScalar, replaceScalar } from '../rules/fields';
import type { SiteWorkspace } from '../service/workspace';
import { fieldsReferringTo, pagesWithValue, pageSpot, scalarText, schemaOfPath } from './document';

/** A value other pages name (a `section`), found from itself or from a page naming it (a `parent`). */
export interface RenameTarget {
  /** The text to rename, inside its quotes. */
  range: Range;
  placeholder: string;
  /** The field whose value is renamed (`section`) and its value. */
  field: string;
  value: string;
}

export interface TextChange {
  range: Range;
  newText: string;
}

/** One workspace edit: the changes per site-relative file, or why the rename cannot be made. */
export type RenameResult = { changes: Map<string, TextChange[]> } | { error: string };

/**
 * What a rename at `position` would rename: a value of a field that the schema's `refersTo` names
 * (`section`), or a referring value (`parent`), which renames the value it names.
 */
export function prepareRenameAt(workspace: SiteWorkspace, relPath: string, position: Position): RenameTarget | undefined {
  const spot = pageSpot(workspace, relPath, position);
  const target = spot?.target;
  if (!spot || target?.kind !== 'value' || !target.node || target.path.length !== 1) return undefined;
  const value = scalarText(spot.page.frontMatter, target.node);
  if (value === undefined || value === '') return undefined;
  const field = String(target.path[0]);
  const refersTo = schemaOfPath(workspace.schema, spot.page, [field])?.refersTo;
  const renamed = typeof refersTo === 'string' ? refersTo : fieldsReferringTo(workspace.schema, spot.page, field).length > 0 ? field : undefined;
  if (!renamed) return undefined;
  const quoted = target.node.type === 'QUOTE_DOUBLE' || target.node.type === 'QUOTE_SINGLE';
  const range = spot.page.lines.rangeOf(target.start + (quoted ? 1 : 0), target.end - (quoted ? 1 : 0));
  return { range, placeholder: value, field: renamed, value };
}

/**
 * Renames a `section` (any field other fields refer to) everywhere, as one edit: the page that has
 * it, the pages whose `parent` names it, and the sections that continue it (`old/x` → `new/x`)
 * with their children's `parent`s. Values given by `_config.yml` defaults are not pages' own and stay.
 */
export function renameAt(workspace: SiteWorkspace, relPath: string, position: Position, newName: string): RenameResult | undefined {
  const target = prepareRenameAt(workspace, relPath, position);
  return target && renameValue(workspace, target.field, target.value, newName);
}

/** Renames the value `oldName` of `field` (a `section`) as `renameAt` does, from the value itself. */
export function renameValue(workspace: SiteWorkspace, field: string, oldName: string, newName: string): RenameResult {
  const wanted = newName.trim();
  if (wanted === '' || wanted === oldName) return { error: `Give a new \`${field}\` different from \`${oldName}\`.` };
  const renamedValue = (value: string): string | undefined =>
    value === oldName ? wanted : value.startsWith(`${oldName}/`) ? `${wanted}${value.slice(oldName.length)}` : undefined;

  const changes = new Map<string, TextChange[]>();
  const fields = [field, ...fieldsReferringTo(workspace.schema, undefined, field)];
  for (const each of fields) {
    for (const value of workspace.valuesOf(each).keys()) {
      const renamed = renamedValue(value);
      if (renamed === undefined) continue;
      if (each === field) {
        const taken = pagesWithValue(workspace, field, renamed).find((page) => renamedValue(String(page.data[field])) === undefined);
        if (taken) return { error: `\`${taken.relPath}\` already has \`${field}: ${renamed}\`; choose another name.` };
      }
      for (const page of pagesWithValue(workspace, each, value)) {
        const own = ownScalar(page, each);
        if (!own || own.text !== value) continue;
        const edit = replaceScalar(page.frontMatter, own.node, renamed);
        const list = changes.get(page.relPath) ?? [];
        list.push({ range: page.lines.rangeOf(edit.start, edit.end), newText: edit.newText });
        changes.set(page.relPath, list);
      }
    }
  }
  return { changes };
}
