/** Rouge's `Apache` lexer (`lexers/apache.rb`): sections, directives and their values, coloured when Apache knows the word. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Name, Punctuation, Str, Text, TokenType } from '../tokens';
import { DIRECTIVES, SECTIONS, VALUES } from './apache-words';

type Apache = Lexing<undefined>;

/** Rouge's `name_for_token`: a word Apache knows (any of its lists) keeps its colour; any other is plain text. */
function known(word: string, type: TokenType): TokenType {
  const lower = word.toLowerCase();
  return SECTIONS.has(lower) || DIRECTIVES.has(lower) || VALUES.has(lower) ? type : Text;
}

export const apache = new RegexLexer({
  tag: 'apache',
  states: () => ({
    whitespace: [rule(/#.*/, Comment), rule(/\s+/, Text)],
    root: [
      mixin('whitespace'),
      rule(/(<\/?)(\w+)/, (l: Apache, m) => {
        l.groups(Punctuation, known(m[2], Name.Label));
        l.push('section');
      }),
      rule(/\w+/, (l: Apache, m) => {
        l.token(known(m[0], Name.Class));
        l.push('directive');
      }),
    ],
    section: [
      rule(/([^>]+)?(>(?:\r\n?|\n)?)/, (l: Apache) => {
        l.groups(Str.Regex, Punctuation);
        l.pop();
      }),
      mixin('whitespace'),
    ],
    directive: [
      rule(/\r\n?|\n/, Text, 'pop!'),
      mixin('whitespace'),
      rule(/\S+/, (l: Apache, m) => l.token(known(m[0], Str.Symbol))),
    ],
  }),
});
