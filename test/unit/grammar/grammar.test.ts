// The injection grammars (syntaxes/), tokenized with the engine VS Code uses (vscode-textmate +
// vscode-oniguruma) and injected the way package.json registers them (contributes.grammars[].injectTo).
// The hosts: small stand-ins for VS Code's Markdown, HTML and YAML grammars with their scope names, always;
// and VS Code's own grammars from the cached code-server (npm run test:vscode installs it), when there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, IGrammar, IRawGrammar, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';

const REPO = path.resolve(__dirname, '../../../..');

interface GrammarContribution { scopeName: string; path: string; injectTo?: string[] }
const contributed: GrammarContribution[] = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).contributes.grammars;

/** Stand-ins with the real scope names and the constructs the tests go through. */
const STUB_HOSTS: Record<string, object> = {
  'text.html.markdown': {
    scopeName: 'text.html.markdown',
    patterns: [
      {
        begin: '\\A-{3}\\s*$', end: '^(-{3}|\\.{3})\\s*$', contentName: 'meta.embedded.block.frontmatter',
        patterns: [{ include: 'source.yaml' }],
      },
      { begin: '^#{1,6}\\s', end: '$', name: 'markup.heading.markdown' },
      { begin: '^```', end: '^```', name: 'markup.fenced_code.block.markdown' },
    ],
  },
  'text.html.basic': {
    scopeName: 'text.html.basic',
    patterns: [{
      begin: '(</?)([a-zA-Z][\\w-]*)', end: '>', name: 'meta.tag.html',
      beginCaptures: { 2: { name: 'entity.name.tag.html' } },
      patterns: [{ begin: '"', end: '"', name: 'string.quoted.double.html' }],
    }],
  },
  'text.html.derivative': { scopeName: 'text.html.derivative', patterns: [{ include: 'text.html.basic' }] },
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      { match: '^\\s*([\\w-]+)\\s*(:)', captures: { 1: { name: 'entity.name.tag.yaml' } } },
      { begin: '\\|$', while: '^\\s+', name: 'string.unquoted.block.yaml' },
    ],
  },
};

/** scopeName → grammar file of VS Code's built-in Markdown, HTML and YAML grammars, if code-server is cached. */
async function builtinGrammarFiles(): Promise<Map<string, string> | undefined> {
  const host = await import(pathToFileURL(path.join(REPO, 'scripts', 'vscode-host.mjs')).href) as { builtinExtensionsDir(): string };
  const files = new Map<string, string>();
  for (const extension of ['markdown-basics', 'html', 'yaml']) {
    const dir = path.join(host.builtinExtensionsDir(), extension, 'syntaxes');
    if (!fs.existsSync(dir)) return undefined;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.tmLanguage.json'))) {
      files.set(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).scopeName, path.join(dir, name));
    }
  }
  return files;
}

let onigLoaded: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  return (onigLoaded ??= oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)));
}

function registry(hostFiles: Map<string, string> | undefined): Registry {
  const rawGrammar = (scopeName: string): IRawGrammar | null => {
    const mine = contributed.find((g) => g.scopeName === scopeName);
    const file = mine ? path.join(REPO, mine.path) : hostFiles?.get(scopeName);
    if (file) return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    const stub = hostFiles ? undefined : STUB_HOSTS[scopeName];
    return stub ? parseRawGrammar(JSON.stringify(stub), `${scopeName}.json`) : null;
  };
  return new Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: async (scopeName) => rawGrammar(scopeName),
    getInjections: (scopeName) => contributed.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
}

interface Token { text: string; scopes: string[] }
type Tokenize = (text: string) => Token[][];

async function tokenizer(reg: Registry, hostScope: string): Promise<Tokenize> {
  const grammar: IGrammar | null = await reg.loadGrammar(hostScope);
  assert.ok(grammar, `grammar ${hostScope}`);
  return (text) => {
    let state: StateStack = INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

/**
 * The scopes shared by every token of `needle` (its `occurrence`-th appearance) on line `lineIndex`.
 * Fails when the needle is not on the line, so a typo in a test cannot pass silently.
 */
function scopesOf(lines: Token[][], lineIndex: number, needle: string, occurrence = 0): string[] {
  const tokens = lines[lineIndex]!;
  const line = tokens.map((t) => t.text).join('');
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = line.indexOf(needle, start + 1);
  assert.ok(start >= 0, `"${needle}" is on line ${lineIndex}: ${line}`);
  let offset = 0;
  const covering: string[][] = [];
  for (const token of tokens) {
    const end = offset + token.text.length;
    if (end > start && offset < start + needle.length) covering.push(token.scopes);
    offset = end;
  }
  return covering.reduce((shared, scopes) => shared.filter((s) => scopes.includes(s)));
}

function expectScope(lines: Token[][], lineIndex: number, needle: string, scope: string, occurrence = 0): void {
  const scopes = scopesOf(lines, lineIndex, needle, occurrence);
  assert.ok(scopes.includes(scope), `"${needle}" on line ${lineIndex} has ${scope}; it has ${scopes.join(' ')}`);
}

function expectNoScope(lines: Token[][], lineIndex: number, needle: string, scopePrefix: string): void {
  const scopes = scopesOf(lines, lineIndex, needle);
  assert.ok(!scopes.some((s) => s.startsWith(scopePrefix)), `"${needle}" on line ${lineIndex} has no ${scopePrefix}*; it has ${scopes.join(' ')}`);
}

const HOSTS = [
  { name: 'stand-in host grammars', builtin: false },
  { name: "VS Code's own Markdown, HTML and YAML grammars", builtin: true },
];

for (const host of HOSTS) {
  describe(`Liquid and front matter grammars, injected into ${host.name}`, () => {
    let markdown: Tokenize;
    let html: Tokenize;
    let htmlBasic: Tokenize;
    let skip: string | undefined;
    before(async () => {
      const files = host.builtin ? await builtinGrammarFiles() : undefined;
      if (host.builtin && !files) {
        skip = 'code-server is not in the cache yet (npm run test:vscode installs it)';
        return;
      }
      const reg = registry(files);
      markdown = await tokenizer(reg, 'text.html.markdown');
      html = await tokenizer(reg, 'text.html.derivative');
      htmlBasic = await tokenizer(reg, 'text.html.basic');
    });
    const check = (name: string, body: () => void) => it(name, (t) => (skip ? t.skip(skip) : body()));

    check('an output tag: variable, member, filter', () => {
      const lines = markdown('Hello {{ page.title | escape }}!');
      expectScope(lines, 0, '{{', 'punctuation.definition.tag.begin.liquid');
      expectScope(lines, 0, '{{', 'meta.tag.template.liquid');
      expectScope(lines, 0, 'page', 'variable.other.liquid');
      expectScope(lines, 0, '.', 'punctuation.accessor.liquid');
      expectScope(lines, 0, 'title', 'variable.other.member.liquid');
      expectScope(lines, 0, '|', 'punctuation.separator.filter.liquid');
      expectScope(lines, 0, 'escape', 'support.function.filter.liquid');
      expectScope(lines, 0, '}}', 'punctuation.definition.tag.end.liquid');
      expectNoScope(lines, 0, 'Hello', 'meta.tag.template.liquid');
      expectNoScope(lines, 0, '!', 'meta.tag.template.liquid');
    });

    check('a tag with whitespace control, operators, numbers and strings', () => {
      const lines = markdown('{%- if page.level >= 5 and page.x != "a b" or page.tags contains \'y\' -%}');
      expectScope(lines, 0, '{%', 'punctuation.definition.tag.begin.liquid');
      expectScope(lines, 0, '-', 'keyword.operator.whitespace.liquid');
      expectScope(lines, 0, 'if', 'keyword.control.liquid');
      expectScope(lines, 0, '>=', 'keyword.operator.comparison.liquid');
      expectScope(lines, 0, '5', 'constant.numeric.liquid');
      expectScope(lines, 0, 'and', 'keyword.operator.logical.liquid');
      expectScope(lines, 0, '!=', 'keyword.operator.comparison.liquid');
      expectScope(lines, 0, '"a b"', 'string.quoted.double.liquid');
      expectScope(lines, 0, 'contains', 'keyword.operator.liquid');
      expectScope(lines, 0, "'y'", 'string.quoted.single.liquid');
      expectScope(lines, 0, '%}', 'punctuation.definition.tag.end.liquid');
      expectScope(lines, 0, '-%}', 'meta.tag.template.liquid');
    });

    check('filter arguments: strings, variables, named arguments, constants', () => {
      const lines = markdown('{{- site.pages | where: "parent", page.section | sort: \'weight\' | default: nil, allow_false: true -}}');
      expectScope(lines, 0, 'where', 'support.function.filter.liquid');
      expectScope(lines, 0, ':', 'punctuation.separator.arguments.liquid');
      expectScope(lines, 0, '"parent"', 'string.quoted.double.liquid');
      expectScope(lines, 0, ',', 'punctuation.separator.comma.liquid');
      expectScope(lines, 0, 'section', 'variable.other.member.liquid');
      expectScope(lines, 0, 'sort', 'support.function.filter.liquid');
      expectScope(lines, 0, "'weight'", 'string.quoted.single.liquid');
      expectScope(lines, 0, 'nil', 'constant.language.liquid');
      expectScope(lines, 0, 'allow_false', 'variable.parameter.liquid');
      expectScope(lines, 0, 'true', 'constant.language.liquid');
      expectScope(lines, 0, '-}}', 'punctuation.definition.tag.end.liquid');
    });

    check('loops, assignments, ranges and other tags', () => {
      const lines = markdown([
        '{% for p in site.pages limit: 3 reversed %}{% endfor %}',
        '{% assign n = (1..5) %}{% capture x %}{% endcapture %}',
        '{% include footer.html title=page.title %}{% seo %}',
      ].join('\n'));
      expectScope(lines, 0, 'for', 'keyword.control.liquid');
      expectScope(lines, 0, 'in', 'keyword.operator.liquid');
      expectScope(lines, 0, 'limit', 'variable.parameter.liquid');
      expectScope(lines, 0, '3', 'constant.numeric.liquid');
      expectScope(lines, 0, 'reversed', 'keyword.other.liquid');
      expectScope(lines, 0, 'endfor', 'keyword.control.liquid');
      expectScope(lines, 1, 'assign', 'storage.type.liquid');
      expectScope(lines, 1, '=', 'keyword.operator.assignment.liquid');
      expectScope(lines, 1, '..', 'keyword.operator.range.liquid');
      expectScope(lines, 1, '5', 'constant.numeric.liquid');
      expectScope(lines, 1, 'endcapture', 'storage.type.liquid');
      expectScope(lines, 2, 'include', 'entity.name.tag.liquid');
      expectScope(lines, 2, 'footer.html', 'string.unquoted.path.liquid');
      expectScope(lines, 2, 'title', 'variable.parameter.liquid');
      expectScope(lines, 2, 'page', 'variable.other.liquid');
      expectScope(lines, 2, 'seo', 'entity.name.tag.liquid');
    });

    check('a comment block, over several lines, is a comment: no Liquid inside', () => {
      const lines = markdown('{%- comment -%}\nnot {{ rendered }}\n{% endcomment %} after {{ shown }}');
      expectScope(lines, 0, 'comment', 'comment.block.liquid');
      expectScope(lines, 1, 'rendered', 'comment.block.liquid');
      expectNoScope(lines, 1, 'rendered', 'variable');
      expectScope(lines, 2, 'endcomment', 'comment.block.liquid');
      expectNoScope(lines, 2, 'after', 'comment');
      expectScope(lines, 2, 'shown', 'variable.other.liquid');
    });

    check('a raw block: no Liquid inside', () => {
      const lines = markdown('{% raw %}{{ page.title }}{% endraw %} {{ x }}\n{%- raw -%}\n{% if y %}\n{% endraw %}');
      expectScope(lines, 0, 'raw', 'keyword.control.liquid');
      expectScope(lines, 0, 'page', 'meta.block.raw.liquid');
      expectNoScope(lines, 0, 'page', 'variable');
      expectScope(lines, 0, 'endraw', 'keyword.control.liquid');
      expectScope(lines, 0, 'x', 'variable.other.liquid');
      expectNoScope(lines, 2, 'if', 'keyword');
      expectScope(lines, 3, 'endraw', 'keyword.control.liquid');
    });

    check('Markdown: Liquid in headings and fenced code (Jekyll renders it there too), not in front matter', () => {
      const lines = markdown('---\ntitle: "{{ fm }}"\n---\n# {{ page.title }}\n\n```html\n<p>{{ code }}</p>\n```');
      expectScope(lines, 1, 'title', 'meta.embedded.block.frontmatter');
      expectNoScope(lines, 1, 'fm', 'variable');
      expectScope(lines, 3, 'page', 'variable.other.liquid');
      expectScope(lines, 3, 'page', 'markup.heading.markdown');
      expectScope(lines, 6, 'code', 'variable.other.liquid');
      expectScope(lines, 6, 'code', 'markup.fenced_code.block.markdown');
    });

    check('HTML: Liquid in text and inside attribute values', () => {
      const lines = html('<a href="{{ page.url | relative_url }}">{{ page.title }}</a>');
      expectScope(lines, 0, 'a', 'entity.name.tag.html');
      expectScope(lines, 0, 'page', 'variable.other.liquid');
      expectScope(lines, 0, 'page', 'string.quoted.double.html');
      expectScope(lines, 0, 'relative_url', 'support.function.filter.liquid');
      expectScope(lines, 0, 'title', 'variable.other.member.liquid');
    });

    for (const [name, tokenize] of [['text.html.derivative', () => html], ['text.html.basic', () => htmlBasic]] as const) {
      check(`HTML (${name}): a leading --- block is YAML front matter, closed even inside an open YAML block`, () => {
        const lines = tokenize()('---\nlayout: default\nintro: |\n  Hi {{ not_liquid }}\n---\n<h1>{{ page.title }}</h1>');
        expectScope(lines, 0, '---', 'punctuation.definition.begin.frontmatter');
        expectScope(lines, 1, 'layout', 'meta.embedded.block.frontmatter');
        expectScope(lines, 1, 'layout', 'entity.name.tag.yaml');
        expectNoScope(lines, 3, 'not_liquid', 'variable');
        expectScope(lines, 4, '---', 'punctuation.definition.end.frontmatter');
        expectNoScope(lines, 5, 'h1', 'meta.embedded.block.frontmatter');
        expectScope(lines, 5, 'h1', 'entity.name.tag.html');
        expectScope(lines, 5, 'page', 'variable.other.liquid');
      });
    }

    check('HTML: --- after the first line is not front matter', () => {
      const lines = html('<p>x</p>\n---\nkey: value\n---');
      expectNoScope(lines, 2, 'key', 'meta.embedded.block.frontmatter');
      expectNoScope(lines, 1, '---', 'punctuation.definition');
    });
  });
}
