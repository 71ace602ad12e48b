import { isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { isReservedField } from '../schema/jekyll-fields';
import type { JsonSchema, SiteSchema } from '../schema/schema';
import { effectiveSchema, isCheckable, typesOf } from '../schema/validate';
import type { Page } from '../site/site';
import { pageBodyAnalysis } from '../templates/site-templates';
import { siteVocabulary } from '../catalogue';
import type { Edit, Fix, PageRule } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/** A key that neither the site's schema nor Jekyll and its plugins know: usually a typo. */
export const unknownField: PageRule = {
  id: 'unknown-field',
  defaultSeverity: 'warning',
  description: 'A field that no template, Jekyll or plugin uses, usually a misspelling (`resource` for `resources`).',
  target: 'page',
  check({ site, page, schema, report }) {
    if (!isCheckable(page) || !page.frontMatter.root) return;
    const top = effectiveSchema(schema, page.layout);
    // Liquid in the page's own body reads its fields too (`{% for f in page.filters %}`).
    const ownReads = pageBodyAnalysis(site, page)?.reads.filter((read) => read.via === 'page').map((read) => read.path[0]) ?? [];
    // Most bodies read no field the layout does not: then the layout's schema is the page's as it is.
    const pageSchema = ownReads.every((field) => top.properties?.[field] !== undefined) ? top : withFields(top, ownReads);
    checkMap(page, schema, siteVocabulary(site).hasGenerator, page.frontMatter.root, pageSchema, [], report);
  },
};

type Report = Parameters<PageRule['check']>[0]['report'];

/** The object schema with these fields known too (as anything). */
function withFields(objectSchema: JsonSchema, fields: string[]): JsonSchema {
  const properties = { ...objectSchema.properties };
  for (const field of fields) properties[field] ??= {};
  return { ...objectSchema, properties };
}

/** Checks the keys of one mapping against an object schema, then the mappings below them. */
function checkMap(page: Page, schema: SiteSchema, generator: boolean, map: YAMLMap, objectSchema: JsonSchema, owner: string[], report: Report, listItem = false): void {
  const properties = objectSchema.properties ?? {};
  const open = objectSchema.additionalProperties === true || (typeof objectSchema.additionalProperties === 'object' && objectSchema.additionalProperties !== null);
  const topLevel = owner.length === 0;
  if (!open && (topLevel || hasAnyProperty(properties))) {
    // Once per mapping, and only for a mapping with an unknown key: a page may have thousands of them.
    let siblings: Set<string> | undefined;
    let known: string[] | undefined;
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value ?? '');
      if (key === '<<' || Object.prototype.hasOwnProperty.call(properties, key)) continue;
      if (topLevel && isReservedField(key)) continue; // reserved-field says more
      siblings ??= new Set(map.items.filter(isPair).map((pair) => (isScalar(pair.key) ? String(pair.key.value ?? '') : '')));
      known ??= Object.keys(properties);
      reportUnknown(page, schema, generator, map, siblings, item as Pair<Scalar, Node>, key, known, owner, listItem, report);
    }
  }
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key) || !item.value) continue;
    const key = String(item.key.value ?? '');
    const property = properties[key];
    if (!property || typeof property !== 'object') continue;
    const value = item.value as Node;
    const itemSchema = property.items && typeof property.items === 'object' && !Array.isArray(property.items) ? property.items : undefined;
    if (isMap(value)) {
      // A list written without spaces after its dashes is a mapping: check it against the items.
      if (itemSchema && typesOf(property).includes('array') && !typesOf(property).includes('object')) {
        checkMap(page, schema, generator, value, itemSchema, [...owner, key], report, true);
      } else {
        checkMap(page, schema, generator, value, property, [...owner, key], report);
      }
    } else if (isSeq(value) && itemSchema) {
      for (const element of value.items) if (isMap(element)) checkMap(page, schema, generator, element, itemSchema, [...owner, key], report, true);
    }
  }
}

function hasAnyProperty(properties: Record<string, JsonSchema>): boolean {
  for (const _ in properties) return true;
  return false;
}

function reportUnknown(
  page: Page, schema: SiteSchema, generator: boolean, map: YAMLMap, siblings: Set<string>, pair: Pair<Scalar, Node>, key: string, known: string[],
  owner: string[], listItem: boolean, report: Report,
): void {
  const parsed = page.frontMatter;
  const [start, end] = parsed.offsetsOf(pair.key);
  const undashed = key.replace(/^-+/, '');
  if (listItem && key.startsWith('-') && undashed !== '' && (known.includes(undashed) || known.length === 0)) {
    report({
      start, end,
      message: `\`${key}\` looks like a list item missing the space after the dash: write \`- ${undashed}:\` so that it starts an item of \`${owner[owner.length - 1]}\`, and indent the item's other fields to line up with \`${undashed}\`.`,
      fixes: [{ title: `Add the space after the dash (\`- ${undashed}\`)`, safe: false, preferred: true, edits: dashFix(page, map) }],
    });
    return;
  }
  const suggestions = suggest(key, known);
  const where = owner.length > 0
    ? `a field of the items of \`${owner.join('.')}\``
    : schema.source === 'file'
      ? `one of the fields the site's schema lists${page.layout ? ` for pages with the \`${page.layout}\` layout` : ''}, nor one Jekyll or its plugins use`
      : `a field ${page.layout ? `the \`${page.layout}\` layout` : 'the site\'s templates'} or other pages' menus read, nor one Jekyll or its plugins use`;
  const effect = schema.source === 'file' ? '' : ', so it has no effect on the page';
  const advice = suggestions.length > 0 ? didYouMean(suggestions) : ' Check the spelling, or delete it if it is not needed.';
  const fixes: Fix[] = [];
  for (const [index, suggestion] of suggestions.entries()) {
    if (siblings.has(suggestion)) continue; // renaming would set the field twice
    fixes.push({ title: `Rename to \`${suggestion}\``, safe: false, preferred: index === 0, edits: [{ start, end, newText: suggestion }] });
  }
  // Without a close match a key is more likely the author's own note than a typo: say so, quietly
  // (a schema file's list of fields is the rule, and a generator plugin may read any field).
  const unmatched = owner.length === 0 && suggestions.length === 0;
  const severity = unmatched && generator ? 'hint' : unmatched && schema.source !== 'file' ? 'information' : undefined;
  const mayRead = severity === 'hint' ? ' (The site loads a plugin that generates pages, which may read it.)' : '';
  report({ start, end, message: `\`${key}\` is not ${where}${effect}.${advice}${mayRead}`, fixes, ...(severity ? { severity } : {}) });
}

/** Best guesses first: singular/plural and `-`/`_`/case variants, then close spellings. */
export function suggest(key: string, known: readonly string[]): string[] {
  const [a, aSingular] = normalForms(key);
  const strong = known.filter((name) => {
    const [b, bSingular] = normalForms(name);
    return a === b || aSingular === b || a === bSingular || aSingular === bSingular || `${a}s` === b || `${a}es` === b;
  });
  const rest = rankSuggestions(key.replace(/^-+/, ''), known.filter((name) => !strong.includes(name)));
  return [...strong.sort(), ...rest].slice(0, 3);
}

/** Names' normal forms, kept: a check compares each unknown key with every known name, on every keystroke. */
const normalFormsByName = new Map<string, [string, string]>();
const MAX_NORMAL_FORMS = 10_000;

/** The name with case, `-`, `_` and spaces aside, and that without a plural ending. */
function normalForms(name: string): [string, string] {
  let forms = normalFormsByName.get(name);
  if (forms === undefined) {
    if (normalFormsByName.size >= MAX_NORMAL_FORMS) normalFormsByName.clear();
    const normal = name.toLowerCase().replace(/[-_\s]+/g, '_').replace(/^_+/, '');
    forms = [normal, normal.replace(/(?:es|s)$/, '')];
    normalFormsByName.set(name, forms);
  }
  return forms;
}

/**
 * `-path: x` / `title: y` → `- path: x` / `  title: y`: adds the space after each dash and
 * indents the fields that follow a dashed key, so that they belong to its item.
 */
function dashFix(page: Page, map: YAMLMap): Edit[] {
  const parsed = page.frontMatter;
  const edits: Edit[] = [];
  let inItem = false;
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value ?? '');
    const [keyStart, keyEnd] = parsed.offsetsOf(item.key);
    if (key.startsWith('-') && key.length > 1) {
      edits.push({ start: keyStart, end: keyEnd, newText: `- ${key.replace(/^-+/, '')}` });
      inItem = true;
      continue;
    }
    if (!inItem) continue;
    const valueEnd = item.value && (item.value as Node).range ? parsed.offsetsOf(item.value as Node)[1] : keyEnd;
    const firstLine = page.lines.positionAt(keyStart).line;
    const lastLine = page.lines.positionAt(Math.max(keyStart, valueEnd - 1)).line;
    for (let line = firstLine; line <= lastLine; line++) {
      const at = page.lines.lineStart(line);
      edits.push({ start: at, end: at, newText: '  ' });
    }
  }
  return edits;
}
