import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusMissing, layOutCorpus } from '../helpers/corpus';
import { tempDir } from '../helpers/site';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'bin/jekyll-author');

interface JsonDiagnostic { file: string; line: number; column: number; severity: string; code: string; message: string }

function freshCorpusSite(): string {
  return layOutCorpus(tempDir('jekyll-author-corpus-'));
}

function check(root: string): JsonDiagnostic[] {
  const result = spawnSync(process.execPath, [CLI, 'check', '--root', root, '--format', 'json'], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `check exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

const key = (d: { file: string; line: number; code: string }) => `${d.file}:${d.line} ${d.code}`;

const STROKE = 'greater-manchester/care-pathway-1-building-lhs-for-stroke/stroke-secondary-prevention.md';
const WORKSHOP = 'north-west-coast/education-and-workforce-development/business-informatics-workshop-barriers-and-enablers-innovation.md';
const SURVEY = 'north-west-coast/education-and-workforce-development/business-informatics-survey.md';
const DELIBERATIVE = 'hub/ppi/a-deliberative-study-of-public-attitudes-towards-sharing-genomic-data-within-genomic-medicine-services-in-england.md';

/** The nine known defects of the corpus README, each where an author would look for it. */
const KNOWN_DEFECTS = [
  `${DELIBERATIVE}:11 yaml-syntax`, // 1: a wrapped resource title indented 2 spaces
  `${STROKE}:7 reserved-field`, // 2: a stray path: overriding page.path
  `${WORKSHOP}:4 duplicate-value`, // 3: a copied section…
  `${SURVEY}:4 duplicate-value`,
  `${WORKSHOP}:3 duplicate-value`, // …and the same weight under the same parent
  `${SURVEY}:3 duplicate-value`,
  'impact-report/impact-report.md:4 section-mismatch', // 4
  'impact.md:6 block-indent', // 5: intro indented 3 then 4 spaces
  'programme-key-findings-and-recommendations.md:1 unreachable-page', // 6
  '_config.yml:42 config-missing-page', // 7: introduction.md
  'connected-yorkshire/carepathway-urgent-care-for-childhood-asthma/netimis-modelling-improvements-to-the-paediatric-ambulatory-care-pathway-at-bradford-royal-infirmary.md:9 missing-file', // 8
  'connected-yorkshire/carepathway-improving-urgency-and-emergency-pathways-for-patients/improving-urgent-and-unscheduled-care.md:8 missing-file',
  'north-east-and-north-cumbria/the-great-north-care-record/gncr-public-engagement-report.md:8 missing-file',
  'privacy.md:4 missing-required', // 9: section-home without intro
].sort();

test('init then check finds the nine known defects of the real site and nothing else', { skip: corpusMissing }, () => {
  const root = freshCorpusSite();
  const init = spawnSync(process.execPath, [CLI, 'init', '--root', root], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  assert.ok(fs.existsSync(path.join(root, '_jekyll-author.schema.json')));
  const diagnostics = check(root);
  const found = diagnostics.map(key).sort();
  console.log(`corpus with its inferred schema file: ${diagnostics.length} diagnostics`);
  assert.deepEqual(found, KNOWN_DEFECTS);
  // With the author's schema file, a missing required field is an error, not a guess.
  assert.equal(diagnostics.find((d) => d.code === 'missing-required')?.severity, 'error');
});

test('without a schema file the inferred checks find the same defects', { skip: corpusMissing }, () => {
  const diagnostics = check(freshCorpusSite());
  assert.deepEqual(diagnostics.map(key).sort(), KNOWN_DEFECTS);
  assert.equal(diagnostics.find((d) => d.code === 'missing-required')?.severity, 'warning');
});

/** The kinds of breakage the site's history shows, written into copies of real pages. */
const HISTORY_BREAKAGES: { file: string; from: RegExp; to: string; line: number; code: string; message: RegExp }[] = [
  { file: 'hub/ppi.md', from: /^title: .*$/m, to: 'title: Patient and Public Involvement: PPI', line: 2, code: 'yaml-syntax', message: /quotes/ },
  { file: STROKE, from: /^ {4}- path: /m, to: '    -path: ', line: 9, code: 'yaml-syntax', message: /space after the dash/ },
  { file: 'hub/ppi/connected-health-cities-citizens-juries-report.md', from: /^resources:/m, to: 'resource:', line: 0, code: 'unknown-field', message: /`resources`/ },
  { file: 'hub/evaluation.md', from: /^level: .*$/m, to: 'level: 5.10', line: 0, code: 'ambiguous-scalar', message: /5\.1\b/ },
  { file: 'hub.md', from: /^layout: section-home$/m, to: 'layout: section-hom', line: 0, code: 'unknown-layout', message: /section-home/ },
];

test('the inferred checks catch the YAML, layout, field and type breakages of the site\'s history', { skip: corpusMissing }, () => {
  const root = freshCorpusSite();
  for (const breakage of HISTORY_BREAKAGES) {
    const file = path.join(root, breakage.file);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, breakage.from, `${breakage.file} no longer has the line this test breaks`);
    const broken = text.replace(breakage.from, breakage.to);
    fs.writeFileSync(file, broken);
    if (breakage.line === 0) {
      breakage.line = broken.slice(0, broken.indexOf(breakage.to)).split('\n').length;
    }
  }
  const diagnostics = check(root);
  for (const breakage of HISTORY_BREAKAGES) {
    const match = diagnostics.find((d) => d.file === breakage.file && d.code === breakage.code && d.line === breakage.line);
    assert.ok(match, `expected ${breakage.code} at ${breakage.file}:${breakage.line}; got ${diagnostics.filter((d) => d.file === breakage.file).map(key).join(', ')}`);
    assert.match(match.message, breakage.message);
  }
});
