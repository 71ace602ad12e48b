import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPage } from '../../server/src/render/page';
import { Site } from '../../server/src/site/site';
import { EXAMPLE_SITE } from '../helpers/site';
import { articleOf, similarity, tagsOf, textOf } from './html';

const jekyllMissing = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0 ? false : 'jekyll is not on the PATH (CI installs Debian\'s jekyll)';

test('rendered pages match what Jekyll builds: article text ≥ 99 %, tag sequence ≥ 95 %', { skip: jekyllMissing }, async () => {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-fidelity-'));
  // Run outside the fixture, without a cache folder, so that nothing is written into the repository.
  const build = spawnSync('jekyll', ['build', '-s', EXAMPLE_SITE, '-d', destination, '--disable-disk-cache', '--quiet'], { cwd: os.tmpdir(), encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const site = Site.load(EXAMPLE_SITE);
  const rows: string[] = [];
  const failures: string[] = [];
  for (const page of [...site.pages.values()].filter((p) => !p.collection).sort((a, b) => a.relPath.localeCompare(b.relPath))) {
    const built = fs.readFileSync(path.join(destination, page.url.endsWith('/') ? `${page.url}index.html` : page.url), 'utf8');
    const rendered = (await renderPage(site, page.relPath)).html;
    const expected = articleOf(built) ?? built;
    const actual = articleOf(rendered) ?? rendered;
    const text = similarity(textOf(expected).split(' '), textOf(actual).split(' '));
    const tags = similarity(tagsOf(expected), tagsOf(actual));
    const whole = similarity(tagsOf(built), tagsOf(rendered));
    rows.push(`${page.relPath.padEnd(36)} text ${(text * 100).toFixed(1).padStart(5)} %  tags ${(tags * 100).toFixed(1).padStart(5)} %  (whole page tags ${(whole * 100).toFixed(1)} %)`);
    if (text < 0.99 || tags < 0.95) failures.push(page.relPath);
  }
  console.log(`Fidelity against ${spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).stdout.trim()}, inside <article>:\n${rows.join('\n')}`);
  fs.rmSync(destination, { recursive: true, force: true });
  assert.deepEqual(failures, []);
});
