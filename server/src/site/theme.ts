/**
 * The theme gem of a site (`theme: minima`), found where Ruby installs gems, as Jekyll's
 * `Theme` finds it through RubyGems: its folders join the site's (`theme_builder.rb`,
 * `theme.rb`), and its runtime dependencies load as plugins (`PluginManager#require_theme_deps`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeRegExp } from './config';

export interface Theme {
  name: string;
  /** The gem's folder. */
  root: string;
  /** Gems the theme needs at run time (not `jekyll` itself), from its gemspec. */
  dependencies: string[];
}

/** The folders of a theme that join the site's. */
export const THEME_FOLDERS = ['_layouts', '_includes', '_sass', '_data', 'assets'] as const;

/**
 * The folders holding installed gems (each a `gems/` folder of `name-version` folders), in the
 * order Ruby would look: the site's Bundler path, the environment, the user's, then the system's.
 */
export function gemFolders(siteRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? os.homedir();
  const bundlePaths = [env.BUNDLE_PATH, bundleConfigPath(siteRoot), path.join(siteRoot, 'vendor/bundle')]
    .filter((value): value is string => !!value)
    .map((value) => path.resolve(siteRoot, value));
  const candidates = [
    ...bundlePaths.flatMap((base) => [`${base}/ruby/*/gems`, `${base}/gems`]),
    ...[env.GEM_HOME, ...(env.GEM_PATH ?? '').split(path.delimiter)].filter((value): value is string => !!value).map((base) => `${base}/gems`),
    `${home}/.gem/ruby/*/gems`, `${home}/.local/share/gem/ruby/*/gems`,
    `${home}/.rbenv/versions/*/lib/ruby/gems/*/gems`, `${home}/.rvm/gems/*/gems`, `${home}/.asdf/installs/ruby/*/lib/ruby/gems/*/gems`,
    '/var/lib/gems/*/gems', '/usr/lib/ruby/gems/*/gems', '/usr/share/rubygems-integration/all/gems', '/usr/share/rubygems-integration/*/gems',
    '/usr/local/lib/ruby/gems/*/gems', '/opt/homebrew/lib/ruby/gems/*/gems', '/usr/local/opt/ruby/lib/ruby/gems/*/gems',
    '/opt/homebrew/opt/ruby/lib/ruby/gems/*/gems', '/Library/Ruby/Gems/*/gems',
  ];
  return [...new Set(candidates.flatMap(expandStars))];
}

/** `BUNDLE_PATH` of the site's `.bundle/config`, where `bundle config set path` writes it. */
function bundleConfigPath(siteRoot: string): string | undefined {
  try {
    const text = fs.readFileSync(path.join(siteRoot, '.bundle', 'config'), 'utf8');
    return /^BUNDLE_PATH:\s*["']?([^"'\n]+)["']?\s*$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

/** A path with `*` segments, expanded to the folders that exist. */
function expandStars(pattern: string): string[] {
  const segments = pattern.split('/');
  let found = [segments[0] === '' ? '/' : segments[0]];
  for (const segment of segments.slice(1)) {
    if (segment === '') continue;
    found = found.flatMap((base) => {
      if (segment !== '*') return [path.join(base, segment)];
      try {
        return fs.readdirSync(base, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(base, entry.name));
      } catch {
        return [];
      }
    });
  }
  return found.filter((folder) => isDirectory(folder));
}

/** The installed theme gem `name` (its newest version), or the folder `themePath` when given. */
export function findTheme(name: string, siteRoot: string, themePath?: string): Theme | undefined {
  if (themePath) {
    const root = path.resolve(siteRoot, themePath);
    return isDirectory(root) ? { name, root, dependencies: runtimeDependencies(root, name) } : undefined;
  }
  for (const folder of gemFolders(siteRoot)) {
    const versions = readdir(folder)
      .map((entry) => ({ entry, version: new RegExp(`^${escapeRegExp(name)}-(\\d[\\w.]*)$`).exec(entry)?.[1] }))
      .filter((candidate): candidate is { entry: string; version: string } => candidate.version !== undefined)
      .sort((a, b) => compareVersions(b.version, a.version));
    if (versions.length > 0) {
      const root = path.join(folder, versions[0].entry);
      return { name, root, dependencies: runtimeDependencies(root, name) };
    }
  }
  return undefined;
}

/** The runtime dependencies in the gem's specification (`specifications/NAME-VERSION.gemspec` beside `gems/`, or one in the gem). */
function runtimeDependencies(root: string, name: string): string[] {
  const specs = [
    path.join(path.dirname(path.dirname(root)), 'specifications', `${path.basename(root)}.gemspec`),
    path.join(root, `${name}.gemspec`),
  ];
  for (const spec of specs) {
    let text: string;
    try {
      text = fs.readFileSync(spec, 'utf8');
    } catch {
      continue;
    }
    const names = [...text.matchAll(/add_(?:runtime_)?dependency\s*\(?\s*(?:%q<([^>]+)>|["']([^"']+)["'])/g)].map((match) => match[1] ?? match[2]);
    return [...new Set(names)].filter((dependency) => dependency !== 'jekyll' && dependency !== 'bundler');
  }
  return [];
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}

function readdir(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** The files of the theme's folders, as site-relative paths (`_layouts/default.html`) to absolute ones. */
export function themeFiles(theme: Theme): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relDir: string): void => {
    for (const entry of safeEntries(path.join(theme.root, relDir))) {
      const relPath = `${relDir}/${entry.name}`;
      if (entry.isDirectory()) walk(relPath);
      else if (entry.isFile()) files.set(relPath, path.join(theme.root, ...relPath.split('/')));
    }
  };
  for (const folder of THEME_FOLDERS) walk(folder);
  return files;
}

function safeEntries(folder: string): fs.Dirent[] {
  try {
    return fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}
