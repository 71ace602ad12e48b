import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPage } from '../../../server/src/render/page';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { ANALYSED_TEXT_LIMIT } from '../../../server/src/templates/site-templates';
import { tempSites } from '../../helpers/temp-sites';

describe('unchecked-body', () => {
  const sites = tempSites();
  /** A page whose body is `{% gist 1 %}` (an unknown tag without jekyll-gist) padded to `length` characters. */
  const page = (length: number) => `---\nlayout: none\ntitle: Long\n---\n{% gist 1 %}\n${'A paragraph of text.\n\n'.repeat(Math.ceil(length / 22))}`;
  const findings = (text: string) => {
    const site = sites.load({ '_config.yml': 'title: Long\n', 'long.md': text });
    return SiteWorkspace.fromSite(site).diagnosticsFor('long.md');
  };

  it('says once, on the first line, that the Liquid of a page over the limit is not checked', () => {
    const found = findings(page(ANALYSED_TEXT_LIMIT + 1000));
    assert.deepEqual(found.map((d) => d.code), ['unchecked-body']);
    assert.equal(found[0].severity, 'information');
    assert.deepEqual(found[0].range.start, { line: 0, character: 0 });
    assert.match(found[0].message, /^This page's text is 1\.0 million characters long, and Jekyll Author checks the Liquid of page bodies only up to 1 million/);
  });

  it('checks the Liquid of a page under the limit as always', () => {
    assert.deepEqual(findings(page(ANALYSED_TEXT_LIMIT - 1000)).map((d) => d.code), ['unknown-tag']);
  });

  it('says nothing of a long page with no Liquid, whose body has nothing to check', () => {
    assert.deepEqual(findings(`---\ntitle: Long\n---\n${'Text.\n'.repeat(ANALYSED_TEXT_LIMIT / 5)}`), []);
  });

  it('still renders the long page whole in the preview', async () => {
    const site = sites.load({ '_config.yml': 'title: Long\n', 'long.md': page(ANALYSED_TEXT_LIMIT + 1000) });
    const rendered = await renderPage(site, 'long.md');
    assert.equal(rendered.html.split('<p>A paragraph of text.</p>').length - 1, Math.ceil((ANALYSED_TEXT_LIMIT + 1000) / 22));
  });
});
