/**
 * Renders a page of the site the way Jekyll writes it to `_site`: front matter with defaults merged,
 * Liquid in the content, Markdown for `.md` pages, then the layout chain. Pure: no LSP.
 */
import * as path from 'node:path';
import { pluginLayout } from '../catalogue';
import { isMarkdownPath } from '../site/file-names';
import { sitePlugins } from '../site/plugins';
import type { Layout, Page, Site } from '../site/site';
import { BUILTIN_SECTION_HOME, BUILTIN_SECTION_HOME_PATH } from './builtin-section-home';
import { Drop, SiteDrops } from './drops';
import { generatedContent, plainHeadingText } from './generator-content';
import { JekyllLiquid, RENDER_LIMIT_MS, RenderProblem } from './liquid';
import { settingsFromConfig } from './kramdown-options';
import { HeadingIdStyle, KramdownMarkdown } from './markdown';
import { emojify, emojiImageUrl } from './emoji';
import { mentionBase, mentionify } from './mentions';
import { paginatorFor } from './paginate';
import { redirectedDrop, redirectTarget } from './redirect';
import { isInside } from '../site/guard';
import { StyleCompiler } from './styles';
import { CONTENT_MARK, placesContentBare } from './content-slot';
import { explainProblem, stablyPlaced } from '../frontmatter/yaml-explain';

export type { RenderProblem } from './liquid';

export interface RenderedPage {
  /** The whole document as Jekyll writes it to `_site`. */
  html: string;
  title: string;
  /** The compiled CSS of each site stylesheet the page links, by its href as written (e.g. `/assets/css/main.css`). */
  stylesheets: { href: string; css: string }[];
  problems: RenderProblem[];
  /**
   * Where the page's converted content sits in `html` (`start` to `end`), when its layouts only place it
   * (see content-slot.ts): the rest of `html` then holds while only the body changes. The first
   * `contentProblems` problems are the front matter's and the content's; the rest the layouts'.
   */
  slot?: { start: number; end: number; contentProblems: number };
}

/** The page's converted content alone, and the problems of its front matter and content. */
export interface RenderedContent {
  content: string;
  problems: RenderProblem[];
}

export interface RenderOptions {
  /** Adds `data-line="N"` (0-based line in the page file) to the content's top-level blocks, for scroll sync. */
  sourceLines?: boolean;
  /** Compile the linked stylesheets (default true); the CLI, which writes only the HTML, skips Sass. */
  stylesheets?: boolean;
  /** How long the Liquid of one template may render (2 s by default); Infinity where a caller stops the render itself. */
  timeLimitMs?: number;
  /** Say where the content sits (`RenderedPage.slot`) when the layouts only place it. */
  contentSlot?: boolean;
}

/** Asked to render a file that is not a page of the site. */
export class NotAPageError extends Error {}

export async function renderPage(site: Site, relPath: string, options: RenderOptions = {}): Promise<RenderedPage> {
  return renderPageSync(site, relPath, options);
}

/** `renderPage` for callers that cannot wait (the CLI): rendering itself never waits for anything. */
export function renderPageSync(site: Site, relPath: string, options: RenderOptions = {}): RenderedPage {
  return rendererFor(site).render(relPath, options);
}

/** The page's own content, converted, without its layouts: what `slot` of a full render holds. */
export function renderPageContent(site: Site, relPath: string, options: RenderOptions = {}): RenderedContent {
  return rendererFor(site).renderContent(relPath, options);
}

/** Drops cached CSS built from `relPath` (all of it when omitted): for style files changed in an editor but not on disk. */
export function invalidateStyles(site: Site, relPath?: string): void {
  rendererFor(site).styles.invalidate(relPath);
}

const renderers = new WeakMap<Site, SiteRenderer>();

function rendererFor(site: Site): SiteRenderer {
  let renderer = renderers.get(site);
  if (!renderer) {
    renderer = new SiteRenderer(site);
    renderers.set(site, renderer);
  }
  return renderer;
}

interface RenderedDocument {
  version: number;
  content: string;
  output: string;
  problems: RenderProblem[];
}

/** A copy of a document's drop for its own `page` variable, without reading (and so rendering) its content. */
function withoutLazyContent(drop: Drop, source: string): Drop {
  const copy: Drop = {};
  for (const key of Object.keys(drop)) {
    if (key === 'content' || key === 'output') continue;
    copy[key] = drop[key];
  }
  // While its own Liquid renders, a document's `content` is its source text, as in Jekyll.
  copy.content = source;
  return copy;
}

/** Everything kept between renders of one site: engines and caches. */
class SiteRenderer {
  readonly styles: StyleCompiler;
  private readonly liquid: JekyllLiquid;
  private readonly drops: SiteDrops;
  private readonly markdowns = new Map<string, KramdownMarkdown>();
  /** Rendered collection documents for the site version they were rendered at. */
  private readonly documents = new Map<string, RenderedDocument>();
  /** The render order of the document being rendered: documents after it are not rendered yet in Jekyll. */
  private renderingOrder: number | undefined;
  /** Where problems of the page being rendered go (documents render on demand, inside it). */
  private problems: RenderProblem[] = [];

  constructor(private readonly site: Site) {
    this.styles = new StyleCompiler(site.root, () => site.theme?.root);
    this.drops = new SiteDrops(
      site,
      (doc) => (this.renderedYet(doc) ? this.renderDocument(doc).content : generatedContent(site, doc).text),
      (doc) => (this.renderedYet(doc) ? this.renderDocument(doc).output : generatedContent(site, doc).text),
      (doc) => this.renderExcerpt(doc),
      (heading) => plainHeadingText(this.markdown().render(heading)),
    );
    this.liquid = new JekyllLiquid({
      root: site.root,
      themeRoot: () => site.theme?.root,
      baseurl: () => site.config.baseurl,
      url: () => (typeof site.config.data.url === 'string' ? site.config.data.url : ''),
      highlighter: () => highlighterSetting(site),
      markdownify: (text) => this.markdown().render(text),
      smartify: (text) => this.markdown().smartify(text),
      urlOfFile: (relPath) => site.pages.get(relPath)?.url ?? (site.files.has(relPath) ? `/${relPath}` : undefined),
      urlOfPost: (name) => postUrl(site, name),
      ownPluginTags: () => sitePlugins(site).own.flatMap((plugin) => [
        ...plugin.tags.map((name) => ({ name, kind: 'tag' as const, provider: plugin.relPath })),
        ...plugin.blocks.map((name) => ({ name, kind: 'block' as const, provider: plugin.relPath })),
      ]),
      generation: () => site.version,
      loadsSeoTag: () => site.loadsPlugin('jekyll-seo-tag'),
    });
  }

  render(relPath: string, options: RenderOptions): RenderedPage {
    const { page, problems, siteScope } = this.begin(relPath, options);
    const target = this.site.loadsPlugin('jekyll-redirect-from') ? redirectTarget(page) : undefined;
    let content: string;
    if (target === undefined) {
      const pageDrop: Drop = { ...this.drops.pageDrop(page) };
      const converted = this.convert(page, pageDrop, siteScope, problems, options);
      const placed = options.contentSlot ? this.placeInSlot(page, pageDrop, converted, siteScope, problems) : undefined;
      if (placed) return { ...placed, title: this.title(page, siteScope), stylesheets: options.stylesheets === false ? [] : this.stylesheets(placed.html, problems), problems };
      content = this.placeInLayouts(page, pageDrop, converted, siteScope, problems);
    } else {
      const pageDrop = redirectedDrop(this.drops.pageDrop(page), page.url, target, (input) => String(this.liquid.absoluteUrl(input)));
      content = this.placeInLayouts(page, pageDrop, '', siteScope, problems, 'redirect');
    }
    content = this.afterRender(page, content);
    return {
      html: content,
      title: this.title(page, siteScope),
      stylesheets: options.stylesheets === false ? [] : this.stylesheets(content, problems),
      problems,
    };
  }

  renderContent(relPath: string, options: RenderOptions): RenderedContent {
    const { page, problems, siteScope } = this.begin(relPath, options);
    return { content: this.afterRender(page, this.convert(page, { ...this.drops.pageDrop(page) }, siteScope, problems, options)), problems };
  }

  /** The page to render, its front matter's problems, and the state its render starts from. */
  private begin(relPath: string, options: RenderOptions): { page: Page; problems: RenderProblem[]; siteScope: Drop } {
    const page = this.site.pages.get(relPath);
    if (!page) throw new NotAPageError(`${relPath} is not a page of the site (pages are Markdown or HTML files that start with front matter)`);
    const problems = frontMatterProblems(page);
    this.problems = problems;
    this.liquid.timeLimitMs = options.timeLimitMs ?? RENDER_LIMIT_MS;
    this.renderingOrder = page.collection ? this.drops.renderOrder(page) : undefined;
    return { page, problems, siteScope: this.drops.siteScopeFor(page) };
  }

  private title(page: Page, siteScope: Drop): string {
    return String(page.data.title ?? siteScope.title ?? path.posix.basename(page.relPath));
  }

  /**
   * The layouts rendered around a mark standing for the content, which then takes its place: the same
   * page as `placeInLayouts` gives when the layouts only place the content, and where it sits. Undefined
   * when they do more with it.
   */
  private placeInSlot(page: Page, pageDrop: Drop, converted: string, siteScope: Drop, problems: RenderProblem[]): Pick<RenderedPage, 'html' | 'slot'> | undefined {
    const { chain, builtin } = this.layoutChain(page, page.layout, []);
    const templates = [...chain.map((layout) => ({ text: layout.text.slice(layout.frontMatter.block.closed ? layout.frontMatter.block.bodyStart : 0) })), ...(builtin ? [builtin] : [])];
    if (!placesContentBare((name) => this.liquid.includeSource(name), page, templates)) return undefined;
    const contentProblems = problems.length;
    // The layouts' problems apart, in case they use the mark otherwise and render again with the content.
    const layoutProblems: RenderProblem[] = [];
    this.problems = layoutProblems;
    const shell = this.placeInLayouts(page, pageDrop, CONTENT_MARK, siteScope, layoutProblems);
    this.problems = problems;
    pageDrop.content = converted;
    const [before, after, ...more] = shell.split(CONTENT_MARK);
    if (after === undefined || more.length > 0 || !/(?:^|[>\s])$/.test(before) || !/^(?:[<\s]|$)/.test(after)) return undefined;
    // Plugins that rewrite the page's text (mentions, emoji) must give the content alone what they give it in
    // the page: the boundaries above are a tag or a space, and the page must be the two parts around it.
    const html = this.afterRender(page, before + converted + after);
    const [shellBefore, shellAfter] = this.afterRender(page, shell).split(CONTENT_MARK);
    const content = this.afterRender(page, converted);
    if (html !== shellBefore + content + shellAfter) return undefined;
    problems.push(...layoutProblems);
    return { html, slot: { start: shellBefore.length, end: shellBefore.length + content.length, contentProblems } };
  }

  /**
   * Whether Jekyll has rendered `doc` by the time the current template reads it: pages render after
   * every document, a document after the posts and documents before it. One not rendered yet prints
   * its source text.
   */
  private renderedYet(doc: Page): boolean {
    const order = this.drops.renderOrder(doc);
    return this.renderingOrder === undefined || order === undefined || order < this.renderingOrder;
  }

  /**
   * Plugins' `post_render` hooks on pages written as HTML: jekyll-mentions links `@names` (unless
   * the page turns it off), jemoji turns `:emoji:` into images.
   */
  private afterRender(page: Page, output: string): string {
    if (!/(?:\.html|\/)$/.test(page.url)) return output;
    let html = output;
    if (this.site.loadsPlugin('jekyll-mentions') && page.data['jekyll-mentions'] !== false) html = mentionify(html, mentionBase(this.site.config.data, page.data));
    // jemoji leaves documents of collections that are not written alone.
    if (this.site.loadsPlugin('jemoji') && (!page.collection || page.output)) html = emojify(html, emojiImageUrl(this.site.config.data));
    return html;
  }

  /** The converted content inside the page's layout chain, as Jekyll's `Renderer#place_in_layouts` does. */
  private placeInLayouts(page: Page, pageDrop: Drop, converted: string, siteScope: Drop, problems: RenderProblem[], layoutName = page.layout): string {
    let content = converted;
    pageDrop.content = content;
    const { chain, builtin } = this.layoutChain(page, layoutName, problems);
    const paginator = paginatorFor(this.site, page, siteScope.posts as Drop[]);
    let layoutData: Drop = {};
    for (const layout of chain) {
      layoutData = { ...layout.frontMatter.data, ...layoutData };
      const text = layout.text.slice(layout.frontMatter.block.closed ? layout.frontMatter.block.bodyStart : 0);
      content = this.liquid.render(text, layout.relPath, { page: pageDrop, site: siteScope, paginator, content, layout: layoutData }, problems, page.relPath);
    }
    if (builtin) {
      content = this.liquid.render(builtin.text, builtin.file, { page: pageDrop, site: siteScope, paginator, content, layout: {} }, problems, page.relPath);
    }
    return content;
  }

  private markdown(): KramdownMarkdown {
    const kramdown = this.site.config.data.kramdown as Record<string, unknown> | undefined;
    const style: HeadingIdStyle = String(kramdown?.input ?? 'GFM').toLowerCase() === 'kramdown' ? 'kramdown' : 'gfm';
    const parseBlockHtml = kramdown?.parse_block_html === true;
    const settings = settingsFromConfig(kramdown);
    // Jekyll's kramdown takes its highlighter from `kramdown.syntax_highlighter`, then the old `enable_coderay`, then `highlighter`.
    const syntaxHighlighter = kramdown?.syntax_highlighter || (kramdown?.enable_coderay ? 'coderay' : undefined) || highlighterSetting(this.site) || 'rouge';
    const rouge = syntaxHighlighter === 'rouge';
    const options = { headingIds: style, parseBlockHtml, settings, smartQuotes: kramdown?.smart_quotes, rouge };
    const key = JSON.stringify(options);
    let markdown = this.markdowns.get(key);
    if (!markdown) {
      markdown = new KramdownMarkdown(options);
      this.markdowns.set(key, markdown);
    }
    return markdown;
  }

  /** The page's own content: Liquid, then Markdown for Markdown files. */
  private convert(page: Page, pageDrop: Drop, siteScope: Drop, problems: RenderProblem[], options: RenderOptions = {}): string {
    const body = generatedContent(this.site, page);
    const withLiquid = /\{[{%]/.test(body.text)
      ? this.liquid.render(body.text, page.relPath, { page: pageDrop, site: siteScope, paginator: paginatorFor(this.site, page, siteScope.posts as Drop[]) }, problems, page.relPath)
      : body.text;
    if (!isMarkdownPath(page.relPath)) return withLiquid;
    return this.markdown().render(withLiquid, { lineOffset: options.sourceLines ? page.lines.positionAt(body.start).line : undefined });
  }

  /**
   * A collection document as Jekyll renders documents before pages: its converted content, and its
   * output (the content in its layouts); kept for the site version.
   */
  private renderDocument(doc: Page): RenderedDocument {
    let rendered = this.documents.get(doc.relPath);
    if (!rendered || rendered.version !== this.site.version) {
      const problems: RenderProblem[] = [];
      const outer = this.problems;
      rendered = { version: this.site.version, content: '', output: '', problems };
      // Set first, so that a document reading its own content does not loop.
      this.documents.set(doc.relPath, rendered);
      this.problems = problems;
      const outerOrder = this.renderingOrder;
      this.renderingOrder = this.drops.renderOrder(doc);
      const outerRelated = this.drops.siteScope().related_posts;
      const siteScope = this.drops.siteScopeFor(doc);
      const docDrop = withoutLazyContent(this.drops.pageDrop(doc), generatedContent(this.site, doc).text);
      rendered.content = this.convert(doc, docDrop, siteScope, problems);
      rendered.output = this.afterRender(doc, this.placeInLayouts(doc, docDrop, rendered.content, siteScope, problems));
      siteScope.related_posts = outerRelated;
      this.problems = outer;
      this.renderingOrder = outerOrder;
    }
    this.problems.push(...rendered.problems);
    return rendered;
  }

  /**
   * Jekyll's `Excerpt`: the content up to `excerpt_separator` (the page's, the site's, or a blank
   * line), with the content's link definitions, rendered as the document is.
   */
  private renderExcerpt(doc: Page): string {
    const separator = [doc.data.excerpt_separator, this.site.config.data.excerpt_separator].find((value) => typeof value === 'string') as string | undefined ?? '\n\n';
    const body = generatedContent(this.site, doc).text;
    if (separator === '') return '';
    const at = body.indexOf(separator);
    const head = at === -1 ? body : body.slice(0, at);
    const links = at === -1 ? [] : body.slice(at).match(/^ {0,3}\[[^\]]+\]:.+$/gm) ?? [];
    const text = links.length ? `${head}\n\n${links.join('\n')}` : head;
    const problems: RenderProblem[] = [];
    const drop = withoutLazyContent(this.drops.pageDrop(doc), generatedContent(this.site, doc).text);
    const withLiquid = /\{[{%]/.test(text) ? this.liquid.render(text, doc.relPath, { page: drop, site: this.drops.siteScope() }, problems, doc.relPath) : text;
    this.problems.push(...problems);
    return isMarkdownPath(doc.relPath) ? this.markdown().render(withLiquid) : withLiquid;
  }

  /** The site's layouts from `name` up; else the one template standing in for it: a plugin's layout, or the built-in section-home. */
  private layoutChain(page: Page, name: string | null, problems: RenderProblem[]): { chain: Layout[]; builtin?: { text: string; file: string } } {
    if (!name) return { chain: [] };
    const chain = this.site.layoutChain(name);
    if (chain.length > 0) {
      const last = chain[chain.length - 1];
      if (last.parent && !this.site.layouts.has(last.parent)) {
        problems.push({ file: last.relPath, line: 0, message: `The layout "${last.parent}" that ${last.relPath} asks for does not exist in _layouts/: Jekyll stops the chain there.` });
      }
      return { chain };
    }
    const fromPlugin = pluginLayout(this.site, name);
    if (fromPlugin) return { chain: [], builtin: { text: fromPlugin.text, file: `(${fromPlugin.provider})/${name}.html` } };
    const line = layoutLine(page);
    if (name === 'section-home') {
      problems.push({ file: page.relPath, line, message: 'The site has no section-home layout: the preview uses the built-in one.' });
      return { chain: [], builtin: { text: BUILTIN_SECTION_HOME, file: BUILTIN_SECTION_HOME_PATH } };
    }
    problems.push({ file: page.relPath, line, message: `The layout "${name}" does not exist in _layouts/: Jekyll renders the content alone, without a layout.` });
    return { chain: [] };
  }

  /** The CSS of each local stylesheet the document links. */
  private stylesheets(html: string, problems: RenderProblem[]): { href: string; css: string }[] {
    const sheets: { href: string; css: string }[] = [];
    const sassDir = this.sassDir(problems);
    for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
      if (!/\brel\s*=\s*["']?stylesheet\b/i.test(tag)) continue;
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const target = href?.[1] ?? href?.[2] ?? href?.[3];
      if (!target || sheets.some((sheet) => sheet.href === target)) continue;
      const sitePath = localPath(target, this.site.config.baseurl);
      if (!sitePath) continue;
      try {
        const css = this.styles.compile(sitePath, sassDir, (text, relPath) =>
          this.liquid.render(text, relPath, { site: this.drops.siteScope(), page: {} }, problems, relPath));
        if (css === undefined) problems.push({ message: `The stylesheet ${target} has no source in the site (no ${sitePath.replace(/\.css$/, '.scss')} or ${sitePath}).` });
        else sheets.push({ href: target, css });
      } catch (error) {
        problems.push({ file: sitePath.replace(/\.css$/, '.scss'), message: `Sass error in ${target}: ${(error as Error).message.split('\n')[0]}` });
      }
    }
    return sheets;
  }

  /** `sass: sass_dir:` of `_config.yml` (`_sass` by default); one leading outside the site is ignored, with a problem. */
  private sassDir(problems: RenderProblem[]): string {
    const configured = (this.site.config.data.sass as Record<string, unknown> | undefined)?.sass_dir;
    if (typeof configured !== 'string') return '_sass';
    const folder = path.resolve(this.site.root, configured);
    if (folder === this.site.root || isInside(this.site.root, folder)) return configured;
    problems.push({ file: '_config.yml', message: `sass_dir ${configured} is outside the site folder: it is not read, and Sass imports are looked for in _sass instead.` });
    return '_sass';
  }
}

/** The site-relative path a root-relative `.css` href points at, without the base URL; undefined for other sites' URLs. */
function localPath(href: string, baseurl: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return undefined;
  let urlPath = href.replace(/[?#].*$/, '');
  if (baseurl && urlPath.startsWith(`${baseurl}/`)) urlPath = urlPath.slice(baseurl.length);
  if (!urlPath.startsWith('/') || !urlPath.endsWith('.css')) return undefined;
  try {
    return decodeURI(urlPath.slice(1));
  } catch {
    return urlPath.slice(1); // a `%` that starts no escape is part of the name
  }
}

function frontMatterProblems(page: Page): RenderProblem[] {
  const { block, problems } = page.frontMatter;
  if (block.present && !block.closed) {
    return [{ file: page.relPath, line: page.lines.positionAt(block.openStart).line, message: 'The front matter has no closing --- line, so Jekyll reads none: the whole file is the page text.' }];
  }
  // Said as the yaml-syntax check says it, on the line it points at (Psych stops at the first problem).
  return problems.slice(0, 1).map((problem) => {
    const finding = explainProblem(stablyPlaced(problem, block.yamlStart), page.lines);
    return { file: page.relPath, line: page.lines.positionAt(finding.start).line, message: finding.message };
  });
}

function layoutLine(page: Page): number | undefined {
  const match = /^layout\s*:/m.exec(page.text.slice(0, page.frontMatter.block.bodyStart));
  return match ? page.lines.positionAt(match.index).line : undefined;
}

/** Jekyll's default post URL, `/:categories/:year/:month/:day/:title.html`, of the post `YYYY-MM-DD-title`. */
function postUrl(site: Site, name: string): string | undefined {
  const post = [...site.pages.values()].find((page) =>
    page.collection === 'posts' && page.relPath.replace(/^_posts\//, '').replace(/\.[^.]+$/, '').endsWith(name));
  const parts = post && /(\d{4})-(\d{2})-(\d{2})-(.+)$/.exec(path.posix.basename(post.relPath, path.posix.extname(post.relPath)));
  if (!post || !parts) return undefined;
  const categories = [post.data.category, post.data.categories].flat()
    .flatMap((c) => (typeof c === 'string' ? c.split(/\s+/) : []))
    .filter(Boolean).map((c) => c.toLowerCase());
  return `/${[...categories, parts[1], parts[2], parts[3]].join('/')}/${parts[4]}.html`;
}

/** The site's `highlighter` setting: `rouge` when it sets none, undefined when it sets it empty. */
function highlighterSetting(site: Site): string | undefined {
  const value = site.config.data.highlighter;
  if (value === undefined) return 'rouge';
  return value === null || value === false ? undefined : String(value);
}
