/**
 * Rouge's token types and the short CSS class each is written with (Rouge's `token.rb`, kept in
 * step with Pygments' names, which is what themes' `.highlight .k { … }` rules select).
 */
export class TokenType {
  constructor(readonly qualname: string, readonly shortname: string) {}
}

function type(qualname: string, shortname: string): TokenType {
  return new TokenType(qualname, shortname);
}

/** A token type that has subtypes, reachable as properties (`Name.Builtin.Pseudo`). */
function family<T extends Record<string, TokenType>>(qualname: string, shortname: string, members: T): TokenType & T {
  return Object.assign(type(qualname, shortname), members);
}

export const Text = family('Text', '', { Whitespace: type('Text.Whitespace', 'w') });
export const Escape = type('Escape', 'esc');
export const Error = type('Error', 'err');
export const Other = type('Other', 'x');

export const Keyword = family('Keyword', 'k', {
  Constant: type('Keyword.Constant', 'kc'),
  Declaration: type('Keyword.Declaration', 'kd'),
  Namespace: type('Keyword.Namespace', 'kn'),
  Pseudo: type('Keyword.Pseudo', 'kp'),
  Reserved: type('Keyword.Reserved', 'kr'),
  Type: type('Keyword.Type', 'kt'),
  Variable: type('Keyword.Variable', 'kv'),
});

export const Name = family('Name', 'n', {
  Attribute: type('Name.Attribute', 'na'),
  Builtin: family('Name.Builtin', 'nb', { Pseudo: type('Name.Builtin.Pseudo', 'bp') }),
  Class: type('Name.Class', 'nc'),
  Constant: type('Name.Constant', 'no'),
  Decorator: type('Name.Decorator', 'nd'),
  Entity: type('Name.Entity', 'ni'),
  Exception: type('Name.Exception', 'ne'),
  Function: family('Name.Function', 'nf', { Magic: type('Name.Function.Magic', 'fm') }),
  Property: type('Name.Property', 'py'),
  Label: type('Name.Label', 'nl'),
  Namespace: type('Name.Namespace', 'nn'),
  Other: type('Name.Other', 'nx'),
  Tag: type('Name.Tag', 'nt'),
  Variable: family('Name.Variable', 'nv', {
    Class: type('Name.Variable.Class', 'vc'),
    Global: type('Name.Variable.Global', 'vg'),
    Instance: type('Name.Variable.Instance', 'vi'),
    Magic: type('Name.Variable.Magic', 'vm'),
  }),
});

export const Literal = family('Literal', 'l', {
  Date: type('Literal.Date', 'ld'),
  String: family('Literal.String', 's', {
    Affix: type('Literal.String.Affix', 'sa'),
    Backtick: type('Literal.String.Backtick', 'sb'),
    Char: type('Literal.String.Char', 'sc'),
    Delimiter: type('Literal.String.Delimiter', 'dl'),
    Doc: type('Literal.String.Doc', 'sd'),
    Double: type('Literal.String.Double', 's2'),
    Escape: type('Literal.String.Escape', 'se'),
    Heredoc: type('Literal.String.Heredoc', 'sh'),
    Interpol: type('Literal.String.Interpol', 'si'),
    Other: type('Literal.String.Other', 'sx'),
    Regex: type('Literal.String.Regex', 'sr'),
    Single: type('Literal.String.Single', 's1'),
    Symbol: type('Literal.String.Symbol', 'ss'),
  }),
  Number: family('Literal.Number', 'm', {
    Bin: type('Literal.Number.Bin', 'mb'),
    Float: type('Literal.Number.Float', 'mf'),
    Hex: type('Literal.Number.Hex', 'mh'),
    Integer: family('Literal.Number.Integer', 'mi', { Long: type('Literal.Number.Integer.Long', 'il') }),
    Oct: type('Literal.Number.Oct', 'mo'),
    Other: type('Literal.Number.Other', 'mx'),
  }),
});

export const Operator = family('Operator', 'o', { Word: type('Operator.Word', 'ow') });
export const Punctuation = family('Punctuation', 'p', { Indicator: type('Punctuation.Indicator', 'pi') });

export const Comment = family('Comment', 'c', {
  Hashbang: type('Comment.Hashbang', 'ch'),
  Doc: type('Comment.Doc', 'cd'),
  Multiline: type('Comment.Multiline', 'cm'),
  Preproc: type('Comment.Preproc', 'cp'),
  PreprocFile: type('Comment.PreprocFile', 'cpf'),
  Single: type('Comment.Single', 'c1'),
  Special: type('Comment.Special', 'cs'),
});

export const Generic = family('Generic', 'g', {
  Deleted: type('Generic.Deleted', 'gd'),
  Emph: type('Generic.Emph', 'ge'),
  Error: type('Generic.Error', 'gr'),
  Heading: type('Generic.Heading', 'gh'),
  Inserted: type('Generic.Inserted', 'gi'),
  Output: type('Generic.Output', 'go'),
  Prompt: type('Generic.Prompt', 'gp'),
  Strong: type('Generic.Strong', 'gs'),
  Subheading: type('Generic.Subheading', 'gu'),
  Traceback: type('Generic.Traceback', 'gt'),
  Lineno: type('Generic.Lineno', 'gl'),
});

export const Str = Literal.String;
export const Num = Literal.Number;
