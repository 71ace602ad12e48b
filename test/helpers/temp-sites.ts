import * as fs from 'node:fs';
import { after } from 'node:test';
import { Site } from '../../server/src/site/site';
import { writeTempSite } from './site';

/**
 * `load(files)` reads a site written to a temporary folder (with a `_config.yml` unless `files`
 * has one); every folder it made is removed when the test file ends.
 */
export function tempSites(): { load(files: Record<string, string>): Site; root(files: Record<string, string>): string } {
  const roots: string[] = [];
  after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));
  const root = (files: Record<string, string>): string => {
    const made = writeTempSite({ '_config.yml': 'title: T\n', ...files });
    roots.push(made);
    return made;
  };
  return { root, load: (files) => Site.load(root(files)) };
}
