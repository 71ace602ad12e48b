import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { tokenizePlainScalar } from '../../../server/src/frontmatter/psych';

/** What Psych 4 (Jekyll 4.3 on Debian) makes of each plain scalar, checked against Ruby once by hand. */
const EXPECTED: [string, string, unknown][] = [
  ['5.10', 'float', 5.1],
  ['2.3.1', 'string', '2.3.1'],
  ['"8.1"', 'string', '"8.1"'],
  ['yes', 'bool', true],
  ['YeS', 'bool', true],
  ['Off', 'bool', false],
  ['y', 'string', 'y'],
  ['n', 'string', 'n'],
  ['010', 'int', 8],
  ['012345678', 'string', '012345678'],
  ['0x1F', 'int', 31],
  ['0b101', 'int', 5],
  ['1_000', 'int', 1000],
  ['1,000', 'int', 1000],
  ['+12', 'int', 12],
  ['1:30', 'int', 5400],
  ['1e3', 'string', '1e3'],
  ['1.5e3', 'string', '1.5e3'],
  ['1.5E+3', 'float', 1500],
  ['.5', 'float', 0.5],
  ['1.0', 'float', 1],
  ['-.inf', 'float', -Infinity],
  ['~', 'null', null],
  ['null', 'null', null],
  ['Null', 'null', null],
  ['0o17', 'string', '0o17'],
  ['Results', 'string', 'Results'],
  ['section-home', 'string', 'section-home'],
  ['hub/ppi', 'string', 'hub/ppi'],
];

test('plain scalars mean what Psych makes of them', () => {
  for (const [source, kind, value] of EXPECTED) {
    const scalar = tokenizePlainScalar(source);
    assert.equal(scalar.kind, kind, `${source} should be ${kind}`);
    assert.deepEqual(scalar.value, value, `${source} should read as ${String(value)}`);
  }
});

test('unquoted dates and times become dates, impossible ones stay text', () => {
  const date = tokenizePlainScalar('2020-1-2');
  assert.equal(date.kind, 'date');
  assert.equal((date.value as Date).toISOString(), '2020-01-02T00:00:00.000Z');
  const time = tokenizePlainScalar('2020-01-02 10:00:00 +01:00');
  assert.equal(time.kind, 'time');
  assert.equal((time.value as Date).toISOString(), '2020-01-02T09:00:00.000Z');
  assert.equal(tokenizePlainScalar('2020-02-30').kind, 'string');
});

/** The oracle: Ruby's own Psych, when Ruby is on the machine (CI installs it with Debian's jekyll). */
function rubyPsych(sources: string[]): string[] | undefined {
  const script = 'require "yaml"; require "date"; STDIN.read.split("\\n").each { |s| v = YAML.safe_load("v: " + s, permitted_classes: [Date, Time])["v"]; puts v.class.to_s + " " + (v.is_a?(Float) && v.finite? ? v.to_s : v.inspect) }';
  try {
    return execFileSync('ruby', ['-e', script], { input: sources.join('\n'), encoding: 'utf8' }).trim().split('\n');
  } catch {
    return undefined;
  }
}

const RUBY_CLASS: Record<string, string> = {
  string: 'String', null: 'NilClass', int: 'Integer', float: 'Float', date: 'Date', time: 'Time',
};

test('the tokenizer agrees with Ruby\'s Psych on every sample', (t) => {
  const sources = EXPECTED.map(([source]) => source).filter((source) => !source.startsWith('"'));
  const ruby = rubyPsych(sources);
  if (!ruby) {
    t.skip('ruby is not installed: install Debian\'s jekyll package to compare with Psych itself');
    return;
  }
  sources.forEach((source, index) => {
    const scalar = tokenizePlainScalar(source);
    const rubyClass = ruby[index].split(' ')[0];
    const expected = scalar.kind === 'bool' ? (scalar.value ? 'TrueClass' : 'FalseClass') : RUBY_CLASS[scalar.kind];
    assert.equal(rubyClass, expected, `${source}: Psych says ${ruby[index]}`);
  });
});
