/**
 * The `site` and `page` values templates see, as Jekyll builds them: config keys, `pages` sorted by
 * file name, collections with their documents' rendered content, `data` from `_data/`, `time`.
 * Rebuilt when the site's version changes; expensive parts are computed when first read.
 */
import * as path from 'node:path';
import type { Page, Site } from '../site/site';
import { RubyTime } from './ruby';
import { siteData } from '../site/data';
import { generatedContent } from './generator-content';
import { datePartsOf, zoneOffsetAt } from '../site/urls';

export type Drop = Record<string, unknown>;

export class SiteDrops {
  private version = -1;
  private scope: Drop = {};
  private readonly pageDrops = new Map<string, Drop>();
  /** Where each document comes in Jekyll's rendering: posts first, then each collection in `_config.yml`'s order. */
  private readonly documentOrder = new Map<string, number>();

  /**
   * `documentContent` gives a collection document's content as Jekyll renders it (Liquid, then Markdown);
   * `documentOutput` that content placed in the document's layouts, which is what printing the document writes.
   */
  constructor(
    private readonly site: Site,
    private readonly documentContent: (doc: Page) => string,
    private readonly documentOutput: (doc: Page) => string,
    private readonly documentExcerpt: (doc: Page) => string,
    private readonly headingText: (markdown: string) => string,
  ) {}

  /** The `site` variable. */
  siteScope(): Drop {
    if (this.version !== this.site.version) this.rebuild();
    return this.scope;
  }

  /**
   * The `site` variable while `page` renders: `site.related_posts` is the ten most recent other
   * posts for a document (`RelatedPosts#most_recent_posts`, without `lsi`), nil for a page.
   */
  siteScopeFor(page: Page): Drop {
    const scope = this.siteScope();
    const posts = scope.posts as Drop[];
    const own = this.pageDrops.get(page.relPath);
    scope.related_posts = !page.collection ? undefined
      : posts.length <= 1 ? [] : posts.slice(0, 11).filter((post) => post !== own).slice(0, 10);
    return scope;
  }

  /** The drop of a page as `site.pages` lists it (also the start of its own `page` variable). */
  pageDrop(page: Page): Drop {
    this.siteScope();
    return this.pageDrops.get(page.relPath) ?? this.makePageDrop(page);
  }

  /** The document's place in Jekyll's rendering order (undefined for pages, which come after every document). */
  renderOrder(doc: Page): number | undefined {
    this.siteScope();
    return this.documentOrder.get(String(doc.filled.relative_path ?? doc.relPath));
  }

  private rebuild(): void {
    const site = this.site;
    this.version = site.version;
    this.pageDrops.clear();
    this.documentOrder.clear();
    const pages: Drop[] = [];
    const docsByCollection = new Map<string, Drop[]>();
    const sorted = [...site.pages.values()].sort(jekyllPageOrder);
    for (const page of sorted) {
      // Drafts are built only with --drafts, future posts and `published: false` not at all.
      if (!page.output && page.collection === 'posts') continue;
      const drop = page.collection ? this.makeDocumentDrop(page) : this.makePageDrop(page);
      this.pageDrops.set(page.relPath, drop);
      if (page.collection) docsByCollection.set(page.collection, [...(docsByCollection.get(page.collection) ?? []), drop]);
      else pages.push(drop);
    }
    const labels = new Set(['posts', ...site.config.collections.map((c) => c.label)]);
    const collections: Drop[] = [];
    const scope: Drop = { ...site.config.data };
    for (const label of labels) {
      // Document#<=>: by date, then by path (documents without a date of their own all have the site's time).
      const docs = (docsByCollection.get(label) ?? []).sort((a, b) =>
        timeOf(a.date) - timeOf(b.date) || compareText(String(a.relative_path), String(b.relative_path)));
      const config = site.config.collections.find((c) => c.label === label);
      collections.push({ label, docs, files: [], relative_directory: `_${label}`, output: config?.output ?? label === 'posts' });
      scope[label] = label === 'posts' ? [...docs].reverse() : docs;
      for (const doc of docs) this.documentOrder.set(String(doc.relative_path), this.documentOrder.size);
    }
    const posts = scope.posts as Drop[];
    Object.assign(scope, {
      categories: groupPosts(posts, 'categories'),
      tags: groupPosts(posts, 'tags'),
      pages,
      html_pages: pages.filter((p) => /(?:\.html|\/)$/.test(String(p.url))),
      // SiteDrop#collections: sorted by label.
      collections: [...collections].sort((a, b) => compareText(String(a.label), String(b.label))),
      documents: collections.flatMap((c) => c.docs as Drop[]),
      time: new Date(),
      // nil when `_config.yml` has none (`{% if site.url %}` is false), as written otherwise (`url: ""` is true).
      url: site.config.data.url ?? null,
      // As written: `baseurl: /` prints `/` (the URL filters are what drop its trailing slash).
      baseurl: site.config.data.baseurl ?? null,
    });
    lazy(scope, 'data', () => siteData(site));
    lazy(scope, 'static_files', () => this.staticFiles());
    this.scope = scope;
  }

  private makePageDrop(page: Page): Drop {
    const name = path.posix.basename(page.relPath);
    const drop: Drop = {
      ...page.data,
      ...pluginLayout(page),
      content: undefined,
      // url, path (the front matter's `path:` when there is one), name, dir, as the site model fills them in.
      ...page.filled,
      name,
    };
    // Every page's drop is made again at each change of the site: the plugins' content and titles are made when read.
    lazy(drop, 'content', () => generatedContent(this.site, page).text);
    this.lazyHeadingTitle(drop, page);
    return drop;
  }

  /** jekyll-titles-from-headings' title, its Markdown stripped, in place of the heading as written. */
  private lazyHeadingTitle(drop: Drop, page: Page): void {
    const heading = page.headingTitle;
    if (heading !== undefined) lazy(drop, 'title', () => this.headingText(heading));
  }

  private makeDocumentDrop(doc: Page): Drop {
    const drop: Drop = { ...doc.data, ...doc.filled, ...pluginLayout(doc) };
    this.lazyHeadingTitle(drop, doc);
    if (typeof doc.filled.date === 'string') drop.date = rubyTime(doc.filled.date, this.site.config.timezone);
    // A front-matter `excerpt:` is the excerpt as written; otherwise Jekyll renders the first part of the content.
    if (doc.data.excerpt === undefined) lazy(drop, 'excerpt', () => this.documentExcerpt(doc));
    lazy(drop, 'content', () => this.documentContent(doc));
    lazy(drop, 'output', () => this.documentOutput(doc));
    // Jekyll's `Document#to_s` is `output || content`: `{{ doc }}` prints the rendered document.
    Object.defineProperty(drop, 'toString', { value: () => this.documentOutput(doc), enumerable: false });
    return drop;
  }

  private staticFiles(): Drop[] {
    return [...this.site.files]
      .filter((relPath) => this.site.classify(relPath) === 'static' && !this.site.pages.has(relPath))
      .sort()
      .map((relPath) => {
        const extname = path.posix.extname(relPath);
        return { path: `/${relPath}`, name: path.posix.basename(relPath), basename: path.posix.basename(relPath, extname), extname };
      });
  }
}

/** jekyll-default-layout writes its choice into the page's data. */
function pluginLayout(page: Page): Drop {
  return page.layoutSource === 'default-layout-plugin' ? { layout: page.layout } : {};
}

/**
 * The order of `site.pages`: the pages Jekyll reads, by file name (`Reader#sort_files!`), then those
 * jekyll-optional-front-matter adds, then jekyll-readme-index's, each in the order of their paths.
 */
function jekyllPageOrder(a: Page, b: Page): number {
  const rank = (page: Page) => (page.madeBy === undefined ? 0 : page.madeBy === 'optional-front-matter' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) > 0) return compareText(a.relPath, b.relPath);
  return compareText(path.posix.basename(a.relPath), path.posix.basename(b.relPath)) || compareText(a.relPath, b.relPath);
}

/** The model's `YYYY-MM-DD HH:MM:SS` date, a wall clock in the site's `timezone`, as a time with that zone's offset. */
function rubyTime(text: string, zone: string | undefined): RubyTime {
  const [date, time = '00:00:00'] = text.split(' ');
  const wallClock = new Date(`${date}T${time}Z`);
  return new RubyTime(wallClock.getTime(), zoneOffsetAt(datePartsOf(wallClock), zone));
}

function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : 0;
}

/** `site.categories` / `site.tags`: each name to its posts, newest first, as Jekyll's `post_attr_hash`. */
function groupPosts(posts: Drop[], field: 'categories' | 'tags'): Drop {
  const groups: Drop = {};
  for (const post of posts) {
    const names = post[field];
    for (const name of Array.isArray(names) ? names : []) ((groups[String(name)] ??= []) as Drop[]).push(post);
  }
  return groups;
}

/** A property computed the first time a template reads it. */
function lazy(target: Drop, key: string, compute: () => unknown): void {
  let value: unknown;
  let computed = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!computed) {
        computed = true;
        value = compute();
      }
      return value;
    },
  });
}

/** Ruby compares strings by bytes; for these names UTF-16 order is the same. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
