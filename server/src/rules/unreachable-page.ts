import type { SiteSchema } from '../schema/schema';
import { buildingPagesByValue, buildingSiteIndex, menuPages, NO_PAGE_FIELDS, pagesByUrl, pagesByValue, siteIndex, siteIndexBuiltInSteps, valueKey } from '../site/indexes';
import type { Page, Site } from '../site/site';
import { firstLine, ownScalar, ReferenceField, referenceFields } from './fields';
import type { PageRule } from './rule';

/** Config keys whose strings are never page links. */
const NOT_PAGE_LISTS = new Set([
  'exclude', 'include', 'keep_files', 'defaults', 'collections', 'plugins', 'gems', 'whitelist', 'sass', 'kramdown',
]);
/** The fields by which `isChecked` leaves a page out on purpose. */
const HIDING_FIELDS = ['sitemap', 'published', 'redirect_to'];
/** The referring field must be used by at least this share of the checked pages before the rule speaks. */
const MENU_SITE_SHARE = 0.25;

/**
 * A page that no menu, `parent` chain or `_config.yml` list leads to. A page is reachable when it
 * is the front page, is named in a list of `_config.yml` (`header_pages`, `footer[].value`, …), or
 * its `parent` names the `section` of a reachable page. Only the top page of an unreachable
 * branch is reported (fixing it fixes the pages under it); a `parent` naming no page at all is
 * `unknown-reference`'s to report.
 */
export const unreachablePage: PageRule = {
  id: 'unreachable-page',
  defaultSeverity: 'information',
  description: 'No menu, parent page or `_config.yml` list leads to the page.',
  target: 'page',
  *prime(site, schema) {
    const references = referenceFields(schema);
    if (references.length === 0) return;
    configListedPages(site);
    yield;
    for (const reference of references) yield* buildingPagesByValue(site, reference.field);
    yield* buildingReachability(site, schema, references);
  },
  check({ site, page, schema, report }) {
    const references = referenceFields(schema);
    if (references.length === 0 || !isChecked(page)) return;
    const reach = reachability(site, schema, references);
    if (!reach.checked || reach.reachable.has(page)) return;

    const parents = references
      .map((reference) => ({ reference, value: valueKey(page.data[reference.field]) }))
      .filter((entry) => entry.value !== undefined && entry.value.trim() !== '');
    if (parents.length === 0) {
      const [start, end] = firstLine(page);
      const [reference] = references;
      const below = descendants(site, references, page);
      const listHint = 'header_pages' in site.config.data
        ? `add \`${page.relPath}\` to \`header_pages\` in \`_config.yml\``
        : `list \`${page.relPath}\` in \`_config.yml\`'s menu`;
      report({
        start, end,
        message: `No menu leads to this page: it has no \`${reference.field}\`, and \`_config.yml\` does not list it.`
          + ` Give it a \`${reference.field}\` (the \`${reference.refersTo}\` of the page whose menu should list it), or ${listHint}.`
          + (below === 0 ? '' : ` The ${below === 1 ? 'page' : `${below} pages`} under it cannot be reached either.`),
      });
      return;
    }
    // Report a loop once per page in it; a page under an unreachable or unknown parent is left to that parent.
    const loop = parentLoop(site, references, page);
    if (!loop) return;
    const field = ownScalar(page, parents[0].reference.field);
    const [start, end] = field ? page.frontMatter.offsetsOf(field.node) : firstLine(page);
    report({
      start, end,
      message: `The \`${parents[0].reference.field}\` chain of this page goes round in a circle (${loop.map((p) => `\`${p.relPath}\``).join(' → ')}),`
        + ` so no menu leads to it. Set the \`${parents[0].reference.field}\` of one of these pages to the \`${parents[0].reference.refersTo}\` of a page that is in a menu.`,
    });
  },
};

/** Pages Jekyll builds with no usable front matter (the YAML rules report those): neither checked nor a start. */
function isBroken(page: Page): boolean {
  const { block, problems } = page.frontMatter;
  return !block.present || !block.closed || problems.length > 0;
}

/** Pages this rule looks at: ones with a layout, in `site.pages`, not a front or index page, not hidden on purpose. */
function isChecked(page: Page): boolean {
  if (page.collection || page.layout === null || isBroken(page)) return false;
  if (page.url === '/' || /(?:^|\/)index\.[^/]+$/.test(page.relPath) || /(?:^|\/)404\.[^/]+$/.test(page.relPath)) return false;
  const data = page.data;
  return data.sitemap !== false && data.published !== false && data.redirect_to === undefined;
}

interface Reachability {
  /** The site builds menus from the referring field (enough pages use it): only then does the rule speak. */
  checked: boolean;
  reachable: Set<Page>;
}

function reachability(site: Site, schema: SiteSchema, references: ReferenceField[]): Reachability {
  return siteIndexBuiltInSteps(site, 'reachability', () => walkingMenus(site, references), schema, reachabilityFields(references));
}

/** Pages `buildingReachability` goes through before it may pause. */
const PAGES_PER_STEP = 500;

function buildingReachability(site: Site, schema: SiteSchema, references: ReferenceField[]): Generator<void, Reachability> {
  return buildingSiteIndex(site, 'reachability', () => walkingMenus(site, references), schema, reachabilityFields(references));
}

/** The page fields reachability reads: a change of any other keeps it. Kept per schema's references, as every page asks. */
function reachabilityFields(references: ReferenceField[]): string[] {
  let fields = reachabilityFieldsOf.get(references);
  if (!fields) reachabilityFieldsOf.set(references, (fields = [...HIDING_FIELDS, ...references.flatMap((reference) => [reference.field, reference.refersTo])]));
  return fields;
}

const reachabilityFieldsOf = new WeakMap<ReferenceField[], string[]>();

/** Which pages the menus reach, walking down from the config's lists and the pages no menu needs to list. */
function* walkingMenus(site: Site, references: ReferenceField[]): Generator<void, Reachability> {
  const pages = menuPages(site);
  const reachable = new Set<Page>();
  const queue: Page[] = [];
  const add = (page: Page): void => {
    if (reachable.has(page)) return;
    reachable.add(page);
    queue.push(page);
  };
  const listed = configListedPages(site);
  let checkedPages = 0;
  let withParent = 0;
  for (const [i, page] of pages.entries()) {
    if (i > 0 && i % PAGES_PER_STEP === 0) yield;
    if (!isChecked(page)) {
      if (!isBroken(page) || listed.has(page)) add(page);
      continue;
    }
    checkedPages++;
    if (references.some((reference) => valueKey(page.data[reference.field]) !== undefined)) withParent++;
    if (listed.has(page)) add(page);
  }
  // Walk down: a page whose parent is a reachable page's section is reachable. Each section once:
  // pages that share one (copies of a section across a large site) have the same children.
  const walkedSections = references.map(() => new Set<string>());
  for (let step = 1; queue.length > 0; step++) {
    if (step % PAGES_PER_STEP === 0) yield;
    const page = queue.pop()!;
    references.forEach((reference, index) => {
      const section = valueKey(page.data[reference.refersTo]);
      if (section === undefined || walkedSections[index].has(section)) return;
      walkedSections[index].add(section);
      for (const child of pagesByValue(site, reference.field).get(section) ?? []) add(child);
    });
  }
  return { checked: checkedPages > 0 && withParent / checkedPages >= MENU_SITE_SHARE, reachable };
}

/** Pages named by any string in `_config.yml` (outside settings that are never links): `header_pages`, `footer[].value`, … */
export function configListedPages(site: Site): Set<Page> {
  return siteIndex(site, 'config-listed-pages', () => {
    const found = new Set<Page>();
    const urls = pagesByUrl(site);
    const visit = (value: unknown, depth: number): void => {
      if (depth > 6) return;
      if (typeof value === 'string') {
        const page = pageNamed(site, urls, value);
        if (page) found.add(page);
      } else if (Array.isArray(value)) {
        for (const item of value) visit(item, depth + 1);
      } else if (value && typeof value === 'object' && !(value instanceof Date)) {
        for (const item of Object.values(value)) visit(item, depth + 1);
      }
    };
    for (const [key, value] of Object.entries(site.config.data)) {
      if (!NOT_PAGE_LISTS.has(key) && typeof value === 'object') visit(value, 0);
    }
    return found;
  }, undefined, NO_PAGE_FIELDS);
}

/** The page a config string names, by source path (`about.md`, `/about.md`) or by URL (`/about.html`). */
function pageNamed(site: Site, urls: Map<string, Page>, value: string): Page | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(trimmed)) return undefined;
  const relPath = trimmed.replace(/^\.?\/+/, '');
  return site.pages.get(relPath) ?? urls.get(`/${relPath}`) ?? (trimmed.startsWith('/') ? urls.get(trimmed) : undefined);
}

/** How many pages sit below this one through `parent` chains (cycle-safe). */
function descendants(site: Site, references: ReferenceField[], page: Page): number {
  const seen = new Set<Page>([page]);
  const queue = [page];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const reference of references) {
      const section = valueKey(current.data[reference.refersTo]);
      if (section === undefined) continue;
      for (const child of pagesByValue(site, reference.field).get(section) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen.size - 1;
}

/** The pages of the loop this page's parent chain forms back to itself, or undefined. */
function parentLoop(site: Site, references: ReferenceField[], page: Page): Page[] | undefined {
  const chain: Page[] = [page];
  let current = page;
  for (let step = 0; step < 1000; step++) {
    const next = parentOf(site, references, current);
    if (!next) return undefined;
    if (next === page) return [...chain, page];
    if (chain.includes(next)) return undefined;
    chain.push(next);
    current = next;
  }
  return undefined;
}

function parentOf(site: Site, references: ReferenceField[], page: Page): Page | undefined {
  for (const reference of references) {
    const value = valueKey(page.data[reference.field]);
    if (value === undefined) continue;
    const owner = (pagesByValue(site, reference.refersTo).get(value) ?? []).find((other) => other !== page);
    if (owner) return owner;
  }
  return undefined;
}
