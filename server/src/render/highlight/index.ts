/**
 * Code coloured as Jekyll colours it with Rouge: the lexer a language name asks for (Rouge's
 * `Lexer.find`: exact tags and aliases, `lang?options` as `lang`), and Rouge's HTML formatters.
 */
import { Lexer, Token, lex } from './lexer';
import { apache } from './lexers/apache';
import { shellSession } from './lexers/console';
import { css } from './lexers/css';
import { diff } from './lexers/diff';
import { html } from './lexers/html';
import { javascript } from './lexers/javascript';
import { json } from './lexers/json';
import { liquid } from './lexers/liquid';
import { markdownLexer } from './lexers/markdown';
import { nginx } from './lexers/nginx';
import { plaintext } from './lexers/plaintext';
import { python } from './lexers/python';
import { ruby } from './lexers/ruby';
import { sass } from './lexers/sass';
import { scss } from './lexers/scss';
import { shell } from './lexers/shell';
import { yaml } from './lexers/yaml';
import { ROUGE_NAMES } from './rouge-names';
import { Text } from './tokens';

/** Every lexer the preview has. */
const LEXERS: Lexer[] = [
  plaintext, apache, ruby, python, yaml, liquid, shell, shellSession, html, css, scss, sass, javascript, json, diff, nginx, markdownLexer(findLexer),
];

let registry: Map<string, Lexer> | undefined;

function ownLexer(language: string): Lexer | undefined {
  registry ??= new Map(LEXERS.flatMap((lexer) => lexer.names.map((name) => [name, lexer] as const)));
  return registry.get(language.split('?')[0]);
}

/**
 * The lexer for a code block's language as Rouge's `Lexer.find` names them (exact tags and aliases;
 * `lang?options` is `lang`): the preview's own, plain text for a language Rouge has and the preview
 * lacks (Jekyll's markup, uncoloured), or undefined when Rouge has no lexer of that name.
 */
export function findLexer(language: string): Lexer | undefined {
  return ownLexer(language) ?? (ROUGE_NAMES.has(language.split('?')[0]) ? plaintext : undefined);
}

/** Whether the preview colours `language` as Rouge does. */
export function colours(language: string): boolean {
  return ownLexer(language) !== undefined;
}

export { plaintext };

/** Rouge's HTML formatter: each token in a span of its short class, plain text bare; `&`, `<`, `>` escaped. */
export function formatHtml(tokens: Token[]): string {
  let html = '';
  for (const [type, value] of tokens) {
    const escaped = escapeCode(value);
    html += type === Text ? escaped : `<span class="${type.shortname}">${escaped}</span>`;
  }
  return html;
}

/** `code` lexed and formatted as Rouge's HTML formatter writes it. */
export function highlight(code: string, lexer: Lexer): string {
  return formatHtml(lex(lexer, code));
}

/** Rouge's `HTMLTable` with Jekyll's classes, for `{% highlight lang linenos %}`: a gutter of line numbers beside the code. */
export function highlightWithLineNumbers(code: string, lexer: Lexer): string {
  const tokens = lex(lexer, code);
  let formatted = formatHtml(tokens);
  let lines = tokens.reduce((count, [, value]) => count + value.split('\n').length - 1, 0);
  if (!(tokens.length > 0 && tokens[tokens.length - 1][1].endsWith('\n'))) {
    lines += 1;
    formatted += '\n';
  }
  const numbers = Array.from({ length: lines }, (_, index) => `${index + 1}\n`).join('');
  return '<table class="rouge-table"><tbody><tr><td class="gutter gl">'
    + `<pre class="lineno">${numbers}</pre></td><td class="code"><pre>${formatted}</pre></td></tr></tbody></table>`;
}

/** Code as Rouge escapes it: `&`, `<` and `>` only. */
export function escapeCode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
