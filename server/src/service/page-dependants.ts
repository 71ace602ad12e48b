/**
 * Which files a change touches: indexes of the values of the fields that relate pages to each other
 * (the schema's `refersTo`, `unique`, `uniqueWithin` and site-file keywords), kept up to date on every
 * change, so that an edit tells which other pages to check again without scanning the site.
 */
import type { Page, Site } from '../site/site';
import { runToEnd } from '../site/slices';
import { addTo, removeFrom, siteFileKey, valueKeys, valuesAt } from './page-relations';
import type { PageKeys, Relations, ValueIndex } from './page-relations';

/** How far up a `parent` chain an edit looks for pages whose checks read the chain. */
const MAX_CHAIN = 64;

const NO_PAGES: ReadonlySet<string> = new Set();
const NO_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map();

export class PageDependants {
  private relations!: Relations;
  private readonly keysByPage = new Map<string, PageKeys>();
  private readonly fieldIndex: ValueIndex = new Map();
  private readonly groupIndex: ValueIndex = new Map();
  private readonly fileRefIndex = new Map<string, Set<string>>();
  /** Goes up when a value of a field that relates pages first appears or last goes (see `valuesOf`). */
  private valueSetVersion = 0;
  /**
   * The indexes are built when first needed (a change, a query), so that `check`, which changes
   * nothing, never holds them (16 MB at 10 000 pages).
   */
  private built = false;

  constructor(private readonly site: Site) {}

  /** The schema's relations changed: what a page is indexed under follows them. */
  setRelations(relations: Relations): void {
    this.relations = relations;
    this.built = false;
  }

  /**
   * The pages whose `field` has `value`, for the fields that relate pages (`section`, `parent`, unique
   * ones): kept up to date on every edit, so requests need not scan the site.
   */
  pagesWithValue(field: string, value: string): ReadonlySet<string> {
    this.ensureBuilt();
    return this.fieldIndex.get(field)?.get(value) ?? NO_PAGES;
  }

  /** Every value of such a field, with the pages that have it. */
  valuesOf(field: string): ReadonlyMap<string, ReadonlySet<string>> {
    this.ensureBuilt();
    return this.fieldIndex.get(field) ?? NO_VALUES;
  }

  /**
   * Goes up whenever a value of those fields first appears or last goes: while it stays, the keys of
   * each `valuesOf` map are the same, so what a request derived from them (sorted sections) holds.
   */
  get valuesVersion(): number {
    // Building the indexes moves the version: build them first, as `valuesOf` would.
    this.ensureBuilt();
    return this.valueSetVersion;
  }

  /** Applies a change to one page and returns it with the pages its old and new values touch. */
  pageChanged(relPath: string, change: () => void): Set<string> {
    this.ensureBuilt();
    const existed = this.site.files.has(relPath);
    const before = this.keysByPage.get(relPath);
    const beforeUrl = this.site.pages.get(relPath)?.url;
    change();
    const page = this.site.pages.get(relPath);
    const after = page ? this.keysOf(page) : undefined;
    if (before) this.unindex(relPath, before);
    if (after) this.index(relPath, after);
    if (!sameValues(before?.fields, after?.fields)) this.valueSetVersion++;

    const changed = new Set<string>([relPath]);
    for (const keys of [before, after]) if (keys) this.addDependants(keys, changed);
    if (this.referredValuesDiffer(before, after)) {
      // A referred value came or went: the suggestions offered for references to no page change.
      this.addDanglingReferrers(changed);
    }
    if (existed !== this.site.files.has(relPath) || !before !== !after || beforeUrl !== page?.url) {
      // A page came or went (or moved): config entries and file references naming it, by path or URL, may change.
      for (const file of this.fileReferrers(relPath)) changed.add(file);
      for (const url of [beforeUrl, page?.url]) {
        if (!url) continue;
        const file = url.replace(/^\/+/, '');
        addAll(changed, this.fileRefIndex.get(file));
        addAll(changed, this.fileRefIndex.get(file.endsWith('/') || file === '' ? `${file}index.html` : file));
      }
    }
    return changed;
  }

  private addDependants(keys: PageKeys, out: Set<string>): void {
    const { refersTo, referredBy, unique } = this.relations;
    for (const [field, values] of keys.fields) {
      for (const value of values) {
        // Pages naming this page's value: its children when `field` is `section`.
        for (const referring of referredBy.get(field) ?? []) addAll(out, this.fieldIndex.get(referring)?.get(value));
        // Pages this page names: its parent when `field` is `parent`, and their parents up the chain
        // (what reaches a page, and parent loops, are read along the chain).
        if (refersTo.has(field)) this.addAncestors(field, value, out);
        // Pages sharing a unique value: the duplicate `section`.
        if (unique.has(field)) addAll(out, this.fieldIndex.get(field)?.get(value));
      }
    }
    for (const [group, values] of keys.groups) {
      for (const value of values) addAll(out, this.groupIndex.get(group)?.get(value));
    }
  }

  private referredValuesDiffer(before: PageKeys | undefined, after: PageKeys | undefined): boolean {
    for (const field of this.relations.referredBy.keys()) {
      if (!sameList(before?.fields.get(field), after?.fields.get(field))) return true;
    }
    return false;
  }

  /** Pages whose referring field names a value no page has: O(distinct referring values). */
  private addDanglingReferrers(out: Set<string>): void {
    for (const [referring, targets] of this.relations.refersTo) {
      for (const [value, pages] of this.fieldIndex.get(referring) ?? []) {
        const resolved = [...targets].some((target) => (this.fieldIndex.get(target)?.get(value)?.size ?? 0) > 0);
        if (!resolved) addAll(out, pages);
      }
    }
  }

  /** The pages a referring field's value leads to, then theirs, and so on: cycle-safe, and O(depth). */
  private addAncestors(field: string, value: string, out: Set<string>): void {
    const seen = new Set<string>();
    let frontier: { field: string; value: string }[] = [{ field, value }];
    for (let depth = 0; frontier.length > 0 && depth < MAX_CHAIN; depth++) {
      const next: { field: string; value: string }[] = [];
      for (const step of frontier) {
        for (const target of this.relations.refersTo.get(step.field) ?? []) {
          for (const parent of this.fieldIndex.get(target)?.get(step.value) ?? []) {
            out.add(parent);
            if (seen.has(parent)) continue;
            seen.add(parent);
            const keys = this.keysByPage.get(parent);
            for (const referring of this.relations.refersTo.keys()) {
              for (const parentValue of keys?.fields.get(referring) ?? []) next.push({ field: referring, value: parentValue });
            }
          }
        }
      }
      frontier = next;
    }
  }

  /** The files whose checks look at whether `relPath` exists: pages naming it in a site-file field, and the config. */
  fileReferrers(relPath: string): Set<string> {
    this.ensureBuilt();
    const changed = new Set<string>([relPath]);
    addAll(changed, this.fileRefIndex.get(relPath));
    if (this.site.hasConfig) changed.add('_config.yml');
    return changed;
  }

  /** Builds the indexes unless they are built for the relations as they are. */
  ensureBuilt(): void {
    if (!this.built) runToEnd(this.building());
  }

  /** Builds the indexes one page per step, for a server to answer requests between steps. */
  *building(): Generator<void> {
    this.valueSetVersion++;
    this.keysByPage.clear();
    this.fieldIndex.clear();
    this.groupIndex.clear();
    this.fileRefIndex.clear();
    // Built for the site as it is now: a change between steps is indexed when it comes, after this.
    this.built = true;
    for (const page of this.site.pages.values()) {
      this.index(page.relPath, this.keysOf(page));
      yield;
    }
  }

  private keysOf(page: Page): PageKeys {
    const { uniqueWithin, siteFiles, indexed } = this.relations;
    const data = page.data ?? {};
    const fields = new Map<string, string[]>();
    for (const field of indexed) {
      const values = valueKeys(data[field]);
      if (values.length > 0) fields.set(field, values);
    }
    const groups = new Map<string, string[]>();
    for (const [field, groupFields] of uniqueWithin) {
      const own = valueKeys(data[field]);
      if (own.length === 0) continue;
      for (const groupField of groupFields) {
        const groupValues = valueKeys(data[groupField]);
        const groupKeys = groupValues.length > 0 ? groupValues : ['\u0001none'];
        const keys: string[] = [];
        for (const g of groupKeys) for (const v of own) keys.push(`${g}\u0000${v}`);
        groups.set(`${field}\u0000${groupField}`, keys);
      }
    }
    const files: string[] = [];
    for (const fieldPath of siteFiles) {
      for (const value of valuesAt(data, fieldPath)) {
        const file = siteFileKey(value);
        if (file) files.push(file);
      }
    }
    return { fields, groups, files };
  }

  private index(relPath: string, keys: PageKeys): void {
    this.keysByPage.set(relPath, keys);
    for (const [field, values] of keys.fields) for (const value of values) addTo(this.fieldIndex, field, value, relPath);
    for (const [group, values] of keys.groups) for (const value of values) addTo(this.groupIndex, group, value, relPath);
    for (const file of keys.files) {
      let set = this.fileRefIndex.get(file);
      if (!set) this.fileRefIndex.set(file, (set = new Set()));
      set.add(relPath);
    }
  }

  private unindex(relPath: string, keys: PageKeys): void {
    this.keysByPage.delete(relPath);
    for (const [field, values] of keys.fields) for (const value of values) removeFrom(this.fieldIndex, field, value, relPath);
    for (const [group, values] of keys.groups) for (const value of values) removeFrom(this.groupIndex, group, value, relPath);
    for (const file of keys.files) {
      const set = this.fileRefIndex.get(file);
      set?.delete(relPath);
      if (set && set.size === 0) this.fileRefIndex.delete(file);
    }
  }
}

/** Whether two pages' indexed values are the same, field by field. */
function sameValues(a: PageKeys['fields'] | undefined, b: PageKeys['fields'] | undefined): boolean {
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const [field, values] of a ?? []) if (!sameList(values, b?.get(field))) return false;
  return true;
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function addAll(out: Set<string>, values: Iterable<string> | undefined): void {
  if (values) for (const value of values) out.add(value);
}
