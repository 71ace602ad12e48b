import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/frontmatter/text';
import type { Diagnostic } from '../../server/src/rules/rule';
import { SiteWorkspace } from '../../server/src/service/workspace';
import { CORPUS } from '../helpers/corpus';
import { copyExampleSite, EXAMPLE_SITE } from '../helpers/site';

/** How many cases each property tries: modest in `npm test`, 100 000 in `npm run fuzz`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Every Markdown page of a folder, as seeds for mutation. */
function pagesBelow(root: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (found.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'assets') walk(full);
      else if (entry.name.endsWith('.md')) found.push(fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return found;
}

/** Real pages to start from: the example site's, and the corpus's when it is there. */
export const SEEDS = [...pagesBelow(EXAMPLE_SITE, 200), ...pagesBelow(CORPUS, 200)];

/** What authors and editors do to text: typos, pasted characters, tabs, line endings, odd bytes. */
const INSERTS = ['\t', ':', ': ', '"', "'", '#', ' #', '- ', '-', '|', '>', '&a ', '*a', '!!int ', '[', ']', '{', '}',
  '\r\n', '\r', '\n', '\n  ', '---\n', '...\n', '\uFEFF', '\0', 'é', '𝒳', '\u2028', '  ', '%', '@', '`', '{{ page.title }}'];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(([at, length]): Mutation => (text) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + text.slice(i + length);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 20 })).map(([at, length]): Mutation => (text) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...INSERTS)).map(([at, insert]): Mutation => (text) => {
    const i = text.length === 0 ? 0 : at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]): Mutation => (text) => {
    const lines = text.split('\n');
    const i = lines.length === 0 ? 0 : at % lines.length;
    lines[i] = shift >= 0 ? ' '.repeat(shift) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-shift}}`), '');
    return lines.join('\n');
  }),
  fc.constant<Mutation>((text) => text.replace(/\n/g, '\r\n')),
  fc.string({ unit: 'binary', maxLength: 40 }).map((junk): Mutation => (text) => text + junk),
);

/** A real page with a few mutations, or random text. */
export const pageText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([seed, mutations]) => mutations.reduce((text, mutate) => mutate(text), seed)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `---\n${s}\n---\n`) },
);

/** A copy of the example site, and the pages a fuzzed text is put in place of (restored after each case). */
export class FuzzSite {
  readonly workspace: SiteWorkspace;
  readonly targets: string[];

  constructor() {
    this.workspace = SiteWorkspace.open(copyExampleSite());
    this.targets = ['research.md', 'research/air-quality.md', 'impact.md', 'new-page.md'];
  }

  /** Puts `text` at `relPath`, checks every file the change affects, then puts the page back. */
  check(relPath: string, text: string): Map<string, Diagnostic[]> {
    const original = this.workspace.site.pages.get(relPath)?.text;
    try {
      const changed = this.workspace.updateFile(relPath, text);
      return new Map([...changed].map((file) => [file, this.workspace.diagnosticsFor(file)]));
    } finally {
      if (original === undefined) this.workspace.deleteFile(relPath);
      else this.workspace.updateFile(relPath, original);
    }
  }

  textOf(relPath: string, fuzzed: string): string {
    return relPath === '_config.yml' ? this.workspace.site.config.text ?? '' : this.workspace.site.pages.get(relPath)?.text ?? fuzzed;
  }
}

/** Problems with a diagnostic's placement in its document: empty when every range is inside it. */
export function misplaced(diagnostic: Diagnostic, text: string): string[] {
  const lines = new LineIndex(text);
  const problems: string[] = [];
  const ranges = [diagnostic.range, ...diagnostic.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))];
  for (const range of ranges) {
    for (const position of [range.start, range.end]) {
      if (position.line < 0 || position.line >= lines.lineCount) problems.push(`line ${position.line} of ${lines.lineCount}`);
      else if (position.character < 0 || position.character > lines.lineText(position.line).length) {
        problems.push(`character ${position.character} past line ${position.line}'s ${lines.lineText(position.line).length}`);
      }
    }
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
      problems.push('range ends before it starts');
    }
  }
  return problems;
}

/** Keeps a shrunk failing case as a regression file, when `npm run fuzz` asks for it. */
export function keepRegression(name: string, text: string): void {
  if (process.env.FUZZ_SAVE !== '1') return;
  const file = path.resolve(__dirname, '../../../test/fuzz/regressions', `${name}-${Date.now()}.txt`);
  fs.writeFileSync(file, text);
  console.log(`kept the failing case as ${file}`);
}

/** The kept regression cases, each a page text. */
export function regressionCases(): { name: string; text: string }[] {
  const dir = path.resolve(__dirname, '../../../test/fuzz/regressions');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((file) => file.endsWith('.txt')).sort()
    .map((file) => ({ name: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}
