import { writeTempSite } from './site';

const PARAGRAPH = 'Paragraph {{ page.title }} with {% if page.title %}a tag{% endif %} and text.\n\n';
/** A rendered paragraph of `big.md`. */
export const BIG_PARAGRAPH = /<p[^>]*>Paragraph Big with a tag and text\.<\/p>/g;

/**
 * A site with pages that are slow to render: `big.md`, `megabytes` MB of Liquid tags (`paragraphs`
 * of them), `loop.md`, a few lines that loop half a million times, `endless.md`, which loops ten billion
 * times (no machine renders it within a time limit of seconds), and the quick `small.md`.
 */
export function slowPagesSite(megabytes = 0): { root: string; paragraphs: number } {
  const paragraphs = Math.ceil((megabytes * 1e6) / PARAGRAPH.length);
  const root = writeTempSite({
    '_config.yml': 'title: Slow\n',
    'big.md': `---\nlayout: none\ntitle: Big\n---\n${PARAGRAPH.repeat(paragraphs)}`,
    'loop.md': '---\nlayout: none\ntitle: Loop\n---\n{% for i in (1..500) %}{% for j in (1..1000) %}{% assign k = j %}{% endfor %}{% endfor %}Looped {{ k }} times.\n',
    'endless.md': '---\nlayout: none\ntitle: Endless\n---\n{% for i in (1..100000) %}{% for j in (1..100000) %}{% assign k = j %}{% endfor %}{% endfor %}\n',
    'small.md': '---\nlayout: none\ntitle: Small\n---\nSmall {{ page.title }}.\n',
  });
  return { root, paragraphs };
}
