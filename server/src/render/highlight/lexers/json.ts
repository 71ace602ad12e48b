/** Rouge's `JSON` lexer (`lexers/json.rb`): keys as labels, strings, numbers and constants. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Keyword, Name, Num, Punctuation, Str, Text } from '../tokens';

export const json = new RegexLexer({
  tag: 'json',
  states: () => ({
    whitespace: [rule(/\s+/, Text.Whitespace)],
    root: [
      mixin('whitespace'),
      rule(/\{/, Punctuation, 'object'),
      rule(/\[/, Punctuation, 'array'),
      mixin('name'),
      mixin('value'),
      // Stray closing brackets: lexing is not validating.
      rule(/[\]}]/, Punctuation),
    ],
    object: [mixin('whitespace'), mixin('name'), mixin('value'), rule(/\}/, Punctuation, 'pop!'), rule(/,/, Punctuation)],
    name: [rule(/("(?:\\.|[^"\\\n])*?")(\s*)(:)/, (l: Lexing<undefined>) => l.groups(Name.Label, Text.Whitespace, Punctuation))],
    value: [
      mixin('whitespace'),
      mixin('constants'),
      rule(/"/, Str.Double, 'string'),
      rule(/\[/, Punctuation, 'array'),
      rule(/\{/, Punctuation, 'object'),
    ],
    string: [rule(/[^\\"]+/, Str.Double), rule(/\\./, Str.Escape), rule(/"/, Str.Double, 'pop!')],
    array: [mixin('value'), rule(/\]/, Punctuation, 'pop!'), rule(/,/, Punctuation)],
    constants: [
      rule(/(?:true|false|null)/, Keyword.Constant),
      rule(/-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?/i, Num.Float),
      rule(/-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?/i, Num.Integer),
    ],
  }),
});
