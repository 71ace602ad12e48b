import { JsonSchema, pageSchema } from '../schema/schema';
import { buildingPagesByValue, buildingPagesByValueWithin, pagesByValue, pagesByValueWithin, valueKey, withinKey } from '../site/indexes';
import type { Page } from '../site/site';
import { allObjectSchemas, firstLine, ownScalar, propertiesWhere, titleSuffix } from './fields';
import type { PageRule, RelatedPlace } from './rule';

/** At most this many other pages are named in one message (all get a related place). */
const NAMED = 3;

/**
 * A value that must be unique is shared: `unique: true` across the site (`section`), or
 * `uniqueWithin: G` among pages with the same `G` (`weight` within one `parent`).
 * Both pages get a finding, each naming the other.
 */
export const duplicateValue: PageRule = {
  id: 'duplicate-value',
  defaultSeverity: 'warning',
  description: 'Two pages share a value that must be their own (such as `section`, or `weight` under one parent).',
  target: 'page',
  *prime(site, schema) {
    for (const object of allObjectSchemas(schema)) {
      for (const [field, property] of Object.entries(object.properties ?? {})) {
        const group = groupOf(property);
        if (property.unique === true) yield* buildingPagesByValue(site, field);
        if (group) yield* buildingPagesByValueWithin(site, field, group);
      }
    }
  },
  check({ site, page, schema, report }) {
    if (page.collection) return;
    for (const [field, property] of propertiesWhere(pageSchema(schema, page.layout), mustDiffer)) {
      const value = valueKey(page.data[field]);
      if (value === undefined) continue;
      const group = groupOf(property);
      const groupValue = group === undefined ? undefined : valueKey(page.data[group]);
      const sameValue = property.unique === true ? othersIn(pagesByValue(site, field).get(value), page) : [];
      const sameInGroup = group !== undefined && groupValue !== undefined
        ? othersIn(pagesByValueWithin(site, field, group).get(withinKey(groupValue, value)), page)
        : [];
      if (sameValue.length === 0 && sameInGroup.length === 0) continue;
      // The page's own YAML only now that there is something to say: a value from `defaults` is not reported.
      const own = ownScalar(page, field);
      if (!own) continue;
      const [start, end] = page.frontMatter.offsetsOf(own.node);

      if (sameValue.length > 0) {
        report({
          start, end,
          related: sameValue.map((other) => relatedPlace(other, field, `Also has \`${field}: ${value}\``)),
          message: `${otherPages(sameValue)}, also ${sameValue.length === 1 ? 'has' : 'have'} \`${field}: ${value}\`, but every page needs its own \`${field}\`.`
            + ` Change it on the page that was copied${field === 'section' ? ' (and the `parent` of any pages under it)' : ''}.`,
        });
      }
      if (sameInGroup.length > 0) {
        report({
          start, end,
          related: sameInGroup.map((other) => relatedPlace(other, field, `Also has \`${field}: ${value}\` under \`${group}: ${groupValue}\``)),
          message: `${otherPages(sameInGroup)}, with the same \`${group}\` (\`${groupValue}\`), also ${sameInGroup.length === 1 ? 'has' : 'have'} \`${field}: ${value}\`,`
            + ` so their order is left to chance. Give each page with \`${group}: ${groupValue}\` its own \`${field}\`.`,
        });
      }
    }
  },
};

/** The pages of a list other than this one. */
function othersIn(pages: Page[] | undefined, page: Page): Page[] {
  return pages === undefined ? [] : pages.filter((other) => other !== page);
}

/** A field whose value must be the page's own, across the site or within a group. */
function mustDiffer(property: JsonSchema): boolean {
  return property.unique === true || groupOf(property) !== undefined;
}

/** The field whose pages must each have their own value of this one (`uniqueWithin`), when it names one. */
function groupOf(property: JsonSchema): string | undefined {
  return typeof property.uniqueWithin === 'string' && property.uniqueWithin !== '' ? property.uniqueWithin : undefined;
}

/** "Another page, `a.md` (“A”)" / "Other pages, `a.md` (“A”) and `b.md` (“B”)". */
function otherPages(others: Page[]): string {
  const named = others.slice(0, NAMED).map((other) => `\`${other.relPath}\`${titleSuffix(other)}`);
  if (others.length > NAMED) named.push(`${others.length - NAMED} more`);
  if (named.length === 1) return `Another page, ${named[0]}`;
  return `Other pages, ${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/** The other page's value of the field, or its first line when the value comes from `defaults`. */
function relatedPlace(other: Page, field: string, message: string): RelatedPlace {
  const own = ownScalar(other, field);
  const [start, end] = own ? other.frontMatter.offsetsOf(own.node) : firstLine(other);
  return { file: other.relPath, start, end, message };
}
