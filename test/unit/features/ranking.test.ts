import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rankFilePaths, rankLayouts, rankListedPages, rankParentSections, SectionRanking } from '../../../server/src/features/ranking';

const SECTIONS = ['about', 'research', 'research/air-quality', 'research/air-quality/school-streets', 'research/heart-health', 'people', 'people/training'];

test('parent sections: the folder\'s own section, then those above it, then its neighbours, then the rest shallow first', () => {
  assert.deepEqual(rankParentSections('research/air-quality/sensor-network.md', 'research/air-quality/sensor-network', SECTIONS), [
    'research/air-quality', 'research', 'research/air-quality/school-streets', 'research/heart-health', 'about', 'people', 'people/training',
  ]);
});

test('parent sections leave out the page\'s own section and those below it, which would make a loop', () => {
  const ranked = rankParentSections('research.md', 'research', SECTIONS);
  assert.ok(!ranked.some((section) => section === 'research' || section.startsWith('research/')), ranked.join(', '));
  assert.deepEqual(ranked, ['about', 'people', 'people/training']);
});

test('a top-level page gets the top-level sections first', () => {
  assert.deepEqual(rankParentSections('impact.md', 'impact', SECTIONS).slice(0, 3), ['about', 'people', 'research']);
});

test('copies of a site under a prefix rank within their own copy', () => {
  const sections = ['copy-001/research', 'copy-002/research', 'copy-002/research/air-quality', 'research'];
  assert.deepEqual(rankParentSections('copy-002/research/air-quality/school-streets.md', undefined, sections).slice(0, 2),
    ['copy-002/research/air-quality', 'copy-002/research']);
});

test('a cut, filtered ranking is the start of the whole ranking with what was typed kept', () => {
  const segment = fc.constantFrom('a', 'b', 'research', 'Air-quality', 'x1');
  const section = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  fc.assert(fc.property(
    fc.uniqueArray(section, { maxLength: 40 }), section, fc.option(section, { nil: undefined }), fc.constantFrom('', 'a', 'AIR', 'rch/', 'a/b', 'h/air', 'h\nr', 'x1/x1'), fc.integer({ min: 1, max: 12 }),
    (sections, pagePath, own, typed, limit) => {
      const ranking = new SectionRanking(sections);
      const page = `${pagePath}.md`;
      const whole = rankParentSections(page, own, sections);
      assert.deepEqual(ranking.rank(page, own, typed, limit), whole.filter((s) => s.toLowerCase().includes(typed.toLowerCase())).slice(0, limit));
      assert.deepEqual(new Set(whole), new Set(sections.filter((s) => own === undefined || (s !== own && !s.startsWith(`${own}/`)))));
    },
  ), { numRuns: 300 });
});

test('file paths: the page\'s own folder, then its parent folder, then files named like the page, then the rest', () => {
  const files = [
    'assets/logo.svg', 'assets/reports/air-quality-report.pdf', 'assets/reports/training-evaluation.pdf',
    'research/figures/other.png', 'research/air-quality/map.png', 'assets/images/city.svg',
  ];
  assert.deepEqual(rankFilePaths('research/air-quality.md', files), [
    'research/air-quality/map.png', 'research/figures/other.png', 'assets/reports/air-quality-report.pdf',
    'assets/images/city.svg', 'assets/logo.svg', 'assets/reports/training-evaluation.pdf',
  ]);
});

test('file paths of a top-level page: files named like it first, the root folder counts for nothing', () => {
  assert.deepEqual(rankFilePaths('training.md', ['assets/a.pdf', 'assets/Training_Evaluation.pdf']), ['assets/Training_Evaluation.pdf', 'assets/a.pdf']);
});

test('pages for a config list: those not listed yet first, top-level before deeper', () => {
  assert.deepEqual(rankListedPages(['research/air-quality.md', 'research.md', 'about.md', 'impact.md'], new Set(['impact.md'])),
    ['about.md', 'research.md', 'research/air-quality.md', 'impact.md']);
});

test('layouts: the most used first, unused ones last', () => {
  const uses: Record<string, number> = { core: 0, default: 21, home: 1, 'section-home': 5 };
  assert.deepEqual(rankLayouts(['core', 'home', 'section-home', 'default'], (name) => uses[name]), ['default', 'section-home', 'home', 'core']);
});
