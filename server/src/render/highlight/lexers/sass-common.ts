/** The states Rouge's Sass and SCSS lexers share (`lexers/sass/common.rb`); each lexer adds its `root` and `end_section`. */
import { Lexing, RuleSpec, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';
import { BUILTINS, CONSTANTS, PROPERTIES } from './css-words';

export const ID = String.raw`[\w-]+`;

export function sassCommonStates<M>(): Record<string, RuleSpec<M>[]> {
  type Sass = Lexing<M>;
  return {
    content_common: [
      rule(/@for\b/, Keyword, 'for'),
      rule(/@(debug|warn|if|each|while|else|return|media)/, Keyword, 'value'),
      rule(new RegExp(`(@mixin)(\\s+)(${ID})`), (l: Sass) => { l.groups(Keyword, Text, Name.Function); l.push('value'); }),
      rule(new RegExp(`(@function)(\\s+)(${ID})`), (l: Sass) => { l.groups(Keyword, Text, Name.Function); l.push('value'); }),
      rule(/@extend\b/, Keyword, 'selector'),
      rule(new RegExp(`(@include)(\\s+)(${ID})`), (l: Sass) => { l.groups(Keyword, Text, Name.Decorator); l.push('value'); }),
      rule(new RegExp(`@${ID}`), Keyword, 'selector'),
      rule(/&/, Keyword, 'selector'),
      rule(new RegExp(`([$]${ID})([ \\t]*)(:)`), (l: Sass) => { l.groups(Name.Variable, Text, Punctuation); l.push('value'); }),
    ],
    value: [
      mixin('end_section'),
      rule(/[ \t]+/, Text),
      rule(new RegExp(`[$]${ID}`), Name.Variable),
      rule(/url[(]/, Str.Other, 'string_url'),
      rule(new RegExp(`${ID}(?=\\s*[(])`), Name.Function),
      rule(new RegExp(`%${ID}`), Name.Decorator),
      rule(/(true|false)\b/, Name.Builtin.Pseudo),
      rule(/(and|or|not)\b/, Operator.Word),
      rule(/#[a-z0-9]{1,6}/i, Num.Hex),
      rule(/-?\d+(%|[a-z]+)?/, Num),
      rule(/-?\d*\.\d+(%|[a-z]+)?/, Num.Integer),
      mixin('has_strings'),
      mixin('has_interp'),
      rule(/[~^*!&%<>|+=@:,./?-]+/, Operator),
      rule(/[[\]()]+/, Punctuation),
      rule(/\/[*]/, Comment.Multiline, 'inline_comment'),
      rule(/\/\/[^\n]*/, Comment.Single),
      rule(new RegExp(ID), (l: Sass, m) => {
        if (BUILTINS.has(m[0])) l.token(Name.Builtin);
        else if (CONSTANTS.has(m[0])) l.token(Name.Constant);
        else l.token(Name);
      }),
    ],
    has_interp: [rule(/[#][{]/, Str.Interpol, 'interpolation')],
    has_strings: [rule(/"/, Str.Double, 'dq'), rule(/'/, Str.Single, 'sq')],
    interpolation: [rule(/\}/, Str.Interpol, 'pop!'), mixin('value')],
    selector: [
      mixin('end_section'),
      mixin('has_strings'),
      mixin('has_interp'),
      rule(/[ \t]+/, Text),
      rule(/:/, Name.Decorator, 'pseudo_class'),
      rule(/[.]/, Name.Class, 'class'),
      rule(/#/, Name.Namespace, 'id'),
      rule(/%/, Name.Variable, 'placeholder'),
      rule(new RegExp(ID), Name.Tag),
      rule(/&/, Keyword),
      rule(/[~^*!&[\]()<>|+=@:;,./?-]/, Operator),
    ],
    dq: [rule(/"/, Str.Double, 'pop!'), mixin('has_interp'), rule(/(\\.|#(?![{])|[^\n"#])+/, Str.Double)],
    sq: [rule(/'/, Str.Single, 'pop!'), mixin('has_interp'), rule(/(\\.|#(?![{])|[^\n'#])+/, Str.Single)],
    string_url: [rule(/[)]/, Str.Other, 'pop!'), rule(/(\\.|#(?![{])|[^\n)#])+/, Str.Other), mixin('has_interp')],
    selector_piece: [mixin('has_interp'), rule(/(?:)/, (l: Sass) => l.pop())],
    pseudo_class: [rule(new RegExp(ID), Name.Decorator), mixin('selector_piece')],
    class: [rule(new RegExp(ID), Name.Class), mixin('selector_piece')],
    id: [rule(new RegExp(ID), Name.Namespace), mixin('selector_piece')],
    placeholder: [rule(new RegExp(ID), Name.Variable), mixin('selector_piece')],
    for: [rule(/(from|to|through)/, Operator.Word), mixin('value')],
    attr_common: [
      mixin('has_interp'),
      rule(new RegExp(ID), (l: Sass, m) => l.token(PROPERTIES.has(m[0]) ? Name.Label : Name.Attribute)),
    ],
    attribute: [
      mixin('attr_common'),
      rule(/([ \t]*)(:)/, (l: Sass) => { l.groups(Text, Punctuation); l.push('value'); }),
    ],
    inline_comment: [
      rule(/(\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+/, Comment.Multiline),
      mixin('has_interp'),
      rule(/[*]\//, Comment.Multiline, 'pop!'),
    ],
  };
}
