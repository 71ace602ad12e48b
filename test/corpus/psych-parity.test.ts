import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { firstRubySymbol, parseFrontMatter } from '../../server/src/frontmatter/parse';
import { CORPUS, SITES_ROOT } from '../helpers/corpus';

/**
 * Ruby's Psych, as Jekyll 4.3 calls it (`Utils.safe_load_yaml`) on the block its
 * `YAML_FRONT_MATTER_REGEXP` finds, prints each file's front matter as JSON: dates and times as
 * `{"$time": ISO}`, infinities and NaN as `{"$float": text}`, a syntax error as `{"error": …}`.
 */
const ORACLE = String.raw`
require "yaml"; require "date"; require "json"
RE = %r!\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)!m
def enc(v)
  case v
  when Hash then v.map { |k, x| [k.to_s, enc(x)] }.to_h
  when Array then v.map { |x| enc(x) }
  when Time then { "$time" => v.utc.strftime("%Y-%m-%dT%H:%M:%S.%LZ") }
  when Date then { "$time" => v.strftime("%Y-%m-%dT00:00:00.000Z") }
  when Float then v.finite? ? v : { "$float" => v.to_s }
  else v
  end
end
out = {}
STDIN.read.split("\n").each do |f|
  text = File.read(f, encoding: "bom|utf-8")
  if text =~ RE
    begin
      out[f] = { "data" => enc(Psych.safe_load(Regexp.last_match(1), permitted_classes: [Date, Time], aliases: true) || {}) }
    rescue Psych::SyntaxError, Psych::DisallowedClass => e
      out[f] = { "error" => e.message }
    end
  else
    out[f] = { "data" => {} }
  end
end
puts JSON.generate(out)
`;

type Reading = { data: unknown } | { error: string };

function encode(value: unknown): unknown {
  if (value instanceof Date) return { $time: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  return value;
}

/** Our reading of a file's front matter, in the oracle's form. */
function ours(text: string): Reading {
  const parsed = parseFrontMatter(text);
  if (!parsed.block.present || !parsed.block.closed) return { data: {} }; // Jekyll finds no front matter either
  if (parsed.problems.length > 0) return { error: parsed.problems.map((problem) => problem.message).join('; ') };
  // Jekyll 4 refuses Ruby symbols (yaml-syntax says so on sites not built by GitHub Pages' Jekyll 3).
  if (firstRubySymbol(parsed)) return { error: 'Tried to load unspecified class: Symbol' };
  return { data: encode(parsed.data) };
}

/** Every file of a folder whose first line is `---`: what Jekyll reads front matter from. */
function frontMatterFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (!['_site', '.git', 'node_modules', 'vendor'].includes(entry.name)) walk(full); continue; }
      if (entry.name === '_config.yml') continue; // read whole, not as front matter
      const head = Buffer.alloc(4);
      const fd = fs.openSync(full, 'r');
      const read = fs.readSync(fd, head, 0, 4, 0);
      fs.closeSync(fd);
      if (/^(\uFEFF)?---/.test(head.subarray(0, read).toString('utf8'))) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/** Front matters that real sites write and YAML libraries read differently from Psych. */
const SAMPLES: Record<string, string> = {
  'continued-title.md': '---\ntitle: "A title that goes on\nat column 0"\n---\n',
  'symbol-permalink.md': '---\npermalink: :title\nother: :year/:month/\n---\n',
  'numbers.md': '---\na: 5.10\nb: 2.3.1\nc: 010\nd: 1:30\ne: 1e3\nf: .inf\ng: 0o17\n---\n',
  'words.md': '---\na: yes\nb: Off\nc: y\nd: ~\ne: 2020-1-2\nf: 2020-01-02 10:00:00 +01:00\ng: 2020-02-30\n---\n',
  'wrapped-resource.md': '---\nresources:\n  - title: A long\n  title that wraps\n---\n',
  'aliases.md': '---\nbase: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n---\n',
  'merge-list.md': '---\na: &a {x: 1, z: 3}\nb: &b {x: 2, w: 4}\nm:\n  x: 0\n  <<: [*a, *b]\n  y: 2\n---\n',
  'dots-end.md': '---\ntitle: T\n...\nbody\n',
};

const ruby = spawnSync('ruby', ['-e', 'require "psych"'], { encoding: 'utf8' });
const rubyMissing = ruby.status === 0 ? false : 'ruby is not installed: install Debian\'s jekyll package to compare with Psych itself';

const samplesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-author-psych-'));
after(() => fs.rmSync(samplesDir, { recursive: true, force: true }));

test('front matter reads exactly as Psych reads it: every file of every corpus, and the hard samples', { skip: rubyMissing }, () => {
  for (const [name, text] of Object.entries(SAMPLES)) fs.writeFileSync(path.join(samplesDir, name), text);
  const files = [
    ...frontMatterFiles(samplesDir),
    ...[CORPUS, SITES_ROOT].filter((root) => fs.existsSync(root)).flatMap(frontMatterFiles),
  ];
  if (!fs.existsSync(CORPUS)) console.log(`only the samples: the corpora are not beside the project (${CORPUS})`);
  const psych = JSON.parse(execFileSync('ruby', ['-e', ORACLE], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Reading>;
  const differences: string[] = [];
  for (const file of files) {
    const theirs = psych[file];
    const mine = ours(fs.readFileSync(file, 'utf8'));
    const agree = 'error' in theirs ? 'error' in mine : 'data' in mine && JSON.stringify(mine.data) === JSON.stringify(theirs.data);
    if (!agree) differences.push(`${file}\n  Psych: ${JSON.stringify(theirs).slice(0, 400)}\n  ours:  ${JSON.stringify(mine).slice(0, 400)}`);
  }
  const errors = files.filter((file) => 'error' in psych[file]).length;
  console.log(`Psych parity: ${files.length} front matters compared (${errors} that Psych refuses), ${differences.length} differences`);
  assert.deepEqual(differences, []);
});
