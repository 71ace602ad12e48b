/** Rouge's `Python` lexer (`lexers/python.rb`): keywords and builtins, decorators, strings with prefixes, escapes and f-string fields. */
import { Lexing, RegexLexer, rule, words } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';

interface Strings {
  /** The strings open, innermost last: their prefix (`r`, `f`, `b`, `u`, lowercased) and closing quote (Rouge's `StringRegister`). */
  open: [string, string][];
}

type Python = Lexing<Strings>;

const KEYWORDS = words(`assert break continue del elif else except exec finally for global if lambda pass print raise
  return try while yield as with from import yield async await nonlocal`);
const BUILTINS = words(`__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr classmethod
  cmp coerce compile complex delattr dict dir divmod enumerate eval execfile exit file filter float format frozenset getattr
  globals hasattr hash hex id input int intern isinstance issubclass iter len list locals long map max memoryview min next
  object oct open ord pow property range raw_input reduce reload repr reversed round set setattr slice sorted staticmethod
  str sum super tuple type unichr unicode vars xrange zip`);
const BUILTINS_PSEUDO = words('self None Ellipsis NotImplemented False True');
const EXCEPTIONS = words(`ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError
  BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError
  ConnectionResetError DeprecationWarning EOFError EnvironmentError Exception FileExistsError FileNotFoundError
  FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
  InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError
  NotADirectoryError NotImplemented NotImplementedError OSError OverflowError OverflowWarning PendingDeprecationWarning
  ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StandardError
  StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError
  UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning
  ValueError VMSError Warning WindowsError ZeroDivisionError`);

/** Ruby's `[[:alpha:]_][[:alnum:]_]*` and the dotted form. */
const IDENTIFIER = String.raw`[\p{Alphabetic}_][\p{Alphabetic}\p{Nd}_]*`;
const DOTTED_IDENTIFIER = String.raw`[\p{Alphabetic}_.][\p{Alphabetic}\p{Nd}_.]*`;
const DIGITS = '[0-9](?:_?[0-9])*';
const DECIMAL = `(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.)`;
const EXPONENT = `e[+-]?${DIGITS}`;

function identifierType(word: string) {
  if (KEYWORDS.has(word)) return Keyword;
  if (EXCEPTIONS.has(word) || BUILTINS.has(word)) return Name.Builtin;
  if (BUILTINS_PSEUDO.has(word)) return Name.Builtin.Pseudo;
  return Name;
}

function innermost(l: Python): [string, string] | undefined {
  return l.memory.open[l.memory.open.length - 1];
}

export const python = new RegexLexer<Strings>({
  tag: 'python',
  aliases: ['py'],
  memory: () => ({ open: [] }),
  states: () => ({
    root: [
      rule(/\n+/, Text),
      rule(/^(:)(\s*)([ru]{0,2}""".*?""")/is, (l: Python) => l.groups(Punctuation, Text, Str.Doc)),
      rule(/[^\S\n]+/, Text),
      rule(/#(.*)?\n?/, Comment.Single),
      rule(/[[\]{}:(),;.]/, Punctuation),
      rule(/\\\n/, Text),
      rule(/\\/, Text),
      rule(/(in|is|and|or|not)\b/, Operator.Word),
      rule(/(<<|>>|\/\/|\*\*)=?/, Operator),
      rule(/[-~+/*%=<>&^|@]=?|!=/, Operator),
      rule(new RegExp(String.raw`(from)((?:\\\s|\s)+)(${DOTTED_IDENTIFIER})((?:\\\s|\s)+)(import)`, 'u'),
        (l: Python) => l.groups(Keyword.Namespace, Text, Name.Namespace, Text, Keyword.Namespace)),
      rule(new RegExp(String.raw`(import)(\s+)(${DOTTED_IDENTIFIER})`, 'u'), (l: Python) => l.groups(Keyword.Namespace, Text, Name.Namespace)),
      rule(/(def)((?:\s|\\\s)+)/, (l: Python) => { l.groups(Keyword, Text); l.push('funcname'); }),
      rule(/(class)((?:\s|\\\s)+)/, (l: Python) => { l.groups(Keyword, Text); l.push('classname'); }),
      rule(/`.*?`/, Str.Backtick),
      rule(/([rfbu]{0,2})('''|"""|['"])/i, (l: Python, m) => {
        l.groups(Str.Affix, Str);
        l.memory.open.push([m[1].toLowerCase(), m[2]]);
        l.push('generic_string');
      }),
      rule(new RegExp(`@${DOTTED_IDENTIFIER}`, 'iu'), Name.Decorator),
      rule(new RegExp(IDENTIFIER, 'u'), (l: Python, m) => l.token(identifierType(m[0]))),
      rule(new RegExp(`${DECIMAL}(?:${EXPONENT})?j?`, 'i'), Num.Float),
      rule(new RegExp(`${DIGITS}${EXPONENT}j?`, 'i'), Num.Float),
      rule(new RegExp(`${DIGITS}j`, 'i'), Num.Float),
      rule(/0b(?:_?[0-1])+/i, Num.Bin),
      rule(/0o(?:_?[0-7])+/i, Num.Oct),
      rule(/0x(?:_?[a-f0-9])+/i, Num.Hex),
      rule(/\d+L/, Num.Integer.Long),
      rule(/(?:[1-9](?:_?[0-9])*|0(?:_?0)*)/, Num.Integer),
    ],
    funcname: [rule(new RegExp(IDENTIFIER, 'u'), Name.Function, 'pop!')],
    classname: [rule(new RegExp(IDENTIFIER, 'u'), Name.Class, 'pop!')],
    generic_string: [
      rule(/[^'"\\{]+/, Str),
      rule(/\{\{/, Str),
      rule(/'''|"""|['"]/, (l: Python, m) => {
        l.token(Str);
        if (innermost(l)?.[1] === m[0]) {
          l.memory.open.pop();
          l.pop();
        }
      }),
      rule(/(?=\\)/, Str, 'generic_escape'),
      rule(/\{/, (l: Python) => {
        if (innermost(l)?.[0].includes('f')) {
          l.token(Str.Interpol);
          l.push('generic_interpol');
        } else {
          l.token(Str);
        }
      }),
    ],
    generic_escape: [
      rule(/\\(?:[\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})/, (l: Python) => {
        l.token(innermost(l)?.[0].includes('r') ? Str : Str.Escape);
        l.pop();
      }),
      rule(/\\./, Str, 'pop!'),
    ],
    generic_interpol: [
      rule(/[^{}!:]+/, (l: Python) => l.recurse()),
      rule(/![asr]/, Str.Interpol),
      rule(/:/, Str.Interpol),
      rule(/\{/, Str.Interpol, 'generic_interpol'),
      rule(/\}/, Str.Interpol, 'pop!'),
    ],
  }),
});
