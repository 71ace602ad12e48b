/** Rouge's `Markdown` lexer (`lexers/markdown.rb`): headings, lists, emphasis, links; fenced code lexed in its own language. */
import { Lexer, Lexing, RegexLexer, Run, mixin, rule } from '../lexer';
import { Generic, Name, Punctuation, Str, Text } from '../tokens';
import { html } from './html';
import { yaml } from './yaml';

interface Embedded {
  html: Run;
}

type Markdown = Lexing<Embedded>;

/** An escaped character or any other but a backslash and a line break (Rouge's `edot`). */
const EDOT = String.raw`(?:\\.|[^\\\n])`;

/** A fence in a language Rouge does not know: Rouge lexes its text as one backtick string. */
const UNKNOWN_LANGUAGE: Lexer = {
  tag: 'plaintext',
  names: [],
  begin: () => ({ continueLex: (text, emit) => { if (text) emit(Str.Backtick, text); } }),
};

/** The Markdown lexer, finding the lexer of a fence's language with `findLexer` (Rouge's `Lexer.find_fancy`). */
export const markdownLexer = (findLexer: (language: string) => Lexer | undefined): RegexLexer<Embedded> => new RegexLexer<Embedded>({
  tag: 'markdown',
  aliases: ['md', 'mkd'],
  memory: () => ({ html: html.begin() }),
  states: () => ({
    root: [
      // YAML front matter. Like Rouge's `\A`, this matches wherever the lex stands, not only at the start.
      rule(/(?<![\s\S])(---\s*\n.*?\n?)^(---\s*$\n?)/s, (l: Markdown) => l.delegate(yaml)),
      rule(/\\./, Str.Escape),
      rule(/^[\S ]+\n(?:---*)\n/, Generic.Heading),
      rule(/^[\S ]+\n(?:===*)\n/, Generic.Subheading),
      rule(/^#(?=[^#]).*?$/, Generic.Heading),
      rule(/^##*.*?$/, Generic.Subheading),
      rule(/^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?/s, (l: Markdown, m) => {
        const name = m[3].trim();
        // Rouge guesses the language of an unnamed fence from its text; here it is plain text.
        const code = findLexer(name === '' ? 'plaintext' : name) ?? UNKNOWN_LANGUAGE;
        const run = code.begin();
        l.token(Text, m[1]);
        l.token(Punctuation, m[2]);
        l.token(Name.Label, m[3]);
        if (m[5] !== undefined) l.delegate(run, m[5]);
        l.token(Text, m[6]);
        if (m[7] !== undefined) {
          l.token(Punctuation, m[7]);
          return;
        }
        l.push([
          rule(new RegExp(`^([ \\t]*)(${m[2]})`), (inner: Markdown, mb) => {
            inner.pop();
            inner.token(Text, mb[1]);
            inner.token(Punctuation, mb[2]);
          }),
          rule(/^.*\n/, (inner: Markdown) => inner.delegate(run)),
        ]);
      }),
      rule(/\n\n((    |\t).*?\n|\n)+/, Str.Backtick),
      rule(new RegExp(`(\`+)(?:${EDOT}|\\n)+?\\1`), Str.Backtick),
      // Rules, then lists, then emphasis: the uses of `*` in order of precedence.
      rule(/^(\s*[*]){3,}\s*$/, Punctuation),
      rule(/^(\s*[-]){3,}\s*$/, Punctuation),
      rule(/^\s*[*+-](?=\s)/, Punctuation),
      rule(/^\s*\d+\./, Punctuation),
      rule(/^\s*>.*?$/, Generic.Traceback),
      // A link reference: `[foo]: bar "baz"`.
      rule(new RegExp(`^(\\s*)(\\[)(${EDOT}+?)(\\])(\\s*)(:)`), (l: Markdown) => {
        l.groups(Text, Punctuation, Str.Symbol, Punctuation, Text, Punctuation);
        l.push('title');
        l.push('url');
      }),
      rule(new RegExp(`(!?\\[)(${EDOT}*?|[^\\]]*?)(\\])(?=[\\[(])`), (l: Markdown) => {
        l.groups(Punctuation, Name.Variable, Punctuation);
        l.push('link');
      }),
      rule(new RegExp(`[*][*]${EDOT}*?[*][*]`), Generic.Strong),
      rule(new RegExp(`__${EDOT}*?__`), Generic.Strong),
      rule(new RegExp(`[*]${EDOT}*?[*]`), Generic.Emph),
      rule(new RegExp(`_${EDOT}*?_`), Generic.Emph),
      rule(/<.*?@.+[.].+>/, Name.Variable),
      rule(new RegExp(`<(https?|mailto|ftp)://${EDOT}*?>`), Name.Variable),
      rule(/[^\\`[*\n&<]+/, Text),
      rule(/&\S*;/, (l: Markdown) => l.delegate(l.memory.html)),
      rule(new RegExp(`<${EDOT}*?>`), (l: Markdown) => l.delegate(l.memory.html)),
      rule(/[&<]/, Text),
      // An opening bracket that is not a link.
      rule(/\[/, Text),
      rule(/\n/, Text),
    ],
    link: [
      rule(new RegExp(`(\\[)(${EDOT}*?)(\\])`), (l: Markdown) => { l.groups(Punctuation, Str.Symbol, Punctuation); l.pop(); }),
      rule(/[(]/, (l: Markdown) => { l.token(Punctuation); l.push('inline_title'); l.push('inline_url'); }),
      rule(/[ \t]+/, Text),
      rule(/(?:)/, (l: Markdown) => l.pop()),
    ],
    url: [
      rule(/[ \t]+/, Text),
      rule(new RegExp(`(<)(${EDOT}*?)(>)`), (l: Markdown) => { l.groups(Name.Tag, Str.Other, Name.Tag); l.pop(); }),
      rule(/\S+/, Str.Other, 'pop!'),
    ],
    title: [
      rule(new RegExp(`"${EDOT}*?"`), Name.Namespace),
      rule(new RegExp(`'${EDOT}*?'`), Name.Namespace),
      rule(new RegExp(`[(]${EDOT}*?[)]`), Name.Namespace),
      rule(/\s*(?=["'()])/, Text),
      rule(/(?:)/, (l: Markdown) => l.pop()),
    ],
    inline_title: [rule(/[)]/, Punctuation, 'pop!'), mixin('title')],
    inline_url: [rule(/[^<\s)]+/, Str.Other, 'pop!'), rule(/\s+/, Text), mixin('url')],
  }),
});
