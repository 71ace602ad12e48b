import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSiteRoot, Site } from '../site/site';
import { UsageError } from './usage-error';

/** The site folder to check: `--root`, else the one holding `_config.yml` above the first path or here. */
export function siteRootFor(rootOption: string | undefined, firstTarget: string | undefined): string {
  let root: string;
  if (rootOption) {
    root = path.resolve(rootOption);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`No such folder: ${root}`);
  } else {
    const start = firstTarget ? (fs.statSync(firstTarget).isDirectory() ? firstTarget : path.dirname(firstTarget)) : process.cwd();
    root = findSiteRoot(start);
  }
  if (!fs.existsSync(path.join(root, '_config.yml'))) {
    throw new UsageError(`${root} is not a Jekyll site: there is no _config.yml in it (nor above it). Point --root at the site's folder.`);
  }
  try {
    fs.accessSync(path.join(root, '_config.yml'), fs.constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${path.join(root, '_config.yml')}.`);
  }
  return root;
}

export function siteRelative(site: Site, absolute: string, what: string): string {
  if (path.resolve(absolute) === site.root) return '';
  const relative = site.relativePath(absolute);
  if (relative === undefined) throw new UsageError(`${what} ${absolute} is outside the site ${site.root}.`);
  return relative;
}

/**
 * A path as the user gave it: relative to the working folder, else (with --root) to the site, as
 * `render impact.md --root site` and `check about.md --root site` mean the site's page.
 */
export function givenPath(given: string, root: string | undefined, kind: 'file' | 'file or folder'): string {
  const candidates = [path.resolve(given), ...(root ? [path.resolve(root, given)] : [])];
  const found = candidates.find((candidate) => fs.existsSync(candidate) && (kind !== 'file' || fs.statSync(candidate).isFile()));
  if (!found) throw new UsageError(`No such ${kind}: ${candidates.join(' or ')}`);
  return found;
}
