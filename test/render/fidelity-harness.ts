/**
 * The fidelity harness: builds a site with Debian's Jekyll (the oracle), renders every page with
 * `renderPage`, and compares the two `<body>`s by words and by the sequence of tags.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { colours } from '../../server/src/render/highlight';
import { renderPage } from '../../server/src/render/page';
import { outputExtOf } from '../../server/src/site/documents';
import { Site } from '../../server/src/site/site';
import { codeBlocksOf, similarity, tagsOf, textOf, withoutBlankLines } from './html';

export const jekyllMissing: string | false = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0
  ? false : 'jekyll is not on the PATH (CI installs Debian\'s jekyll)';

export interface PageFidelity {
  relPath: string;
  url: string;
  /** Where Jekyll writes it, relative to the destination. */
  file: string;
  words: number;
  tags: number;
  /** Jekyll's coloured code blocks on the page in a language the preview colours, and how many of them the preview does not write alike. */
  codeBlocks: number;
  codeBlocksDiffering: number;
  /** The whole file, head included, is Jekyll's but for blank lines and indentation. */
  whole: boolean;
  /** Why the page could not be compared (Jekyll wrote nothing at its URL), if so. */
  missing?: string;
}

/** Builds `source` into `destination` with Jekyll, offline, writing nothing into `source`. */
export function jekyllBuild(source: string, destination: string, extraConfig?: string): Promise<void> {
  const configs = [path.join(source, '_config.yml'), ...(extraConfig ? [extraConfig] : [])].join(',');
  return new Promise((resolve, reject) => {
    const child = spawn('jekyll', ['build', '-s', source, '-d', destination, '--config', configs, '--disable-disk-cache', '--quiet'], {
      cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`jekyll build ${source} failed (${code}):\n${stderr}`))));
  });
}

/** The file Jekyll writes a URL to (`Page#destination`): `index.html` in a folder, else the output extension added when missing. */
export function outputFile(destination: string, url: string, outputExt = ''): string {
  const decoded = decodeURIComponent(url);
  if (decoded.endsWith('/')) return path.join(destination, decoded, 'index.html');
  return path.join(destination, decoded.endsWith(outputExt) ? decoded : `${decoded}${outputExt}`);
}

/** The extensions of the HTML Jekyll writes (`Document#write?` aside, what a preview shows as a page). */
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);

/** A generous limit for one page: the preview's own is for an author waiting, not for a loaded test machine. */
const RENDER_LIMIT_MS = 120_000;

/** Compares every HTML page and document the site model says Jekyll writes with what Jekyll wrote to `destination`. */
export async function comparePages(root: string, destination: string): Promise<PageFidelity[]> {
  const site = Site.load(root);
  const rows: PageFidelity[] = [];
  const outputExt = (relPath: string): string => outputExtOf(path.posix.extname(relPath), site.config);
  const pages = [...site.pages.values()]
    .filter((page) => page.output && HTML_EXTENSIONS.has(outputExt(page.relPath)))
    .sort((a, b) => a.relPath.localeCompare(b.relPath));
  for (const page of pages) {
    const file = outputFile(destination, page.url, outputExt(page.relPath));
    if (!fs.existsSync(file)) {
      rows.push({ relPath: page.relPath, url: page.url, file: path.relative(destination, file), words: 0, tags: 0, codeBlocks: 0, codeBlocksDiffering: 0, whole: false, missing: `Jekyll wrote nothing at ${page.url}` });
      continue;
    }
    const jekyllFile = fs.readFileSync(file, 'utf8');
    const previewFile = (await renderPage(site, page.relPath, { stylesheets: false, timeLimitMs: RENDER_LIMIT_MS })).html;
    const [expected, actual] = [bodyOf(jekyllFile), bodyOf(previewFile)];
    const coloured = (html: string): string[] => codeBlocksOf(html).filter((block) => colours(block.language)).map((block) => block.code);
    const [expectedCode, actualCode] = [coloured(expected), coloured(actual)];
    rows.push({
      relPath: page.relPath,
      url: page.url,
      file: path.relative(destination, file),
      words: similarity(textOf(expected).split(' '), textOf(actual).split(' ')),
      tags: similarity(tagsOf(expected), tagsOf(actual)),
      codeBlocks: expectedCode.length,
      codeBlocksDiffering: missingFrom(actualCode, expectedCode).length,
      whole: withoutBlankLines(previewFile) === withoutBlankLines(jekyllFile),
    });
  }
  return rows;
}

/**
 * The HTML files Jekyll wrote that no compared page accounts for, apart from the redirect pages
 * jekyll-redirect-from makes for `redirect_from` (not pages of the site an author previews).
 */
export function uncomparedOutputs(destination: string, rows: PageFidelity[]): string[] {
  const compared = new Set(rows.map((row) => row.file));
  return fs.readdirSync(destination, { recursive: true, encoding: 'utf8' })
    .filter((file) => HTML_EXTENSIONS.has(path.extname(file)) && !compared.has(file))
    .filter((file) => !/<meta http-equiv="refresh"/.test(fs.readFileSync(path.join(destination, file), 'utf8')))
    .sort();
}

/** The items of `expected` that `actual` lacks, counting repeats (other blocks of the page may come out otherwise and shift the rest). */
function missingFrom(actual: string[], expected: string[]): string[] {
  const left = new Map<string, number>();
  for (const item of actual) left.set(item, (left.get(item) ?? 0) + 1);
  return expected.filter((item) => {
    const count = left.get(item) ?? 0;
    left.set(item, count - 1);
    return count <= 0;
  });
}

/** The inside of `<body>`, or the whole text when there is none. */
export function bodyOf(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  if (!open) return html;
  const close = html.lastIndexOf('</body>');
  return html.slice(open.index + open[0].length, close > open.index ? close : undefined);
}

/** The middle value (the lower of the two middle ones), 1 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 1 : sorted[Math.floor((sorted.length - 1) / 2)];
}

/** A summary for the log: count, lowest and median of each measure, and the worst pages. */
export function report(name: string, rows: PageFidelity[], worst = 8): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
  const words = rows.map((row) => row.words);
  const tags = rows.map((row) => row.tags);
  const codeBlocks = rows.reduce((sum, row) => sum + row.codeBlocks, 0);
  const codeBlocksDiffering = rows.reduce((sum, row) => sum + row.codeBlocksDiffering, 0);
  const lines = [
    `${name}: ${rows.length} pages; words lowest ${percent(Math.min(1, ...words))}, median ${percent(median(words))}; `
      + `tags lowest ${percent(Math.min(1, ...tags))}, median ${percent(median(tags))}; `
      + `${codeBlocks - codeBlocksDiffering} of ${codeBlocks} coloured code blocks identical; `
      + `${rows.filter((row) => row.whole).length} whole pages as Jekyll's but for blank lines and indentation`,
  ];
  for (const row of [...rows].sort((a, b) => a.words + a.tags - b.words - b.tags).slice(0, worst)) {
    const code = row.codeBlocksDiffering > 0 ? `  ${row.codeBlocksDiffering} of ${row.codeBlocks} code blocks differ` : '';
    lines.push(`  ${row.relPath.padEnd(60)} words ${percent(row.words).padStart(7)}  tags ${percent(row.tags).padStart(7)}${code}${row.missing ? `  (${row.missing})` : ''}`);
  }
  return lines.join('\n');
}

/** A fresh temporary folder; the caller removes it. */
export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jekyll-author-${prefix}-`));
}
