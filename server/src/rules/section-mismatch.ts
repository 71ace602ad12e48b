import { buildingSiteIndex, menuPages, pagesByValue, siteIndexBuiltInSteps } from '../site/indexes';
import type { Site } from '../site/site';
import { allObjectSchemas, ownScalar, ownScalarText, ReferenceField, referenceFields, replaceScalar } from './fields';
import type { Fix, PageRule } from './rule';
import type { SiteSchema } from '../schema/schema';

/** Share of pages that must follow a convention before pages that break it are reported. */
const CONVENTION_THRESHOLD = 0.8;

/**
 * A page's `section` (the field other pages refer to) should continue its `parent` (the
 * referring field: `parent/…`) and follow the page's file path (`a/b.md` → `a/b`), when the
 * site keeps those conventions: only then is a page that breaks them most likely a mistake.
 */
export const sectionMismatch: PageRule = {
  id: 'section-mismatch',
  defaultSeverity: 'warning',
  description: "A page's `section` does not continue its `parent`, or does not follow its file path, unlike the rest of the site.",
  target: 'page',
  *prime(site, schema) {
    for (const reference of referenceFields(schema)) yield* conventionsIndex(site, schema, reference);
  },
  check({ site, page, schema, report }) {
    if (page.collection) return;
    for (const reference of referenceFields(schema)) {
      const conventions = siteConventions(site, schema, reference);
      const section = ownScalar(page, reference.refersTo);
      if (!section || section.text.trim() === '') continue;
      const sectionValue = section.text;
      const parent = ownScalar(page, reference.field)?.text;
      const taken = pagesByValue(site, reference.refersTo);
      // A parent that names no page is `unknown-reference`'s to report.
      const parentKnown = parent !== undefined && parent.trim() !== '' && taken.has(parent);
      const breaksParent = parentKnown && conventions.continuesParent && !sectionValue.startsWith(`${parent}/`);
      // Most pages keep the conventions: what a message needs is worked out only for those that do not.
      if (!breaksParent && !(conventions.followsPath && !followsPath(sectionValue, page.relPath))) continue;
      // A section another page also has is a copy: `duplicate-value` reports it, once is enough.
      if ((taken.get(sectionValue)?.length ?? 0) > 1 && declaredUnique(schema, reference.refersTo)) continue;
      const [start, end] = page.frontMatter.offsetsOf(section.node);
      const fixTo = (value: string, title: string): Fix[] =>
        taken.has(value) || value === sectionValue
          ? []
          : [{ title, safe: false, preferred: true, edits: [replaceScalar(page.frontMatter, section.node, value)] }];
      const children = childrenNote(site, reference, sectionValue);

      if (breaksParent) {
        const expected = `${parent}/${lastPart(sectionValue)}`;
        report({
          start, end,
          fixes: fixTo(expected, `Change the ${reference.refersTo} to \`${expected}\``),
          message: `The ${reference.refersTo} \`${sectionValue}\` does not continue this page's ${reference.field} \`${parent}\`:`
            + ` on this site a page's \`${reference.refersTo}\` is its \`${reference.field}\` followed by \`/\` and a name of its own, such as \`${expected}\`.`
            + ` Change the \`${reference.refersTo}\`${children}, or the \`${reference.field}\` if it is the wrong one.`,
        });
      } else {
        const expected = sectionFromPath(page.relPath);
        const fitsParent = !parent || expected.startsWith(`${parent}/`);
        report({
          start, end,
          fixes: fitsParent ? fixTo(expected, `Change the ${reference.refersTo} to \`${expected}\``) : [],
          message: `The ${reference.refersTo} \`${sectionValue}\` does not follow this page's file path \`${page.relPath}\`:`
            + ` on this site a page's \`${reference.refersTo}\` is its folder and file name, here \`${expected}\`.`
            + ` Change the \`${reference.refersTo}\`${children}, or move the file to match it.`,
        });
      }
    }
  },
};

interface Conventions {
  /** Most pages with both fields have a section that starts with `parent/`. */
  continuesParent: boolean;
  /** Most pages with a section have one that follows their file path. */
  followsPath: boolean;
}

export function siteConventions(site: Site, schema: SiteSchema, reference: ReferenceField): Conventions {
  return siteIndexBuiltInSteps(site, conventionsKey(reference), () => countingConventions(site, reference), schema, [reference.field, reference.refersTo]);
}

function conventionsIndex(site: Site, schema: SiteSchema, reference: ReferenceField): Generator<void, Conventions> {
  return buildingSiteIndex(site, conventionsKey(reference), () => countingConventions(site, reference), schema, [reference.field, reference.refersTo]);
}

const conventionsKey = (reference: ReferenceField): string => `section-conventions:${reference.field}:${reference.refersTo}`;

/** How many pages keep each convention, one page per step. */
function* countingConventions(site: Site, reference: ReferenceField): Generator<void, Conventions> {
  let withSection = 0;
  let following = 0;
  let withBoth = 0;
  let continuing = 0;
  for (const page of menuPages(site)) {
    yield;
    const section = ownScalarText(page, reference.refersTo);
    if (!section || section.trim() === '') continue;
    withSection++;
    if (followsPath(section, page.relPath)) following++;
    const parent = ownScalarText(page, reference.field);
    if (!parent || parent.trim() === '') continue;
    withBoth++;
    if (section.startsWith(`${parent}/`)) continuing++;
  }
  return {
    continuesParent: withBoth > 0 && continuing / withBoth >= CONVENTION_THRESHOLD,
    followsPath: withSection > 0 && following / withSection >= CONVENTION_THRESHOLD,
  };
}

function declaredUnique(schema: SiteSchema, field: string): boolean {
  return allObjectSchemas(schema).some((object) => object.properties?.[field]?.unique === true);
}

/** ` (and the `parent` of the 2 pages under it)`, or '' when no page names this section. */
function childrenNote(site: Site, reference: ReferenceField, section: string): string {
  const count = pagesByValue(site, reference.field).get(section)?.length ?? 0;
  if (count === 0) return '';
  return ` (and the \`${reference.field}\` of the ${count === 1 ? 'page' : `${count} pages`} under it)`;
}

/**
 * Whether a section matches a page's path: the same folder, and a last part equal to the file
 * name loosely (case and leading/trailing punctuation aside: `-datasaveslives-x.md` fits
 * `datasaveslives-x`). `a/index.md` fits `a`.
 */
export function followsPath(section: string, relPath: string): boolean {
  const { folder, name } = splitPath(relPath);
  const trimmed = section.replace(/^\/+|\/+$/g, '');
  const slash = trimmed.lastIndexOf('/');
  const sectionFolder = slash === -1 ? '' : trimmed.slice(0, slash);
  const sectionName = trimmed.slice(slash + 1);
  if (name === 'index' && folder !== '' && trimmed.toLowerCase() === folder.toLowerCase()) return true;
  const looseName = loose(name);
  return looseName !== '' && sectionFolder.toLowerCase() === folder.toLowerCase() && loose(sectionName) === looseName;
}

/** The section a page's path suggests: `a/b/-c-.md` → `a/b/c`, `a/index.md` → `a`. */
export function sectionFromPath(relPath: string): string {
  const { folder, name } = splitPath(relPath);
  if (name === 'index' && folder !== '') return folder;
  const cleaned = name.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || name;
  return folder === '' ? cleaned : `${folder}/${cleaned}`;
}

function splitPath(relPath: string): { folder: string; name: string } {
  const slash = relPath.lastIndexOf('/');
  const folder = slash === -1 ? '' : relPath.slice(0, slash);
  const file = relPath.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  return { folder, name: dot > 0 ? file.slice(0, dot) : file };
}

function loose(text: string): string {
  return text.toLowerCase().replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

function lastPart(section: string): string {
  const trimmed = section.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
