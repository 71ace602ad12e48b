/** Rouge's `Scss` lexer (`lexers/scss.rb` with the states of `sass/common.rb`): rules, declarations, variables, mixins. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Keyword, Punctuation, Text } from '../tokens';
import { sassCommonStates } from './sass-common';

type Scss = Lexing<undefined>;

export const scss = new RegexLexer({
  tag: 'scss',
  states: () => ({
    root: [
      rule(/\s+/, Text),
      rule(/\/\/.*?$/, Comment.Single),
      rule(/\/[*].*?[*]\//s, Comment.Multiline),
      rule(/@import\b/, Keyword, 'value'),
      mixin('content_common'),
      rule(/(?=[^;{}][;}])/, (l: Scss) => l.push('attribute')),
      rule(/(?=[^;{}:[]+:[^a-z])/, (l: Scss) => l.push('attribute')),
      rule(/(?:)/, (l: Scss) => l.push('selector')),
    ],
    end_section: [
      rule(/\n/, Text),
      rule(/[;{}]/, (l: Scss) => { l.token(Punctuation); l.resetStack(); }),
    ],
    ...sassCommonStates(),
  }),
});
