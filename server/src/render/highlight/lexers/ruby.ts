/** Rouge's `Ruby` lexer (`lexers/ruby.rb`): expressions, strings with interpolation, `%` literals, heredocs. */
import { Lexing, RegexLexer, RuleSpec, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';

interface Heredocs {
  /** Heredocs opened on the current line, read from the next: whether the end word may be indented, and the word. */
  queue: [boolean, string][];
}

type Ruby = Lexing<Heredocs>;

const KEYWORDS = String.raw`BEGIN END alias begin break case defined\? do else elsif end ensure for if in next redo rescue raise retry return super then undef unless until when while yield`;
const KEYWORDS_PSEUDO = 'loop include extend raise alias_method attr catch throw private module_function public protected true false nil __FILE__ __LINE__';
const BUILTINS_G = String.raw`attr_reader attr_writer attr_accessor
  __id__ __send__ abort ancestors at_exit autoload binding callcc caller catch chomp chop class_eval class_variables clone
  const_defined\? const_get const_missing const_set constants display dup eval exec exit extend fail fork format freeze
  getc gets global_variables gsub hash id included_modules inspect instance_eval instance_method instance_methods
  instance_variable_get instance_variable_set instance_variables lambda load local_variables loop method method_missing
  methods module_eval name object_id open p print printf private_class_method private_instance_methods private_methods proc
  protected_instance_methods protected_methods public_class_method public_instance_methods public_methods putc puts raise rand
  readline readlines require require_relative scan select self send set_trace_func singleton_methods sleep split sprintf srand sub syscall system
  taint test throw to_a to_s trace_var trap untaint untrace_var warn`;
const BUILTINS_Q = 'autoload block_given const_defined eql equal frozen include instance_of is_a iterator kind_of method_defined nil private_method_defined protected_method_defined public_method_defined respond_to tainted';
const BUILTINS_B = 'chomp chop exit gsub sub';

function alternatives(words: string): string {
  return words.trim().split(/\s+/).join('|');
}

/** Ruby's `Regexp.escape`. */
function escapeRegExp(text: string): string {
  return text.replace(/[\n\t\r\f\v ]|[[\](){}.*+?^$|\\#-]/g, (c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r', '\f': '\\f', '\v': '\\v', ' ': '\\ ' }[c] ?? `\\${c}`));
}

const DELIMITER_PAIRS: Record<string, string> = { '{': '}', '[': ']', '(': ')', '<': '>' };

/** The states of `%q(…)`-style literals, one per kind and delimiter, made once. */
const sigilStates = new Map<string, RuleSpec<Heredocs>[]>();

function sigilState(kind: string | undefined, delimiter: string): RuleSpec<Heredocs>[] {
  const key = `${kind ?? ''}${delimiter}`;
  let rules = sigilStates.get(key);
  if (rules) return rules;
  const open = escapeRegExp(delimiter);
  const close = escapeRegExp(DELIMITER_PAIRS[delimiter] ?? delimiter);
  const interpolates = kind !== undefined && /[rQWxI]/.test(kind);
  const type = kind === 'r' ? Str.Regex : Str.Other;
  const unique = open === close && open === '\\#' ? '' : `${open}${close}`.replace(/(.)\1+/g, '$1');
  rules = [rule(new RegExp(`\\\\[#${unique}\\\\]`), Str.Escape)];
  if (open !== close) rules.push(rule(new RegExp(open), (l: Ruby) => { l.token(type); l.push(); }));
  rules.push(rule(new RegExp(close), type, 'pop!'));
  if (interpolates) rules.push(mixin('string_intp_escaped'), rule(/#/, type));
  else rules.push(rule(/[\\#]/, type));
  rules.push(rule(new RegExp(`[^#${unique}\\\\]+`), type));
  sigilStates.set(key, rules);
  return rules;
}

export const ruby = new RegexLexer<Heredocs>({
  tag: 'ruby',
  aliases: ['rb'],
  memory: () => ({ queue: [] }),
  startStates: ['expr_start'],
  states: () => ({
    symbols: [
      rule(/:@{0,2}[a-z_]\w*[!?]?/i, Str.Symbol),
      rule(/:(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)/, Str.Symbol),
      rule(/:'(\\\\|\\'|[^'])*'/, Str.Symbol),
      rule(/:"/, Str.Symbol, 'simple_sym'),
    ],
    sigil_strings: [
      rule(/%([rqswQWxiI])?([^\w\s])/, (l: Ruby, m) => {
        if (m[1] === 'r') l.push('regex_flags');
        l.token(m[1] === 'r' ? Str.Regex : Str.Other);
        l.push(sigilState(m[1], m[2]));
      }),
    ],
    strings: [
      mixin('symbols'),
      rule(/\b[a-z_]\w*?[?!]?:\s+/, Str.Symbol, 'expr_start'),
      rule(/'(\\\\|\\'|[^'])*'/, Str.Single),
      rule(/"/, Str.Double, 'simple_string'),
      rule(/(?<!\.)`/, Str.Backtick, 'simple_backtick'),
    ],
    regex_flags: [rule(/[mixounse]*/, Str.Regex, 'pop!')],
    simple_string: [mixin('string_intp_escaped'), rule(/[^\\"#]+/s, Str.Double), rule(/[\\#]/, Str.Double), rule(/"/, Str.Double, 'pop!')],
    simple_sym: [mixin('string_intp_escaped'), rule(/[^\\"#]+/s, Str.Symbol), rule(/[\\#]/, Str.Symbol), rule(/"/, Str.Symbol, 'pop!')],
    simple_backtick: [mixin('string_intp_escaped'), rule(/[^\\`#]+/s, Str.Backtick), rule(/[\\#]/, Str.Backtick), rule(/`/, Str.Backtick, 'pop!')],
    whitespace: [
      mixin('inline_whitespace'),
      rule(/\n\s*/s, Text, 'expr_start'),
      rule(/#.*$/, Comment.Single),
      rule(/=begin\b.*?\n=end\b/s, Comment.Multiline),
    ],
    inline_whitespace: [rule(/[ \t\r]+/, Text)],
    root: [
      mixin('whitespace'),
      rule(/__END__/, Comment.Preproc, 'end_part'),
      rule(/0_?[0-7]+(?:_[0-7]+)*/, Num.Oct),
      rule(/0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*/, Num.Hex),
      rule(/0b[01]+(?:_[01]+)*/, Num.Bin),
      rule(/[\d]+(?:_\d+)*(?:\.[\d]+(?:_\d+)*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)/, Num.Float),
      rule(/[\d]+(?:_\d+)*/, Num.Integer),
      rule(/@@[a-z_]\w*/i, Name.Variable.Class),
      rule(/@[a-z_]\w*/i, Name.Variable.Instance),
      rule(/\$\w+/, Name.Variable.Global),
      rule(/\$[!@&`'+~=/\\,;.<>_*$?:"]/, Name.Variable.Global),
      rule(/\$-[0adFiIlpvw]/, Name.Variable.Global),
      rule(/::/, Operator),
      mixin('strings'),
      rule(new RegExp(`(?:${alternatives(KEYWORDS)})(?=\\W|$)`), Keyword, 'expr_start'),
      rule(new RegExp(`(?:${alternatives(KEYWORDS_PSEUDO)})\\b`), Keyword.Pseudo, 'expr_start'),
      rule(/(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)/, (l: Ruby) => l.groups(Keyword, Text, Name.Namespace)),
      rule(/(def\b)(\s*)/, (l: Ruby) => { l.groups(Keyword, Text); l.push('funcname'); }),
      rule(/(class\b)(\s*)/, (l: Ruby) => { l.groups(Keyword, Text); l.push('classname'); }),
      rule(new RegExp(`(?:${alternatives(BUILTINS_Q)})[?]`), Name.Builtin, 'expr_start'),
      rule(new RegExp(`(?:${alternatives(BUILTINS_B)})!`), Name.Builtin, 'expr_start'),
      rule(new RegExp(`(?<!\\.)(?:${alternatives(BUILTINS_G)})\\b`), Name.Builtin, 'method_call'),
      mixin('has_heredocs'),
      // `..` and `...` before `.`, which would be a method call.
      rule(/\.{2,3}/, Operator, 'expr_start'),
      rule(/[A-Z][a-zA-Z0-9_]*/, Name.Constant, 'method_call'),
      rule(/(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/[<>=])/, (l: Ruby) => { l.groups(Punctuation, Text, Name.Function); l.push('method_call'); }),
      rule(/[a-zA-Z_]\w*[?!]/, Name, 'expr_start'),
      rule(/[a-zA-Z_]\w*/, Name, 'method_call'),
      rule(/\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\./, Operator, 'expr_start'),
      rule(/[-+/*%=<>&!^|~]=?/, Operator, 'expr_start'),
      rule(/[?]/, (l: Ruby) => { l.token(Punctuation); l.push('ternary'); l.push('expr_start'); }),
      rule(/[[({,:\\;/]/, Punctuation, 'expr_start'),
      rule(/[\])}]/, Punctuation),
    ],
    has_heredocs: [
      rule(/(?<!\w)(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)/, (l: Ruby, m) => {
        l.token(Operator, m[1]);
        l.token(Name.Constant, `${m[2]}${m[3]}${m[4]}`);
        l.memory.queue.push([m[1] === '<<-' || m[1] === '<<~', m[3]]);
        if (!l.isState('heredoc_queue')) l.push('heredoc_queue');
      }),
      rule(/(<<[-~]?)(["'])(\2)/, (l: Ruby, m) => {
        l.token(Operator, m[1]);
        l.token(Name.Constant, `${m[2]}${m[3]}`);
        l.memory.queue.push([m[1] === '<<-' || m[1] === '<<~', '']);
        if (!l.isState('heredoc_queue')) l.push('heredoc_queue');
      }),
    ],
    heredoc_queue: [rule(/(?=\n)/, (l: Ruby) => l.goto('resolve_heredocs')), mixin('root')],
    resolve_heredocs: [
      mixin('string_intp_escaped'),
      rule(/\n/, Str.Heredoc, 'test_heredoc'),
      rule(/[#\\\n]/, Str.Heredoc),
      rule(/[^#\\\n]+/, Str.Heredoc),
    ],
    test_heredoc: [
      rule(/[^#\\\n]*$/, (l: Ruby, m) => {
        const [tolerant, word] = l.memory.queue[0] ?? [false, undefined];
        const line = tolerant ? m[0].trim() : m[0].trimEnd();
        if (line === word) {
          l.memory.queue.shift();
          if (l.memory.queue.length === 0) l.pop();
          l.token(Name.Constant);
        } else {
          l.token(Str.Heredoc);
        }
        l.pop();
      }),
      rule(/(?:)/, (l: Ruby) => l.pop()),
    ],
    funcname: [
      rule(/\s+/, Text),
      rule(/\(/, Punctuation, 'defexpr'),
      rule(/(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)/, (l: Ruby) => {
        l.groups(Name.Class, Operator, Name.Function);
        l.pop();
      }),
      rule(/(?:)/, (l: Ruby) => l.pop()),
    ],
    classname: [
      rule(/\s+/, Text),
      rule(/\w+(::\w+)+/, Name.Class),
      rule(/\(/, (l: Ruby) => { l.token(Punctuation); l.push('defexpr'); l.push('expr_start'); }),
      rule(/<</, (l: Ruby) => { l.token(Operator); l.goto('expr_start'); }),
      rule(/[A-Z_]\w*/, Name.Class, 'pop!'),
      rule(/(?:)/, (l: Ruby) => l.pop()),
    ],
    ternary: [
      rule(/(:)(\s+)/, (l: Ruby) => { l.groups(Punctuation, Text); l.goto('expr_start'); }),
      rule(/:(?![^#\n]*?[:\\])/, (l: Ruby) => { l.token(Punctuation); l.goto('expr_start'); }),
      mixin('root'),
    ],
    defexpr: [
      rule(/(\))(\.|::)?/, (l: Ruby) => { l.groups(Punctuation, Operator); l.pop(); }),
      rule(/\(/, (l: Ruby) => { l.token(Punctuation); l.push('defexpr'); l.push('expr_start'); }),
      mixin('root'),
    ],
    in_interp: [rule(/\}/, Str.Interpol, 'pop!'), mixin('root')],
    string_intp: [rule(/[#][{]/, Str.Interpol, 'in_interp'), rule(/#(@@?|\$)[a-z_]\w*/i, Str.Interpol)],
    string_intp_escaped: [
      mixin('string_intp'),
      rule(/\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})/, Str.Escape),
      rule(/\\./, Str.Escape),
    ],
    method_call: [
      rule(/\/|%/, (l: Ruby) => { l.token(Operator); l.goto('expr_start'); }),
      rule(/(?=\n)/, (l: Ruby) => l.pop()),
      rule(/(?:)/, (l: Ruby) => l.goto('method_call_spaced')),
    ],
    method_call_spaced: [
      mixin('whitespace'),
      rule(/[%/]=/, (l: Ruby) => { l.token(Operator); l.goto('expr_start'); }),
      rule(/(\/)(?=\S|\s*\/)/, (l: Ruby) => { l.token(Str.Regex); l.goto('slash_regex'); }),
      mixin('sigil_strings'),
      rule(/(?=\s*\/)/, (l: Ruby) => l.pop()),
      rule(/\s+/, (l: Ruby) => { l.token(Text); l.goto('expr_start'); }),
      rule(/(?:)/, (l: Ruby) => l.pop()),
    ],
    expr_start: [
      mixin('inline_whitespace'),
      rule(/\//, (l: Ruby) => { l.token(Str.Regex); l.goto('slash_regex'); }),
      // `?x` is the string "x", unless a digit comes before it (`x>=0?n[x]:""`).
      rule(/[?](\\[MC]-)*(\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)/, Str.Char, 'pop!'),
      // A single space after `%` literal opener: Ruby demands such literals stay on one line.
      rule(/(\s*)(%[rqswQWxiI]? \S* )/, (l: Ruby) => { l.groups(Text, Str.Other); l.pop(); }),
      mixin('sigil_strings'),
      rule(/(?:)/, (l: Ruby) => l.pop()),
    ],
    slash_regex: [
      mixin('string_intp'),
      rule(/\\\\/, Str.Regex),
      rule(/\\\//, Str.Regex),
      rule(/[\\#]/, Str.Regex),
      rule(/[^\\/#]+/s, Str.Regex),
      rule(/\//, (l: Ruby) => { l.token(Str.Regex); l.goto('regex_flags'); }),
    ],
    end_part: [rule(/.+/s, Comment.Preproc, 'pop!')],
  }),
});
