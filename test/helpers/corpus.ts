import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_SITE } from './site';

/** The real Connected Health Cities content, read in place (never copied into the repo). */
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectedhealthcities');

/** The real sites beyond Connected Health Cities, each with its own templates (see their README). */
export const SITES_ROOT = path.resolve(__dirname, '../../../../shared/corpus/sites');
export const SITE_NAMES = ['hyde', 'jekyll-docs', 'just-the-docs', 'minima-blog'] as const;
export const sitesMissing: string | false = fs.existsSync(SITES_ROOT) ? false : `the real sites are not at ${SITES_ROOT} (they ship beside the project in CI)`;

/**
 * The second config file each real site needs to build offline with Debian's Jekyll: only the plugins
 * Debian packages (no jemoji, no jekyll-paginate; jekyll-github-metadata would ask GitHub's API), and
 * for hyde the settings Jekyll 4 requires.
 */
export const SITE_JEKYLL_CONFIG: Record<(typeof SITE_NAMES)[number], string> = {
  'hyde': 'markdown: kramdown\nrelative_permalinks: false\nplugins: [jekyll-gist]\n',
  'jekyll-docs': 'plugins: [jekyll-avatar, jekyll-feed, jekyll-mentions, jekyll-redirect-from, jekyll-seo-tag, jekyll-sitemap]\n',
  'just-the-docs': 'plugins: [jekyll-seo-tag, jekyll-include-cache, jekyll-sitemap]\n',
  'minima-blog': 'plugins: [jekyll-feed]\n',
};

/** The same for the corpus over the example templates: GitHub Pages' plugins that Debian has and that need no network. */
export const CORPUS_JEKYLL_CONFIG = 'plugins: [jekyll-sitemap, jekyll-seo-tag, jekyll-default-layout, jekyll-relative-links, jekyll-optional-front-matter, jekyll-readme-index, jekyll-titles-from-headings]\n';

/** A copy of a real site in `out`, without its Gemfile: Bundler would try the network. */
export function copyRealSite(name: (typeof SITE_NAMES)[number], out: string): string {
  fs.cpSync(path.join(SITES_ROOT, name), out, { recursive: true, filter: (source) => !/[\\/]Gemfile(\.lock)?$/.test(source) });
  return out;
}

/**
 * Puts the settings a site needs to build offline (`SITE_JEKYLL_CONFIG`) into the copy's own
 * `_config.yml`, each top-level key replacing the site's, so Jekyll and the site model read the same.
 */
export function useOfflineConfig(root: string, settings: string): void {
  const file = path.join(root, '_config.yml');
  const replaced = new Set([...settings.matchAll(/^([\w-]+):/gm)].map((match) => match[1]));
  let dropping = false;
  const kept = fs.readFileSync(file, 'utf8').split('\n').filter((line) => {
    const key = /^([\w-]+):/.exec(line)?.[1];
    // A key's value runs on over indented lines, `- ` items and comments.
    if (key !== undefined) dropping = replaced.has(key);
    else if (!/^(?:[\s#-]|$)/.test(line)) dropping = false;
    return !dropping;
  });
  fs.writeFileSync(file, `${kept.join('\n')}\n${settings}`);
}

/** Why tests that need the corpus skip, or false when it is there (CI has it beside the project). */
export const corpusMissing: string | false = fs.existsSync(CORPUS) ? false : `the corpus is not at ${CORPUS} (it ships beside the project in CI)`;

/**
 * The corpus content with the example site's templates and styles laid over it, in `out`
 * (the corpus has no templates of its own), and the real site's one-line Gemfile.
 */
export function layOutCorpus(out: string): string {
  fs.mkdirSync(out, { recursive: true });
  fs.cpSync(CORPUS, out, { recursive: true });
  for (const folder of ['_layouts', '_includes', '_sass', 'assets/css']) {
    // The example site's deliberate template mistakes are test cases of its own, not the real site's templates.
    fs.cpSync(path.join(EXAMPLE_SITE, folder), path.join(out, folder), { recursive: true, filter: (source) => !source.endsWith('broken-examples.html') });
  }
  fs.writeFileSync(path.join(out, 'Gemfile'), 'gem "github-pages", "~> 204", group: :jekyll_plugins\n');
  // Copies keep the corpus's read-only modes; tests and benchmarks write into them.
  execFileSync('chmod', ['-R', 'u+w', out]);
  return out;
}
