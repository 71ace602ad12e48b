/**
 * Liquid as Jekyll runs it, on liquidjs: Jekyll's filters and tags, includes confined to the site,
 * and Liquid's lax parsing (Jekyll's error mode is `warn`): a tag liquidjs refuses is re-read the
 * way lax Liquid reads it, or dropped, and reported.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Context, Drop, Emitter, FS, Liquid, Parser, Tag, TagToken, Template, Tokenizer, TopLevelToken, Value,
} from 'liquidjs';
import '../templates/analysis/liquid-strings';
import { jekyllVariable } from '../catalogue/jekyll';
import { guardedPath } from '../site/guard';
import { registerJekyllFilters } from './filters';
import { SEO_TEMPLATE, seoTagDrop } from './seo';
import { hasScheme, relativeUrl } from './url-filters';
import { IncludeCache } from './include-cache';
import { bigText } from './big-text';
import { leniently, lineAt, lineOfError, messageOf } from './liquid-lenient';
import { renderStreamed, StreamedParseError, TokenQueue } from './liquid-stream';
import { registerPluginTags } from './plugin-output';
import { cataloguePlaceholders, PlaceholderName, registerPlaceholderTags } from './plugin-tags';
import { rubyToS } from './ruby';
import { findLexer, highlight, highlightWithLineNumbers, plaintext } from './highlight';

export interface RenderProblem {
  message: string;
  /** Site-relative path of the file the problem is in. */
  file?: string;
  /** 0-based line. */
  line?: number;
}

/** What the tags and filters need from the site, without tying this module to the site model. */
export interface LiquidSiteAccess {
  root: string;
  /** The folder of the site's theme gem, whose `_includes` come after the site's own; undefined without one. */
  themeRoot?(): string | undefined;
  baseurl(): string;
  url(): string;
  /** Jekyll's `highlighter` setting (`rouge` unless the site sets another), which `{% highlight %}` follows. */
  highlighter(): string | undefined;
  markdownify(text: string): string;
  smartify(text: string): string;
  /** The URL of the page, document or static file at a site-relative path. */
  urlOfFile(relPath: string): string | undefined;
  /** The URL of the post named `YYYY-MM-DD-title` (folders allowed). */
  urlOfPost(name: string): string | undefined;
  /** The tags of the site's own `_plugins/`, which the preview shows as boxes naming the plugin. */
  ownPluginTags(): PlaceholderName[];
  /** Changes whenever a file of the site does: what one build saw (the `include_cached` outputs) is then dropped. */
  generation(): number;
  /** Whether the site loads jekyll-seo-tag (`{% seo %}` writes nothing otherwise). */
  loadsSeoTag(): boolean;
}

interface ParsedTemplate {
  templates: Template[];
  problems: RenderProblem[];
}

type StreamedOutput = ReturnType<typeof renderStreamed>;

interface RenderState {
  problems: RenderProblem[];
  /** `include_relative` reads relative to the page being rendered, as in Jekyll. */
  pagePath: string;
  /** The includes being rendered, outermost first, by the names their tags give. */
  includes: string[];
}

const MAX_INCLUDE_DEPTH = 64;
/**
 * How long one template may render: an include that includes itself over a list that never
 * shrinks (`where` misspelt in a recursive menu) multiplies without end, and the server renders
 * on every keystroke. A real page renders in milliseconds.
 */
export const RENDER_LIMIT_MS = 2000;
const PARSE_CACHE_LIMIT = 2000;
/**
 * Parsed templates take about 40 times their text: the cache is dropped before it holds more than
 * this much text (a preview re-rendering a long page on each keystroke parsed a new copy each time).
 */
const PARSE_CACHE_CHARS = 4_000_000;

export class JekyllLiquid {
  private readonly liquid: Liquid;
  private readonly parsed = new Map<string, ParsedTemplate>();
  private parsedChars = 0;
  private readonly fileTexts = new Map<string, { mtimeMs: number; size: number; text: string }>();
  /** How long one template may render; the preview's render worker, stopped by its own time limit, lifts it. */
  timeLimitMs = RENDER_LIMIT_MS;
  /** The render in progress (rendering is synchronous, and nested renders save and restore it). */
  private state: RenderState | undefined;
  /** jekyll-seo-tag's template, parsed when a page first uses `{% seo %}`. */
  private seoTemplate: Template[] | undefined;
  /** `include_cached` outputs (and their problems) for the site generation they were rendered at. */
  private readonly includeCache: IncludeCache<RenderProblem>;

  constructor(private readonly site: LiquidSiteAccess) {
    this.includeCache = new IncludeCache(() => site.generation());
    this.liquid = new Liquid({
      jekyllInclude: true, strictFilters: false, strictVariables: false, lenientIf: true, greedy: true, renderLimit: RENDER_LIMIT_MS,
      // Every `{{ }}` prints its value as Ruby's Liquid does (a hash as `{"a"=>1}`, a document as its output).
      outputEscape: (value: unknown) => rubyToS(value instanceof Drop ? value.valueOf() : value),
      // liquidjs's own file loading (render, layout, partials) reads from the working folder: Jekyll has none of it.
      fs: NO_FILES, root: [], partials: [], layouts: [], relativeReference: false,
      // Ruby's dates are English whatever the machine's locale; and asking Intl for it costs 100 ms at start.
      locale: 'en-US',
      globals: { jekyll: jekyllVariable() },
    });
    this.registerFilters();
    this.registerTags();
    registerPluginTags(this.liquid);
    registerPlaceholderTags(this.liquid, cataloguePlaceholders().tags);
  }

  /** Whether the engine renders a tag or filter of that name (itself, or as a placeholder). */
  has(kind: 'tags' | 'filters', name: string): boolean {
    return name in this.liquid[kind];
  }

  /** Renders the Liquid `text` of the site file `file`; problems (lenient repairs, refused includes, errors) go to `problems`. */
  render(text: string, file: string, scope: Record<string, unknown>, problems: RenderProblem[], pagePath: string): string {
    // Templates read before a plugin tag was known parsed it as unknown: read them again.
    if (registerPlaceholderTags(this.liquid, this.site.ownPluginTags())) this.clearParsed();
    const outer = this.state;
    this.state = { problems, pagePath, includes: outer?.includes ?? [] };
    try {
      const { output, error } = text.length > bigText.liquidChars ? this.renderStreamed(text, file, scope, problems) : this.renderParsed(text, file, scope, problems);
      if (error === undefined) return output;
      const message = /^template render limit exceeded/.test(messageOf(error))
        ? `rendering took more than ${this.timeLimitMs / 1000} s and was stopped: does an include include itself without end?`
        : messageOf(error);
      problems.push({ message: `Liquid error: ${message}`, file, line: lineOfError(error) });
      return '';
    } finally {
      this.state = outer;
    }
  }

  private renderParsed(text: string, file: string, scope: object, problems: RenderProblem[]): StreamedOutput {
    const parsed = this.parse(text, file);
    problems.push(...parsed.problems);
    try {
      return { output: this.liquid.renderSync(parsed.templates, scope, { renderLimit: this.timeLimitMs }) as string };
    } catch (error) {
      return { output: '', error };
    }
  }

  /**
   * A big text parsed and rendered a batch of tags at a time, never kept: a syntax error starts it
   * again on the repaired source, and the repairs are reported first, as when it is parsed whole.
   */
  private renderStreamed(text: string, file: string, scope: object, problems: RenderProblem[]): StreamedOutput {
    const mark = problems.length;
    const { result, problems: repairs } = leniently(this.liquid, text, file, (source) => {
      try {
        return renderStreamed(this.liquid, source, file, scope, this.timeLimitMs);
      } catch (error) {
        problems.length = mark; // what the abandoned attempt's render reported
        throw error instanceof StreamedParseError ? error.cause : error;
      }
    });
    problems.splice(mark, 0, ...repairs);
    return result;
  }

  /** Parses leniently, cached by file and text, within a budget of cached text. */
  private parse(text: string, file: string): ParsedTemplate {
    const key = `${file}\0${text}`;
    let parsed = this.parsed.get(key);
    if (!parsed) {
      if (this.parsed.size >= PARSE_CACHE_LIMIT || this.parsedChars + text.length > PARSE_CACHE_CHARS) this.clearParsed();
      const { result: templates, problems } = leniently(this.liquid, text, file, (source) => this.parseInLinearTime(source, file));
      parsed = { templates, problems };
      this.parsed.set(key, parsed);
      this.parsedChars += text.length;
    }
    return parsed;
  }

  private clearParsed(): void {
    this.parsed.clear();
    this.parsedChars = 0;
  }

  /**
   * `liquid.parse`, but the parser takes its tokens from a queue instead of an array: liquidjs calls
   * `shift()` on the array once per token, and each shift moves the rest, so a page with 60 000 tags
   * took minutes to parse.
   */
  private parseInLinearTime(source: string, file: string): Template[] {
    const { options } = this.liquid;
    const tokens = new Tokenizer(source, options.operators, file, undefined, options.groupedExpressions).readTopLevelTokens(options);
    return this.liquid.parser.parseTokens(new TokenQueue(tokens) as unknown as TopLevelToken[]);
  }

  /**
   * An include's parsed text, read through the site root or the theme's (never outside them), cached
   * on the file's mtime. `_includes/` of the site wins over the theme's, as in Jekyll's
   * `includes_load_paths`; a theme file is named by its absolute path.
   */
  private loadInclude(relPath: string, fromIncludes: boolean): ParsedTemplate {
    const { text, file } = this.includeFile(relPath, fromIncludes);
    return this.parse(text, file);
  }

  /**
   * The text of `{% include name %}` as the tag reads it (the site's `_includes/`, then the theme's;
   * cached), or undefined when the tag would not read it.
   */
  includeSource(name: string): string | undefined {
    if (leavesIncludesFolder(name)) return undefined;
    try {
      return this.includeFile(`_includes/${name}`, true).text;
    } catch {
      return undefined;
    }
  }

  /** An include's text and the name it is parsed under (see `loadInclude`). */
  private includeFile(relPath: string, fromIncludes: boolean): { text: string; file: string } {
    const themeRoot = this.site.themeRoot?.();
    const roots = themeRoot ? [this.site.root, themeRoot] : [this.site.root];
    const inTheme = themeRoot !== undefined && fromIncludes;
    let absolute: string;
    let file = relPath;
    try {
      absolute = guardedPath(roots, relPath);
    } catch (error) {
      if (!inTheme || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      file = path.join(themeRoot, ...relPath.split('/'));
      absolute = guardedPath(roots, file, relPath);
    }
    const stat = fs.statSync(absolute);
    let cached = this.fileTexts.get(absolute);
    if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
      cached = { mtimeMs: stat.mtimeMs, size: stat.size, text: fs.readFileSync(absolute, 'utf8') };
      this.fileTexts.set(absolute, cached);
    }
    return { text: cached.text, file };
  }

  private problem(problem: RenderProblem): void {
    const problems = this.state?.problems;
    if (problems && !problems.some((p) => p.message === problem.message && p.file === problem.file && p.line === problem.line)) {
      problems.push(problem);
    }
  }

  /** Jekyll's `absolute_url` filter. */
  absoluteUrl(input: unknown): unknown {
    if (input === null || input === undefined) return input;
    const text = String(input);
    return hasScheme(text) ? text : `${this.site.url().replace(/\/$/, '')}${relativeUrl(this.site.baseurl(), text)}`;
  }

  private registerFilters(): void {
    registerJekyllFilters(this.liquid);
    const site = this.site;
    this.liquid.registerFilter('relative_url', (input: unknown) => (input === null || input === undefined ? input : relativeUrl(site.baseurl(), String(input))));
    this.liquid.registerFilter('absolute_url', (input: unknown) => this.absoluteUrl(input));
    this.liquid.registerFilter('markdownify', (input: unknown) => site.markdownify(rubyToS(input)));
    this.liquid.registerFilter('smartify', (input: unknown) => site.smartify(rubyToS(input)));
  }

  private registerTags(): void {
    const engine = this;
    const site = this.site;

    /** `include` (from `_includes/`) and `include_relative` (from the page's folder), with `key=value` parameters. */
    class IncludeTag extends Tag {
      private readonly fileMarkup: string;
      private readonly params: { name: string; value: string; quoted: boolean }[] = [];

      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        const match = /^\s*((?:\{\{.*?\}\}|[^\s{])+)\s*([\s\S]*)$/.exec(token.args);
        if (!match) throw new Error(`${token.name} needs a file name`);
        this.fileMarkup = match[1];
        for (const [, name, double, single, plain] of match[2].matchAll(/([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))/g)) {
          // Jekyll's `parse_params` unescapes the quote a value is quoted with.
          const quoted = double?.replaceAll('\\"', '"') ?? single?.replaceAll("\\'", "'");
          this.params.push({ name, value: quoted ?? plain, quoted: quoted !== undefined });
        }
      }

      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const state = engine.state;
        const name = this.fileMarkup.includes('{{')
          ? String(yield this.liquid.renderer.renderTemplates(this.liquid.parse(this.fileMarkup), ctx)).trim()
          : this.fileMarkup;
        const relPath = this.name === 'include_relative'
          ? path.posix.join(path.posix.dirname(state?.pagePath ?? ''), name)
          : `_includes/${name}`;
        const where = { file: this.token.file, line: lineAt(this.token.input, this.token.begin) };
        if (leavesIncludesFolder(name)) {
          engine.problem({ ...where, message: `${this.name} ${name}: the file name leaves the site folder; it is not read` });
          return;
        }
        if (state && state.includes.length >= MAX_INCLUDE_DEPTH) {
          engine.problem({ ...where, message: nestingTooDeep(state.includes, name) });
          return;
        }
        let included: ParsedTemplate;
        try {
          included = engine.loadInclude(relPath, this.name !== 'include_relative');
        } catch (error) {
          engine.problem({ ...where, message: `${this.name} ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `there is no ${relPath}` : messageOf(error)}` });
          return;
        }
        for (const problem of included.problems) engine.problem(problem);
        const scope: Record<string, unknown> = {};
        if (this.params.length > 0) {
          const params: Record<string, unknown> = {};
          for (const param of this.params) {
            params[param.name] = param.quoted ? param.value : yield new Value(param.value, this.liquid).value(ctx, false);
          }
          scope.include = params;
        }
        const cacheKey = this.name === 'include_cached' ? engine.includeCache.key(relPath, scope.include) : undefined;
        const cached = cacheKey === undefined ? undefined : engine.includeCache.get(cacheKey);
        if (cached) {
          for (const problem of cached.problems) engine.problem(problem);
          emitter.write(cached.output);
          return;
        }
        ctx.push(scope);
        const outerProblems = state?.problems;
        const problems: RenderProblem[] = [];
        if (state) {
          state.includes.push(name);
          if (cacheKey !== undefined) state.problems = problems;
        }
        try {
          if (cacheKey === undefined) {
            yield this.liquid.renderer.renderTemplates(included.templates, ctx, emitter);
          } else {
            const output = String(yield this.liquid.renderer.renderTemplates(included.templates, ctx));
            engine.includeCache.set(cacheKey, { output, problems });
            emitter.write(output);
          }
        } finally {
          if (state) {
            state.includes.pop();
            state.problems = outerProblems!;
          }
          ctx.pop();
          for (const problem of problems) engine.problem(problem);
        }
      }
    }
    this.liquid.registerTag('include', IncludeTag);
    this.liquid.registerTag('include_relative', IncludeTag);
    // jekyll-include-cache: the output of `include`, rendered once per file and parameters for the whole build.
    this.liquid.registerTag('include_cached', IncludeTag);

    /** liquidjs tags Jekyll refuses: they render nothing, read nothing, and say that the build stops. */
    const refusedTag = (message: (name: string) => string) => class RefusedTag extends Tag {
      render(): string {
        engine.problem({ file: this.token.file, line: lineAt(this.token.input, this.token.begin), message: message(this.name) });
        return '';
      }
    };
    this.liquid.registerTag('render', refusedTag(() =>
      'Jekyll does not allow `{% render %}`: the build stops with "This liquid context does not allow includes". Use `{% include %}` instead'));
    for (const name of ['layout', 'block', 'endblock']) {
      this.liquid.registerTag(name, refusedTag((tag) => `Jekyll has no tag \`${tag}\`: the build stops with "Unknown tag '${tag}'"`));
    }

    /** jekyll-seo-tag's `{% seo %}`: its template, rendered with its values; nothing when the site does not load the plugin. */
    class SeoTag extends Tag {
      *render(ctx: Context): Generator<unknown, string, unknown> {
        if (!site.loadsSeoTag()) return '';
        const scope = (name: string) => ctx.getSync([name]) as Record<string, unknown> | undefined;
        const page = scope('page') ?? {};
        const siteScope = scope('site') ?? {};
        const paginator = scope('paginator');
        const seoTag = seoTagDrop(this.token.args, page, siteScope, paginator, {
          markdownify: (text) => site.markdownify(text),
          absoluteUrl: (text) => String(engine.absoluteUrl(text)),
          dateToXmlschema: (value) => engine.liquid.parseAndRenderSync('{{ value | date_to_xmlschema }}', { value }),
        });
        engine.seoTemplate ??= engine.liquid.parse(SEO_TEMPLATE);
        return String(yield engine.liquid.renderer.renderTemplates(engine.seoTemplate, new Context({ page, site: siteScope, paginator, seo_tag: seoTag }, engine.liquid.options)));
      }
    }
    this.liquid.registerTag('seo', SeoTag);

    /** jekyll-feed's `{% feed_meta %}`: the link to the site's Atom feed. */
    class FeedMetaTag extends Tag {
      render(ctx: Context): string {
        const siteScope = (ctx.getSync(['site']) ?? {}) as Record<string, unknown>;
        const feed = siteScope.feed as Record<string, unknown> | undefined;
        const title = siteScope.title ?? siteScope.name;
        const href = engine.absoluteUrl(typeof feed?.path === 'string' ? feed.path : 'feed.xml');
        return `<link type="application/atom+xml" rel="alternate" href="${escapeHtml(String(href))}"${title ? ` title="${escapeHtml(rubyToS(title))}"` : ''} />`;
      }
    }
    this.liquid.registerTag('feed_meta', FeedMetaTag);

    /** `{% link path %}` and `{% post_url name %}`: a URL with the base URL, or a problem when nothing is there. */
    class LinkTag extends Tag {
      *render(ctx: Context): Generator<unknown, string, unknown> {
        const markup = this.token.args.trim();
        const target = markup.includes('{{') ? String(yield this.liquid.renderer.renderTemplates(this.liquid.parse(markup), ctx)).trim() : markup;
        const url = this.name === 'post_url' ? site.urlOfPost(target) : site.urlOfFile(target.replace(/^\/+/, ''));
        if (url === undefined) {
          engine.problem({
            file: this.token.file, line: lineAt(this.token.input, this.token.begin),
            message: `${this.name} ${target}: there is no such ${this.name === 'post_url' ? 'post' : 'file'} (Jekyll stops the build here)`,
          });
          return '';
        }
        return relativeUrl(site.baseurl(), url);
      }
    }
    this.liquid.registerTag('link', LinkTag);
    this.liquid.registerTag('post_url', LinkTag);

    /** `{% highlight lang [linenos] %}` as Jekyll writes it with Rouge (`tags/highlight.rb`): an unknown language is plain text. */
    class HighlightTag extends Tag {
      private readonly language: string;
      private readonly lineNumbers: boolean;
      private readonly body: Template[] = [];

      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
        super(token, remain, liquid);
        const [language = '', ...options] = token.args.trim().split(/\s+/);
        this.language = language.toLowerCase();
        this.lineNumbers = options.some((option) => /^linenos(?:=|$)/.test(option));
        while (remain.length) {
          const next = remain.shift() as TopLevelToken;
          if (next instanceof TagToken && next.name === 'endhighlight') return;
          this.body.push(parser.parseToken(next, remain));
        }
        throw new Error(`tag ${token.getText()} not closed`);
      }

      *render(ctx: Context): Generator<unknown, string, unknown> {
        const code = String(yield this.liquid.renderer.renderTemplates(this.body, ctx)).replace(/^[\r\n]+|[\r\n]+$/g, '');
        const lang = escapeHtml(this.language);
        return `<figure class="highlight"><pre><code class="language-${lang.replace(/\+/g, '-')}" data-lang="${lang}">${this.highlighted(code).replace(/\r?\n$|\r$/, '')}</code></pre></figure>`;
      }

      /** Rouge's HTML (Jekyll 4 uses Rouge for `highlighter: pygments` too); any other highlighter gives the code escaped, no colours. */
      private highlighted(code: string): string {
        const highlighter = site.highlighter();
        if (highlighter !== 'rouge' && highlighter !== 'pygments') return escapeHtml(code).replace(/'/g, '&#39;').trim();
        const lexer = findLexer(this.language) ?? plaintext;
        return this.lineNumbers ? highlightWithLineNumbers(code, lexer) : highlight(code, lexer);
      }
    }
    this.liquid.registerTag('highlight', HighlightTag);
  }
}

/** Jekyll's error for includes nested without end (Liquid's "Nesting too deep"), naming the loop when there is one. */
function nestingTooDeep(including: string[], name: string): string {
  const from = including.lastIndexOf(name);
  const loop = from === -1 ? '' : ` ${[...including.slice(from), name].join(' → ')}:`;
  return `Liquid error: Nesting too deep:${loop} the includes nest more than ${MAX_INCLUDE_DEPTH} deep with nothing to stop them,`
    + ' so Jekyll stops the build here. Put the include under a condition that ends, or remove it.';
}

/** A file system for liquidjs that has no files: every template Jekyll may read comes through the include tags above. */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => { throw new Error(`${file} is not read`); },
  readFileSync: (file) => { throw new Error(`${file} is not read`); },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An include name that would read outside its folder: Jekyll refuses it. */
function leavesIncludesFolder(name: string): boolean {
  return name.includes('..') || name.includes('\0') || path.posix.isAbsolute(name);
}
