/** Rouge's `Javascript` lexer (`lexers/javascript.rb`): statements, object literals, regexes, template strings. */
import { Lexing, RegexLexer, mixin, rule, words } from '../lexer';
import { Comment, Error as ErrorToken, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';

type Javascript = Lexing<undefined>;

const KEYWORDS = words(`as async await break case catch continue debugger default delete do else export finally from for if import in
  instanceof new of return super switch this throw try typeof void while yield`);
const DECLARATIONS = words('var let const with function class extends constructor get set static');
const RESERVED = words('enum implements interface package private protected public');
const CONSTANTS = words('true false null NaN Infinity undefined');
const BUILTINS = words(`Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun decodeURI
  decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN parseFloat parseInt document window navigator self global
  Promise Set Map WeakSet WeakMap Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Uint16ClampedArray
  Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer`);

/** An identifier: Ruby's `\p{Word}` is letters, marks, decimal digits and connector punctuation. */
const ID = String.raw`[\p{L}\p{Nl}$_][\p{L}\p{M}\p{Nd}\p{Pc}]*`;

export const javascript = new RegexLexer({
  tag: 'javascript',
  aliases: ['js'],
  states: () => ({
    multiline_comment: [
      rule(/[*]\//, Comment.Multiline, 'pop!'),
      rule(/[^*/]+/, Comment.Multiline),
      rule(/[*/]/, Comment.Multiline),
    ],
    comments_and_whitespace: [
      rule(/\s+/, Text),
      rule(/<!--/, Comment),
      rule(/\/\/.*?$/, Comment.Single),
      rule(/\/[*]/, Comment.Multiline, 'multiline_comment'),
    ],
    expr_start: [
      mixin('comments_and_whitespace'),
      rule(/\//, (l: Javascript) => { l.token(Str.Regex); l.goto('regex'); }),
      rule(/[{]/, (l: Javascript) => { l.token(Punctuation); l.goto('object'); }),
      rule(/(?:)/, Text, 'pop!'),
    ],
    regex: [
      rule(/\//, (l: Javascript) => { l.token(Str.Regex); l.goto('regex_end'); }),
      rule(/[^/]\n/, ErrorToken, 'pop!'),
      rule(/\n/, ErrorToken, 'pop!'),
      rule(/\[\^/, Str.Escape, 'regex_group'),
      rule(/\[/, Str.Escape, 'regex_group'),
      rule(/\\./, Str.Escape),
      rule(/[(][?][:=<!]/, Str.Escape),
      rule(/[{][\d,]+[}]/, Str.Escape),
      rule(/[()?]/, Str.Escape),
      rule(/./, Str.Regex),
    ],
    regex_end: [rule(/[gimuy]+/, Str.Regex, 'pop!'), rule(/(?:)/, (l: Javascript) => l.pop())],
    regex_group: [
      // A `/` inside a group does not close the regex.
      rule(/\//, Str.Escape),
      rule(/[^/]\n/, (l: Javascript) => { l.token(ErrorToken); l.pop(2); }),
      rule(/\]/, Str.Escape, 'pop!'),
      rule(/\\./, Str.Escape),
      rule(/./, Str.Regex),
    ],
    root: [
      rule(/(?<![\s\S])\s*#!.*?\n/s, Comment.Preproc, 'statement'),
      rule(/(?<=\n)(?=\s|\/|<!--)/, Text, 'expr_start'),
      mixin('comments_and_whitespace'),
      rule(/\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==/, Operator, 'expr_start'),
      rule(/[-<>+*%&|^/!=]=?/, Operator, 'expr_start'),
      rule(/[(\[,]/, Punctuation, 'expr_start'),
      rule(/;/, Punctuation, 'statement'),
      rule(/[)\].]/, Punctuation),
      rule(/`/, (l: Javascript) => { l.token(Str.Double); l.push('template_string'); }),
      // `?.` is safe navigation, not the start of a ternary.
      rule(/[?][.]/, Punctuation),
      rule(/[?]/, (l: Javascript) => { l.token(Punctuation); l.push('ternary'); l.push('expr_start'); }),
      rule(/(@)(\w+)?/, (l: Javascript) => { l.groups(Punctuation, Name.Decorator); l.push('expr_start'); }),
      rule(/[{}]/, Punctuation, 'statement'),
      rule(new RegExp(ID, 'iu'), (l: Javascript, m) => {
        if (KEYWORDS.has(m[0])) { l.token(Keyword); l.push('expr_start'); }
        else if (DECLARATIONS.has(m[0])) { l.token(Keyword.Declaration); l.push('expr_start'); }
        else if (RESERVED.has(m[0])) l.token(Keyword.Reserved);
        else if (CONSTANTS.has(m[0])) l.token(Keyword.Constant);
        else if (BUILTINS.has(m[0])) l.token(Name.Builtin);
        else l.token(Name.Other);
      }),
      rule(/[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?/, Num.Float),
      rule(/0x[0-9a-fA-F]+/i, Num.Hex),
      rule(/0o[0-7][0-7_]*/i, Num.Oct),
      rule(/0b[01][01_]*/i, Num.Bin),
      rule(/[0-9]+/, Num.Integer),
      rule(/"/, Str.Delimiter, 'dq'),
      rule(/'/, Str.Delimiter, 'sq'),
      rule(/:/, Punctuation),
    ],
    dq: [rule(/\\[\\nrt"]?/, Str.Escape), rule(/[^\\"]+/, Str.Double), rule(/"/, Str.Delimiter, 'pop!')],
    sq: [rule(/\\[\\nrt']?/, Str.Escape), rule(/[^\\']+/, Str.Single), rule(/'/, Str.Delimiter, 'pop!')],
    // Braced parts that are not object literals.
    statement: [
      rule(/case\b/, (l: Javascript) => { l.token(Keyword); l.goto('expr_start'); }),
      rule(new RegExp(`(${ID})(\\s*)(:)`, 'iu'), (l: Javascript) => l.groups(Name.Label, Text, Punctuation)),
      mixin('expr_start'),
    ],
    object: [
      mixin('comments_and_whitespace'),
      rule(/[{]/, (l: Javascript) => { l.token(Punctuation); l.push(); }),
      rule(/[}]/, (l: Javascript) => { l.token(Punctuation); l.goto('statement'); }),
      rule(new RegExp(`(${ID})(\\s*)(:)`, 'iu'), (l: Javascript) => { l.groups(Name.Attribute, Text, Punctuation); l.push('expr_start'); }),
      rule(/:/, Punctuation),
      mixin('root'),
    ],
    // In a ternary, `name:` is not a label.
    ternary: [rule(/:/, (l: Javascript) => { l.token(Punctuation); l.goto('expr_start'); }), mixin('root')],
    template_string: [
      rule(/[$]\{/, Punctuation, 'template_string_expr'),
      rule(/`/, Str.Double, 'pop!'),
      rule(/\\[$`]/, Str.Escape),
      rule(/[^$`\\]+/, Str.Double),
      rule(/[\\$]/, Str.Double),
    ],
    template_string_expr: [rule(/\}/, Punctuation, 'pop!'), mixin('root')],
  }),
});
