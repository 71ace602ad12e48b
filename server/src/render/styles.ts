/**
 * The site's stylesheets compiled as Jekyll does: a `.scss`/`.sass` file with front matter, its
 * imports looked up relative to it, in `sass_dir` (`_sass` by default), then in the theme gem's
 * `_sass`; a stylesheet the site lacks comes from the theme's `assets`. Never outside the site or theme.
 * Compiled CSS is kept until one of the files it was built from changes (checked by mtime).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sass from 'sass';
import { findFrontMatter } from '../frontmatter/parse';
import { guardedPath, OutsideSiteError, refuseOutside } from '../site/guard';

interface CompiledStyle {
  css: string;
  /** Every file the CSS was built from, with the mtime it had. */
  sources: Map<string, number>;
}

export class StyleCompiler {
  private readonly compiled = new Map<string, CompiledStyle>();

  /** `themeRoot` gives the theme gem's folder (undefined without one); it may change as `_config.yml` does. */
  constructor(private readonly root: string, private readonly themeRoot: () => string | undefined = () => undefined) {}

  /** The folders files may be read from: the site's, then its theme's. */
  private roots(): string[] {
    const theme = this.themeRoot();
    return theme ? [this.root, theme] : [this.root];
  }

  /** Forgets compiled CSS built from this site file (or all of it), e.g. when an editor holds unsaved changes. */
  invalidate(relPath?: string): void {
    if (relPath === undefined) return this.compiled.clear();
    const absolute = path.resolve(this.root, relPath);
    for (const [key, style] of this.compiled) if (style.sources.has(absolute) || key === relPath) this.compiled.delete(key);
  }

  /**
   * The CSS served at `cssPath` (site-relative, e.g. `assets/css/main.css`): compiled from the Sass
   * file beside it, or the CSS file itself. Undefined when the site has neither.
   * `renderLiquid` renders a stylesheet that holds Liquid, as Jekyll does.
   */
  compile(cssPath: string, sassDir: string, renderLiquid: (text: string, relPath: string) => string): string | undefined {
    const cached = this.compiled.get(cssPath);
    if (cached && [...cached.sources].every(([file, mtime]) => mtimeOf(file) === mtime)) return cached.css;
    const stem = cssPath.replace(/\.css$/, '');
    const roots = this.roots();
    // The site's own file wins over the theme's at the same path, as Jekyll's theme assets do.
    const sources = roots.flatMap((root) => [`${stem}.scss`, `${stem}.sass`, cssPath].map((source) => ({ source, file: path.join(root, ...source.split('/')) })));
    for (const { source, file } of sources) {
      let absolute: string;
      try {
        absolute = guardedPath(roots, file, source);
      } catch (error) {
        if (error instanceof OutsideSiteError) throw error;
        continue;
      }
      const text = fs.readFileSync(absolute, 'utf8');
      const block = findFrontMatter(text);
      const body = block.closed ? text.slice(block.bodyStart) : text;
      const withLiquid = block.closed && /\{[{%]/.test(body) ? renderLiquid(body, source) : body;
      const style = source === cssPath
        ? { css: withLiquid, sources: new Map([[absolute, mtimeOf(absolute)]]) }
        : this.compileSass(withLiquid, absolute, source.endsWith('.sass'), sassDir);
      this.compiled.set(cssPath, style);
      return style.css;
    }
    return undefined;
  }

  private compileSass(text: string, absolute: string, indented: boolean, sassDir: string): CompiledStyle {
    // Loaded on first use: checking a site never needs the Sass compiler.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sass = require('sass') as typeof Sass;
    const roots = this.roots();
    const loadPaths = [path.resolve(this.root, sassDir), ...roots.slice(1).map((theme) => path.join(theme, '_sass'))];
    const importer = siteImporter(roots, loadPaths);
    const result = sass.compileString(text, {
      url: pathToFileURL(absolute),
      importer,
      importers: [importer],
      syntax: indented ? 'indented' : 'scss',
      style: 'expanded',
      logger: sass.Logger.silent,
    });
    const sources = new Map<string, number>([[absolute, mtimeOf(absolute)]]);
    for (const url of result.loadedUrls) {
      if (url.protocol === 'file:') sources.set(fileURLToPath(url), mtimeOf(fileURLToPath(url)));
    }
    return { css: result.css, sources };
  }
}

/** Sass's lookup of `@import "name"`: partials, extensions and index files, tried in its order. */
function candidates(base: string): string[] {
  const dir = path.dirname(base);
  const name = path.basename(base);
  if (/\.(s[ac]ss|css)$/.test(name)) return [base, path.join(dir, `_${name}`)];
  const files: string[] = [];
  for (const ext of ['.scss', '.sass', '.css']) files.push(path.join(dir, `${name}${ext}`), path.join(dir, `_${name}${ext}`));
  for (const ext of ['.scss', '.sass', '.css']) files.push(path.join(base, `index${ext}`), path.join(base, `_index${ext}`));
  return files;
}

/** Resolves imports relative to the importing file, then in the load paths; refuses anything outside the site and theme. */
function siteImporter(roots: string[], loadPaths: string[]): Sass.Importer<'sync'> {
  return {
    canonicalize(url, context) {
      const bases: string[] = [];
      if (url.startsWith('file:')) bases.push(fileURLToPath(url));
      else {
        if (context.containingUrl?.protocol === 'file:') bases.push(path.resolve(path.dirname(fileURLToPath(context.containingUrl)), url));
        for (const loadPath of loadPaths) bases.push(path.resolve(loadPath, url));
      }
      for (const base of bases) {
        // Refused before Sass looks for its partials there: nothing outside the site is even tried.
        refuseOutside(roots, base, url);
        for (const file of candidates(base)) {
          if (fs.existsSync(file) && fs.statSync(file).isFile()) return pathToFileURL(guardedPath(roots, file));
        }
      }
      return null;
    },
    load(canonicalUrl) {
      const file = guardedPath(roots, fileURLToPath(canonicalUrl));
      const syntax = file.endsWith('.sass') ? 'indented' : file.endsWith('.css') ? 'css' : 'scss';
      return { contents: fs.readFileSync(file, 'utf8'), syntax };
    },
  };
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
