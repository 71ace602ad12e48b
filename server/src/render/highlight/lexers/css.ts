/** Rouge's `CSS` lexer (`lexers/css.rb`): selectors, at-rules, declarations and their values. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';
import { BUILTINS, CONSTANTS, PROPERTIES, VENDOR_PREFIXES } from './css-words';

type Css = Lexing<undefined>;

/** Ruby's `\p{Word}` is letters, marks, decimal digits and connector punctuation. */
const IDENTIFIER = String.raw`[\p{L}_-][\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}-]*`;
const NUMBER = String.raw`-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)`;
const UNITS = 'em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|deg|grad|rad|turn|s|ms|Hz|kHz';

export const css = new RegexLexer({
  tag: 'css',
  states: () => ({
    root: [
      mixin('basics'),
      rule(/\{/, Punctuation, 'stanza'),
      rule(new RegExp(`:[:]?${IDENTIFIER}`, 'u'), Name.Decorator),
      rule(new RegExp(`\\.${IDENTIFIER}`, 'u'), Name.Class),
      rule(new RegExp(`#${IDENTIFIER}`, 'u'), Name.Function),
      rule(new RegExp(`@${IDENTIFIER}`, 'u'), Keyword, 'at_rule'),
      rule(new RegExp(IDENTIFIER, 'u'), Name.Tag),
      rule(/[~^*!%&[\]()<>|+=@:;,./?-]/, Operator),
      rule(/"(\\\\|\\"|[^"])*"/, Str.Single),
      rule(/'(\\\\|\\'|[^'])*'/, Str.Double),
    ],
    value: [
      mixin('basics'),
      rule(/url\(.*?\)/, Str.Other),
      rule(/#[0-9a-f]{1,6}/i, Num),
      rule(new RegExp(`${NUMBER}(?:%|(?:${UNITS})\\b)?`), Num),
      rule(/[[\]():/.,]/, Punctuation),
      rule(/"(\\\\|\\"|[^"])*"/, Str.Single),
      rule(/'(\\\\|\\'|[^'])*'/, Str.Double),
      rule(new RegExp(IDENTIFIER, 'u'), (l: Css, m) => {
        if (CONSTANTS.has(m[0])) l.token(Name.Constant);
        else if (BUILTINS.has(m[0])) l.token(Name.Builtin);
        else l.token(Name);
      }),
    ],
    at_rule: [
      rule(new RegExp(`\\{(?=\\s*${IDENTIFIER}\\s*:)`, 'su'), Punctuation, 'at_stanza'),
      rule(/\{/, Punctuation, 'at_body'),
      rule(/;/, Punctuation, 'pop!'),
      mixin('value'),
    ],
    at_body: [mixin('at_content'), mixin('root')],
    at_stanza: [mixin('at_content'), mixin('stanza')],
    at_content: [rule(/\}/, (l: Css) => { l.token(Punctuation); l.pop(2); })],
    basics: [rule(/\s+/, Text), rule(/\/\*(?:.*?)\*\//s, Comment)],
    stanza: [
      mixin('basics'),
      rule(/\}/, Punctuation, 'pop!'),
      rule(new RegExp(`(${IDENTIFIER})(\\s*)(:)`, 'su'), (l: Css, m) => {
        const known = PROPERTIES.has(m[1]) || VENDOR_PREFIXES.some((prefix) => m[1].startsWith(prefix));
        l.groups(known ? Name.Label : Name.Property, Text, Punctuation);
        l.push('stanza_value');
      }),
    ],
    stanza_value: [
      rule(/;/, Punctuation, 'pop!'),
      rule(/(?=\})/, (l: Css) => l.pop()),
      rule(/!\s*important\b/, Comment.Preproc),
      rule(/^@.*?$/, Comment.Preproc),
      mixin('value'),
    ],
  }),
});
