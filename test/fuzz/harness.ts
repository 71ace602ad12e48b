import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/frontmatter/text';
import { NotAPageError, renderPageSync, type RenderedPage } from '../../server/src/render/page';
import type { Diagnostic } from '../../server/src/rules/rule';
import { SiteWorkspace } from '../../server/src/service/workspace';
import { CORPUS } from '../helpers/corpus';
import { copyExampleSite, EXAMPLE_SITE } from '../helpers/site';

/** How many cases each property tries: modest in `npm test`, 100 000 in `npm run fuzz`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** A document that takes longer than this is a hang, not slow work (speed goals live in `npm run bench`). */
export const HANG_MS = 10_000;

/** The site-relative paths of the files below `root` whose names end in `extension`, at most `limit` of them. */
function filesBelow(root: string, extension: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (found.length >= limit) return;
      const relPath = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'assets') walk(relPath);
      else if (entry.name.endsWith(extension)) found.push(relPath);
    }
  };
  if (fs.existsSync(root)) walk('');
  return found;
}

const textsBelow = (root: string, limit: number) => filesBelow(root, '.md', limit).map((relPath) => fs.readFileSync(path.join(root, relPath), 'utf8'));

/** Real pages to start from: the example site's, and the corpus's when it is there. */
export const SEEDS = [...textsBelow(EXAMPLE_SITE, 200), ...textsBelow(CORPUS, 200)];

/** The example site's layouts and includes, as seeds for mutating templates. */
export const TEMPLATES = ['_layouts', '_includes'].flatMap((folder) =>
  filesBelow(path.join(EXAMPLE_SITE, folder), '.html', 100).map((relPath) => `${folder}/${relPath}`));

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

/** `seed` with one to six mutations. */
export function mutated(seed: string): fc.Arbitrary<string> {
  return fc.array(mutation, { minLength: 1, maxLength: 6 }).map((mutations) => mutations.reduce((text, mutate) => mutate(text), seed));
}

/** A real page with a few mutations, or random text. */
export const pageText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SEEDS).chain(mutated) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `---\n${s}\n---\n`) },
);

/** Front matter and pages that are huge, wide, deep or self-multiplying, by what they are. */
export function hugeInputs(): Record<string, string> {
  const bomb = ['---', 'a: &a [x,x,x,x,x,x,x,x,x,x]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
    bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  return {
    'a 10 MB page': `---\ntitle: Big\n---\n${'A paragraph of text. '.repeat(500_000)}`,
    '10 000 keys': `---\n${Array.from({ length: 10_000 }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n`,
    'nesting 50 000 deep': `---\ntitle: [${'['.repeat(50_000)}${']'.repeat(50_000)}]\n---\n`,
    'block nesting 5 000 deep': `---\n${Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n---\n`,
    'an alias bomb': `${bomb.join('\n')}\n---\n`,
    'only NUL bytes': '\0'.repeat(10_000),
  };
}

/** A copy of the example site, and the pages a fuzzed text is put in place of (restored after each case). */
export class FuzzSite {
  readonly workspace: SiteWorkspace;
  readonly targets: string[];

  constructor() {
    this.workspace = SiteWorkspace.open(copyExampleSite());
    // Markdown pages, and an HTML page (Liquid only, no Markdown).
    this.targets = ['research.md', 'research/air-quality.md', 'impact.md', 'new-page.md', 'new-page.html'];
  }

  /** Puts `text` at `relPath` (an editor's buffer), runs `use` with the files the change affects, then puts the page back. */
  private withPage<T>(relPath: string, text: string, use: (changed: Set<string>) => T): T {
    const original = this.workspace.site.pages.get(relPath)?.text;
    try {
      return use(this.workspace.updateFile(relPath, text));
    } finally {
      if (original === undefined) this.workspace.deleteFile(relPath);
      else this.workspace.updateFile(relPath, original);
    }
  }

  /** Checks every file that `text` at `relPath` affects. */
  check(relPath: string, text: string): Map<string, Diagnostic[]> {
    return this.withPage(relPath, text, (changed) => new Map([...changed].map((file) => [file, this.workspace.diagnosticsFor(file)])));
  }

  /** Renders `text` at `relPath` as the preview does; undefined when the text is no page (no front matter). */
  render(relPath: string, text: string): RenderedPage | undefined {
    return this.withPage(relPath, text, () => renderOrNotAPage(this.workspace, relPath));
  }

  /**
   * Puts `text` in the layout or include at `relPath`, on disk (the renderer reads includes from
   * there) and in the model, runs `use`, then puts the original back.
   */
  withTemplate<T>(relPath: string, text: string, use: () => T): T {
    const file = this.workspace.absolutePath(relPath);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text);
    this.workspace.site.setFile(relPath);
    try {
      return use();
    } finally {
      fs.writeFileSync(file, original);
      this.workspace.site.setFile(relPath);
    }
  }

  /** A page the template is rendered in: one whose layout chain holds it, or, for an include, one of the `default` layout (which includes the rest). */
  pageShowing(template: string): string {
    const layout = template.startsWith('_layouts/') ? path.posix.basename(template, '.html') : 'default';
    const page = [...this.workspace.site.pages.values()].find((each) => this.workspace.site.layoutChain(each.layout).some((l) => l.name === layout));
    if (!page) throw new Error(`no page of the example site shows ${template}`);
    return page.relPath;
  }

  textOf(relPath: string, fuzzed: string): string {
    return relPath === '_config.yml' ? this.workspace.site.config.text ?? '' : this.workspace.site.pages.get(relPath)?.text ?? fuzzed;
  }
}

/** The page rendered from the site as it is now; undefined when `relPath` is not a page. */
export function renderOrNotAPage(workspace: SiteWorkspace, relPath: string): RenderedPage | undefined {
  try {
    return renderPageSync(workspace.site, relPath, { sourceLines: true });
  } catch (error) {
    if (error instanceof NotAPageError) return undefined;
    throw error;
  }
}

/** How an error of our own code, not of the author's text, reads when liquidjs or a filter passes it on as a problem. */
const INTERNAL_ERROR = /TypeError|RangeError|ReferenceError|is not a function|Cannot read propert|undefined is not|is not iterable|Maximum call stack/;

/** What is wrong with a render's problems ('' when nothing): one in `file` on a line `text` does not have, or an internal error. */
export function renderFaults(rendered: RenderedPage, file: string, text: string): string {
  const lineCount = new LineIndex(text).lineCount;
  for (const problem of rendered.problems) {
    if (INTERNAL_ERROR.test(problem.message)) return `an internal error shown as a problem: ${problem.message}`;
    if (problem.file === file && problem.line !== undefined && !(problem.line >= 0 && problem.line < lineCount)) {
      return `a problem on line ${problem.line} of ${file}'s ${lineCount}: ${problem.message}`;
    }
  }
  return typeof rendered.html === 'string' ? '' : 'no HTML';
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

/**
 * Checks `property` on `RUNS` cases. A failing case is shrunk, and under `FUZZ_SAVE=1` (`npm run fuzz`)
 * its text (`textOf` picks it from the case) is kept as a regression file that `regressionCases(name)` replays.
 */
export function fuzz<Ts>(name: string, property: fc.IProperty<Ts>, textOf: (values: Ts) => string): void {
  const details = fc.check(property, { numRuns: RUNS });
  if (!details.failed) return;
  if (details.counterexample) keepRegression(name, textOf(details.counterexample));
  throw new Error(`${fc.defaultReportMessage(details)}\n${(details.errorInstance as Error | undefined)?.message ?? ''}`);
}

function keepRegression(name: string, text: string): void {
  if (process.env.FUZZ_SAVE !== '1') return;
  const file = path.resolve(__dirname, '../../../test/fuzz/regressions', `${name}-${Date.now()}.txt`);
  fs.writeFileSync(file, text);
  console.log(`kept the failing case as ${file}`);
}

/** The kept regression cases of one property (the `name` given to `keepRegression`), each a text. */
export function regressionCases(name: string): { name: string; text: string }[] {
  const dir = path.resolve(__dirname, '../../../test/fuzz/regressions');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.txt')).sort()
    .map((file) => ({ name: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}
