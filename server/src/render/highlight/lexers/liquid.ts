/** Rouge's `Liquid` lexer (`lexers/liquid.rb`): tags, outputs and their filters; the text between them plain. */
import { Lexing, RegexLexer, RuleSpec, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text, TokenType } from '../tokens';

type Liquid = Lexing<undefined>;

/** The token of a value that may be quoted: a string of its quotes, or a name. */
function quotedOr(value: string | undefined, otherwise: TokenType): TokenType {
  if (value !== undefined && /'[^']*'/.test(value)) return Str.Single;
  if (value !== undefined && /"[^"]*"/.test(value)) return Str.Double;
  return otherwise;
}

/** The inside of `{% comment %}` or `{% raw %}`: text of one type up to the end tag, which returns to the root. */
function untilEndTag(endTag: string, type: TokenType): RuleSpec<undefined>[] {
  return [
    rule(/[^{]+/, type),
    rule(new RegExp(`(\\{%-?)(\\s*)(${endTag})(\\s*)(-?%\\})`), (l: Liquid) => {
      l.groups(Punctuation, Text.Whitespace, Name.Tag, Text.Whitespace, Punctuation);
      l.resetStack();
    }),
    rule(/\{/, type),
  ];
}

export const liquid = new RegexLexer({
  tag: 'liquid',
  states: () => ({
    root: [
      rule(/[^{]+/, Text),
      rule(/(\{%-?)(\s*)/, (l: Liquid) => { l.groups(Punctuation, Text.Whitespace); l.push('tag_or_block'); }),
      rule(/(\{\{-?)(\s*)/, (l: Liquid) => { l.groups(Punctuation, Text.Whitespace); l.push('output'); }),
      rule(/\{/, Text),
    ],
    tag_or_block: [
      rule(/(if|elsif|unless|case)\b/, Keyword.Reserved, 'condition'),
      rule(/(when)\b/, Keyword.Reserved, 'when'),
      rule(/(else)(\s*)(-?%\})/, (l: Liquid) => { l.groups(Keyword.Reserved, Text.Whitespace, Punctuation); l.pop(); }),
      rule(/(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})/, (l: Liquid) => {
        l.groups(Name.Tag, Text.Whitespace, Name.Variable, Text.Whitespace, Punctuation);
        l.pop();
      }),
      rule(/(comment)(\s*)(-?%\})/, (l: Liquid) => { l.groups(Name.Tag, Text.Whitespace, Punctuation); l.push('comment'); }),
      rule(/(raw)(\s*)(-?%\})/, (l: Liquid) => { l.groups(Name.Tag, Text.Whitespace, Punctuation); l.push('raw'); }),
      rule(/(end(?:if|unless|case))(\s*)(-?%\})/, (l: Liquid) => { l.groups(Keyword.Reserved, Text.Whitespace, Punctuation); l.pop(); }),
      rule(/(end(?:[^\s%]+))(\s*)(-?%\})/, (l: Liquid) => { l.groups(Name.Tag, Text.Whitespace, Punctuation); l.pop(); }),
      rule(/(assign|echo)\b/, Name.Tag, 'assign'),
      rule(/(include|render)\b/, Name.Tag, 'include'),
      rule(/(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)/, (l: Liquid, m) => {
        l.groups(Name.Tag, Text.Whitespace, quotedOr(m[3], Name.Attribute), Text.Whitespace, Punctuation, Text.Whitespace);
        l.push('variable_tag_markup');
      }),
      rule(/(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,|'"]|(?:"[^"]*"|'[^']*'))+)(\s*)/, (l: Liquid, m) => {
        l.groups(Name.Tag, Text.Whitespace, Name.Variable, Text.Whitespace, Name.Tag, Text.Whitespace);
        l.token(quotedOr(m[7], Name.Variable), m[7]);
        l.token(Text.Whitespace, m[8]);
        l.push('tag_markup');
      }),
      rule(/([^\s%]+)(\s*)/, (l: Liquid) => { l.groups(Name.Tag, Text.Whitespace); l.push('tag_markup'); }),
    ],
    output: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s}|:]*)/, (l: Liquid) => { l.groups(Punctuation, Text.Whitespace, Name.Function); l.push('filters'); }),
      mixin('end_of_tag'),
      mixin('generic'),
    ],
    filters: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s%}|:]*)/, (l: Liquid) => l.groups(Punctuation, Text.Whitespace, Name.Function)),
      mixin('end_of_tag'),
      mixin('end_of_block'),
      mixin('variable_param_markup'),
    ],
    condition: [
      rule(/([=!]=|[<>]=?)/, Operator),
      rule(/(and|or|contains)\b/, Operator.Word),
      mixin('end_of_block'),
      mixin('generic'),
    ],
    when: [mixin('end_of_block'), mixin('generic')],
    end_of_tag: [rule(/-?\}\}/, (l: Liquid) => { l.token(Punctuation); l.resetStack(); })],
    end_of_block: [rule(/-?%\}/, (l: Liquid) => { l.token(Punctuation); l.resetStack(); })],
    param_markup: [
      mixin('whitespace'),
      mixin('keyword'),
      mixin('string'),
      mixin('number'),
      rule(/([^\s=:]+)(\s*)(=|:)/, (l: Liquid) => l.groups(Name.Attribute, Text.Whitespace, Operator)),
      rule(/[,:]/, Punctuation),
    ],
    default_param_markup: [mixin('param_markup'), rule(/\S+/, Text)],
    variable_param_markup: [mixin('param_markup'), mixin('variable'), rule(/\S+/, Text)],
    tag_markup: [rule(/(reversed)\b/, Name.Attribute), mixin('end_of_block'), mixin('default_param_markup')],
    variable_tag_markup: [mixin('end_of_block'), mixin('variable_param_markup')],
    keyword: [rule(/(false|true|nil)\b/, Keyword.Constant)],
    variable: [
      rule(/(empty|blank|forloop\.[^\s%}|:]+)\b/, Name.Builtin),
      rule(/\.(?=\w)|\[|\]/, Punctuation),
      rule(/(first|last|size)\b/, Name.Function),
      rule(/[a-zA-Z_][\w-]*\??/, Name.Variable),
    ],
    string: [rule(/'[^']*'/, Str.Single), rule(/"[^"]*"/, Str.Double)],
    number: [rule(/-/, Operator), rule(/\d+\.\d+/, Num.Float), rule(/\d+/, Num.Integer)],
    generic: [mixin('whitespace'), mixin('keyword'), mixin('string'), mixin('number'), mixin('variable')],
    whitespace: [rule(/[ \t]+/, Text.Whitespace)],
    comment: untilEndTag('endcomment', Comment),
    raw: untilEndTag('endraw', Text),
    assign: [
      rule(/=/, Operator),
      rule(/(\|)(\s*)([a-zA-Z_][^\s%|:]*)/, (l: Liquid) => { l.groups(Punctuation, Text.Whitespace, Name.Function); l.push('filters'); }),
      mixin('end_of_block'),
      mixin('generic'),
    ],
    include: [
      rule(/(\{\{-?)(\s*)/, (l: Liquid) => { l.groups(Punctuation, Text.Whitespace); l.push('output_embed'); }),
      rule(/(with|for)\b/, Name.Tag),
      rule(/[/\w-]+(\.[\w-]+)+\b/, Text),
      mixin('variable_tag_markup'),
    ],
    output_embed: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s}|:]*)/, (l: Liquid) => l.groups(Punctuation, Text.Whitespace, Name.Function)),
      rule(/-?\}\}/, Punctuation, 'pop!'),
      mixin('variable_param_markup'),
    ],
  }),
});
