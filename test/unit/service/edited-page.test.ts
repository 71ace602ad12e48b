// The server checks an edited page from what its earlier state left (the front matter's parse is kept
// when only the body changed, indexes and caches stay): after any sequence of keystrokes, in the front
// matter or the body, the page's diagnostics must be those of a site read afresh with that text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from '../../../server/src/rules/rule';
import { SiteWorkspace } from '../../../server/src/service/workspace';
import { copyExampleSite } from '../../helpers/site';

const EDITED = copyExampleSite();
const FRESH = copyExampleSite();
/** Pages with front matter and a body: a section home, a page with a heading in its body, a post. */
const PAGES = ['impact.md', 'about.md', ...fs.readdirSync(path.join(EDITED, '_posts')).slice(0, 1).map((name) => `_posts/${name}`)];

interface Keystroke {
  /** Where: in the front matter's YAML, or in the body. */
  part: 'front' | 'body';
  /** Where within that part, as a share of its length. */
  at: number;
  /** Characters deleted there, then the text typed. */
  deleted: number;
  typed: string;
}

const keystroke: fc.Arbitrary<Keystroke> = fc.record({
  part: fc.constantFrom('front', 'body'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  deleted: fc.nat({ max: 3 }),
  typed: fc.constantFrom('', 'a', 'zz', ' ', '\n', ':', ': ', '#', '# Heading\n', '"', '- ', '---\n', '\t', 'title: x\n', 'layout: nowhere\n', '{{ page.x }}'),
});

/** The text with the keystroke applied (the part's bounds are found the way Jekyll finds front matter, roughly). */
function typedInto(text: string, key: Keystroke): string {
  const close = text.indexOf('\n---', 3);
  const [from, to] = key.part === 'front' && close > 0 ? [4, close + 1] : [close > 0 ? close + 5 : 0, text.length];
  const at = Math.min(to, from + Math.floor(key.at * (to - from)));
  return text.slice(0, at) + key.typed + text.slice(Math.min(to, at + key.deleted));
}

const asText = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => JSON.stringify(d));

test("an edited page's diagnostics equal a fresh check of its text, after any sequence of keystrokes", () => {
  fc.assert(fc.property(fc.constantFrom(...PAGES), fc.array(keystroke, { minLength: 1, maxLength: 6 }), (page, keys) => {
    const original = fs.readFileSync(path.join(EDITED, page), 'utf8');
    const workspace = SiteWorkspace.open(EDITED);
    workspace.diagnosticsFor(page);
    let text = original;
    try {
      for (const key of keys) {
        text = typedInto(text, key);
        workspace.updateFile(page, text);
        fs.writeFileSync(path.join(FRESH, page), text);
        assert.deepEqual(asText(workspace.diagnosticsFor(page)), asText(SiteWorkspace.open(FRESH).diagnosticsFor(page)), JSON.stringify(text));
      }
    } finally {
      fs.writeFileSync(path.join(FRESH, page), original);
    }
  }), { numRuns: 12 });
});
