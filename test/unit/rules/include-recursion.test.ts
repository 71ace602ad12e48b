import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderPage } from '../../../server/src/render/page';
import { checkTemplate } from '../../../server/src/service/check';
import { Site } from '../../../server/src/site/site';
import { tempSites } from '../../helpers/temp-sites';

const CLI = path.resolve(__dirname, '../../../../bin/jekyll-author');

describe('include-recursion', () => {
  const sites = tempSites();
  const recursionIn = (site: Site, relPath: string) =>
    checkTemplate(site, relPath, fs.readFileSync(site.absolutePath(relPath), 'utf8'))
      .filter((d) => d.code === 'include-recursion');

  it('finds an include that includes itself, on the include\'s name, naming the loop', () => {
    const site = sites.load({ '_includes/note.html': '<p>Note</p>\n{% include note.html %}\n' });
    const found = recursionIn(site, '_includes/note.html');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, { start: { line: 1, character: 11 }, end: { line: 1, character: 20 } });
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /^This include leads back to note\.html \(note\.html → note\.html\) with no `if` or loop to stop it, so Jekyll stops the build with "Nesting too deep"/);
  });

  it('finds a loop through other includes, in each file of the loop', () => {
    const site = sites.load({
      '_includes/a.html': 'A {% include b.html %}\n',
      '_includes/b.html': 'B {% capture x %}{% include "c.html" %}{% endcapture %}\n',
      '_includes/c.html': 'C\n{% include a.html %}\n',
    });
    assert.match(recursionIn(site, '_includes/a.html')[0].message, /\(a\.html → b\.html → c\.html → a\.html\)/);
    assert.match(recursionIn(site, '_includes/c.html')[0].message, /\(c\.html → a\.html → b\.html → c\.html\)/);
    assert.equal(recursionIn(site, '_includes/b.html').length, 1);
  });

  it('leaves alone includes under a condition or a loop, which end, and names known only while rendering', () => {
    const site = sites.load({
      '_includes/menu.html': '{% for child in include.children %}{% include menu.html children=child.children %}{% endfor %}\n',
      '_includes/tree.html': '{% if include.depth != "3" %}{% include tree.html depth="3" %}{% endif %}\n',
      '_includes/case.html': '{% case include.x %}{% when 1 %}{% include case.html %}{% endcase %}\n',
      '_includes/dynamic.html': '{% include {{ include.name }} %}\n',
      '_includes/uses-menu.html': '{% include menu.html %}\n',
    });
    for (const file of ['menu', 'tree', 'case', 'dynamic', 'uses-menu']) assert.deepEqual(recursionIn(site, `_includes/${file}.html`), [], file);
  });

  it('is what `check` reports, and the preview names the loop as Jekyll\'s "Nesting too deep"', async () => {
    const root = sites.root({
      '_includes/a.html': 'A {% include b.html %}\n',
      '_includes/b.html': 'B {% include a.html %}\n',
      'index.md': '---\ntitle: Home\n---\nHi {% include a.html %}\n',
    });
    const run = spawnSync(process.execPath, [CLI, 'check', '--quiet'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^_includes\/a\.html:1:14 error include-recursion /m);
    assert.match(run.stdout, /^_includes\/b\.html:1:14 error include-recursion /m);
    const rendered = await renderPage(Site.load(root), 'index.md');
    assert.ok(rendered.problems.some((problem) => /^Liquid error: Nesting too deep: a\.html → b\.html → a\.html: .* Jekyll stops the build here\./.test(problem.message)),
      JSON.stringify(rendered.problems));
  });
});
