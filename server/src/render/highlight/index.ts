/**
 * Code coloured as Jekyll colours it with Rouge: the lexer a language name asks for (Rouge's
 * `Lexer.find`: exact tags and aliases, `lang?options` as `lang`), and Rouge's HTML formatters.
 */
import { Lexer, Token, lex } from './lexer';
import { Text } from './tokens';
import { plaintext } from './lexers/plaintext';
import { nginx } from './lexers/nginx';
import { sass } from './lexers/sass';
import { diff } from './lexers/diff';
import { json } from './lexers/json';
import { scss } from './lexers/scss';
import { markdownLexer } from './lexers/markdown';
import { html } from './lexers/html';
import { css } from './lexers/css';
import { javascript } from './lexers/javascript';
import { ruby } from './lexers/ruby';
import { shellSession } from './lexers/console';
import { shell } from './lexers/shell';
import { liquid } from './lexers/liquid';
import { yaml } from './lexers/yaml';

/** Every lexer the preview has; a name Rouge knows but this list lacks is written as plain text. */
const LEXERS: Lexer[] = [plaintext, yaml, liquid, shell, shellSession, ruby, javascript, css, html, markdownLexer(findLexer), scss, json, diff, sass, nginx];

let registry: Map<string, Lexer> | undefined;

/** The lexer Rouge finds for a code block's language, or undefined when Rouge has none by that name. */
export function findLexer(language: string): Lexer | undefined {
  registry ??= new Map(LEXERS.flatMap((lexer) => lexer.names.map((name) => [name, lexer] as const)));
  return registry.get(language.split('?')[0]);
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
