/** Rouge's `Nginx` lexer (`lexers/nginx.rb`): directives, blocks and their values. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Punctuation, Str, Text } from '../tokens';

type Nginx = Lexing<undefined>;

const ID = String.raw`[^\s$;{}()#]+`;

export const nginx = new RegexLexer({
  tag: 'nginx',
  states: () => ({
    root: [
      rule(/(include)(\s+)([^\s;]+)/, (l: Nginx) => l.groups(Keyword, Text, Name)),
      rule(new RegExp(ID), Keyword, 'statement'),
      mixin('base'),
    ],
    block: [rule(/\}/, Punctuation, 'pop!'), rule(new RegExp(ID), Keyword.Namespace, 'statement'), mixin('base')],
    statement: [
      rule(/\{/, (l: Nginx) => { l.token(Punctuation); l.pop(); l.push('block'); }),
      rule(/;/, Punctuation, 'pop!'),
      mixin('base'),
    ],
    base: [
      rule(/\s+/, Text),
      rule(/#.*/, Comment.Single),
      rule(/(?:on|off)\b/, Name.Constant),
      rule(/[$][\w-]+/, Name.Variable),
      rule(/([a-z0-9.-]+)(:)([0-9]+)/i, (l: Nginx) => l.groups(Name.Function, Punctuation, Num.Integer)),
      rule(/[a-z-]+\/[a-z-]+/i, Name.Class),
      rule(/[0-9]+[kmg]?\b/i, Num.Integer),
      rule(/(~)(\s*)([^\s{]+)/, (l: Nginx) => l.groups(Punctuation, Text, Str.Regex)),
      rule(/[:=~]/, Punctuation),
      rule(new RegExp(`/(?:${ID})?`), Name),
      // Anything else.
      rule(/[^#\s;{}$\\]+/, Str),
      rule(/[$;]/, Text),
    ],
  }),
});
