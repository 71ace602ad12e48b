import { isScalar, Scalar } from 'yaml';
import { pageSchema, SiteSchema } from '../schema/schema';
import { buildingSiteIndex, filesByFolder, pagesByUrl, siteIndexBuiltInSteps } from '../site/indexes';
import type { Page, Site } from '../site/site';
import { FieldPath, fieldLabel, nodesAt, replaceScalar, scalarContentStart, siteFilePaths, valuesAtPath } from './fields';
import type { Fix, PageRule } from './rule';
import { didYouMean, rankSuggestions } from './suggest';

/** Share of a field's other values that must start with `/` before a value without it is reported. */
const SLASH_SHARE = 2 / 3;
/** How many other values a field needs before its convention counts. */
const SLASH_MIN_VALUES = 3;

/**
 * A field whose schema says `siteFile: true` (`resources[].path`, `sidebar_image`) names a file
 * the site does not have; or it lacks the leading `/` that the site's other values of it have.
 */
export const missingFile: PageRule = {
  id: 'missing-file',
  defaultSeverity: 'warning',
  description: "A field that names a file of the site (such as a resource `path`) names a file that is not there, or lacks the leading `/` the site's other pages use.",
  target: 'page',
  *prime(site, schema) {
    const labels = new Set<string>();
    for (const layout of [null, ...Object.keys(schema.layouts)]) {
      for (const path of siteFilePaths(pageSchema(schema, layout))) {
        if (labels.has(fieldLabel(path))) continue;
        labels.add(fieldLabel(path));
        yield* slashCountIndex(site, schema, path);
      }
    }
  },
  check({ site, page, schema, report }) {
    if (page.frontMatter.problems.length > 0) return;
    const paths = siteFilePaths(pageSchema(schema, page.layout));
    for (const path of paths) {
      for (const node of nodesAt(page.frontMatter.root, path)) {
        const value = linkValue(page, node);
        if (value === undefined) continue;
        const [start, end] = page.frontMatter.offsetsOf(node as Scalar);
        const relPath = sitePath(site, value);
        // Asked only of a value without its `/`: one with it follows the convention whatever it is.
        const slashConvention = (): boolean => usesLeadingSlash(site, schema, path, value);

        if (!fileExists(site, relPath)) {
          const slash = relPath.lastIndexOf('/');
          const folder = slash === -1 ? '' : relPath.slice(0, slash);
          const names = (filesByFolder(site).get(folder) ?? []).map((file) => file.slice(slash + 1));
          const prefix = value.startsWith('/') || slashConvention() ? '/' : '';
          const suggestions = rankSuggestions(relPath.slice(slash + 1), names)
            .map((name) => `${prefix}${folder === '' ? '' : `${folder}/`}${name}`);
          const fixes: Fix[] = suggestions.map((suggestion, i) => ({
            title: `Change the path to \`${suggestion}\``,
            safe: false,
            preferred: i === 0,
            edits: [replaceScalar(page.frontMatter, node as Scalar, suggestion)],
          }));
          report({
            start, end, fixes,
            message: `There is no file \`${relPath}\` in the site.`
              + (suggestions.length > 0 ? didYouMean(suggestions) : ' Correct the path, or add the file to the site.'),
          });
          continue;
        }

        if (!value.startsWith('/') && slashConvention()) {
          const at = scalarContentStart(page.frontMatter, node as Scalar);
          report({
            start, end,
            message: `Other pages start this path with \`/\`; add it so the link works from every page.`,
            fixes: [{
              title: 'Add the leading `/`',
              // The site's templates pass these paths through `relative_url`, which gives the same URL
              // with or without the slash; written with it, the path also works where they do not.
              safe: true,
              preferred: true,
              edits: [{ start: at, end: at, newText: '/' }],
            }],
          });
        }
      }
    }
  },
};

/** The text of a scalar that is a path into the site: not empty, not a full URL, no Liquid. */
function linkValue(page: Page, node: unknown): string | undefined {
  return isScalar(node) ? linkText(page.frontMatter.scalarOf(node)?.value ?? node.value) : undefined;
}

/** `linkValue` of a value as Jekyll reads it. */
function linkText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(trimmed) || /\{[{%]/.test(trimmed)) return undefined;
  return trimmed;
}

/** The site-relative path a link names: no query or fragment, `%20` decoded, no baseurl, no leading `/`. */
export function sitePath(site: Site, value: string): string {
  let path = value.replace(/[?#].*$/, '');
  try {
    path = decodeURI(path);
  } catch {
    // A stray `%`: keep the text as written.
  }
  const baseurl = site.config.baseurl;
  if (baseurl !== '' && baseurl !== '/' && (path === baseurl || path.startsWith(`${baseurl}/`))) path = path.slice(baseurl.length);
  return path.replace(/^\.?\/+/, '');
}

function fileExists(site: Site, relPath: string): boolean {
  return relPath === '' || siteFileFor(site, relPath) !== undefined;
}

/** The source file behind a site-relative path: the file itself, the page published there, or a stylesheet's Sass source. */
export function siteFileFor(site: Site, relPath: string): string | undefined {
  if (site.files.has(relPath)) return relPath;
  const page = pagesByUrl(site).get(`/${relPath}`);
  if (page) return page.relPath;
  if (relPath.endsWith('/') || relPath === '') return [`${relPath}index.html`, `${relPath}index.md`].find((file) => site.files.has(file));
  // Stylesheets are built from Sass sources of the same name.
  const css = /^(.*)\.css$/.exec(relPath);
  return css ? [`${css[1]}.scss`, `${css[1]}.sass`].find((file) => site.files.has(file)) : undefined;
}

/** How many values a field has across the site, and how many of them start with `/`. */
interface SlashCount {
  total: number;
  withSlash: number;
}

/** Whether most other values of this field across the site start with `/` (and there are enough of them). */
function usesLeadingSlash(site: Site, schema: SiteSchema, path: FieldPath, value: string): boolean {
  const count = slashCount(site, schema, path);
  const others = count.total - 1;
  const othersWithSlash = count.withSlash - (value.startsWith('/') ? 1 : 0);
  return others >= SLASH_MIN_VALUES && othersWithSlash / others >= SLASH_SHARE;
}

function slashCount(site: Site, schema: SiteSchema, path: FieldPath): SlashCount {
  return siteIndexBuiltInSteps(site, slashCountKey(path), () => countingSlashes(site, path), schema, [path[0]]);
}

function slashCountIndex(site: Site, schema: SiteSchema, path: FieldPath): Generator<void, SlashCount> {
  return buildingSiteIndex(site, slashCountKey(path), () => countingSlashes(site, path), schema, [path[0]]);
}

/** The index's key, kept per path (`siteFilePaths` keeps the paths): every value of the field asks. */
function slashCountKey(path: FieldPath): string {
  let key = slashCountKeys.get(path);
  if (key === undefined) slashCountKeys.set(path, (key = `slash-count:${fieldLabel(path)}`));
  return key;
}

const slashCountKeys = new WeakMap<FieldPath, string>();

/** The values of the field and those with a leading `/`, one page per step. */
function* countingSlashes(site: Site, path: FieldPath): Generator<void, SlashCount> {
  const result: SlashCount = { total: 0, withSlash: 0 };
  for (const page of site.pages.values()) {
    yield;
    // From the values, not the YAML trees: a lean site would parse every page's tree again.
    for (const value of valuesAtPath(page.frontMatter.data, path)) {
      const text = linkText(value);
      if (text === undefined) continue;
      result.total++;
      if (text.startsWith('/')) result.withSlash++;
    }
  }
  return result;
}
