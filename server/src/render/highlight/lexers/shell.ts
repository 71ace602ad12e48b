/** Rouge's `Shell` lexer (`lexers/shell.rb`): sh and bash commands, strings, interpolation and heredocs. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text } from '../tokens';

interface Heredoc {
  /** The word that ends the heredoc being read. */
  end?: string;
}

type Shell = Lexing<Heredoc>;

const KEYWORDS = 'if fi else while do done for then return function select continue until esac elif in'.split(' ').join('|');

const BUILTINS = `alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval exec exit
  export false fc fg getopts hash help history jobs let local logout mapfile popd pushd pwd read readonly set
  shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait
  cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum
  sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd install mv rm shred link ln
  mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf yes expr tee basename dirname
  pathchk mktemp realpath pwd stty printenv tty id logname whoami groups users who date arch nproc uname hostname hostid uptime chcon
  runcon chroot env nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip`.split(/\s+/).join('|');

export const shell = new RegexLexer<Heredoc>({
  tag: 'shell',
  aliases: ['bash', 'zsh', 'ksh', 'sh'],
  memory: () => ({}),
  states: () => ({
    basic: [
      rule(/#.*$/, Comment),
      rule(new RegExp(`\\b(${KEYWORDS})\\s*\\b`), Keyword),
      rule(/\bcase\b/, Keyword, 'case'),
      rule(new RegExp(`\\b(${BUILTINS})\\s*\\b(?!(\\.|-))`), Name.Builtin),
      rule(/[.](?=\s)/, Name.Builtin),
      rule(/(\b\w+)(=)/, (l: Shell) => l.groups(Name.Variable, Operator)),
      rule(/[[\]{}()!=>]/, Operator),
      rule(/&&|\|\|/, Operator),
      rule(/<<</, Operator),
      rule(/(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)/, (l: Shell, m) => {
        l.groups(Operator, Text, Str.Heredoc, Str.Heredoc, Name.Constant, Str.Heredoc);
        l.memory.end = m[5];
        l.push('heredoc');
      }),
    ],
    heredoc: [
      rule(/\n/, Str.Heredoc, 'heredoc_nl'),
      rule(/[^$\n\\]+/, Str.Heredoc),
      mixin('interp'),
      rule(/[$]/, Str.Heredoc),
    ],
    heredoc_nl: [
      rule(/\s*(\w+)\s*\n/, (l: Shell, m) => {
        if (m[1] === l.memory.end) {
          l.token(Name.Constant);
          l.pop(2);
        } else {
          l.token(Str.Heredoc);
        }
      }),
      rule(/(?:)/, (l: Shell) => l.pop()),
    ],
    double_quotes: [
      // "abc$" is the string abc$: `$"` is not a variable.
      rule(/(?:\$#?)?"/, Str.Double, 'pop!'),
      mixin('interp'),
      rule(/[^"`\\$]+/, Str.Double),
    ],
    ansi_string: [rule(/\\./, Str.Escape), rule(/[^\\']+/, Str.Single), mixin('single_quotes')],
    single_quotes: [rule(/'/, Str.Single, 'pop!'), rule(/[^']+/, Str.Single)],
    data: [
      rule(/\s+/, Text),
      rule(/\\./, Str.Escape),
      rule(/\$?"/, Str.Double, 'double_quotes'),
      rule(/\$'/, Str.Single, 'ansi_string'),
      rule(/'/, Str.Single, 'single_quotes'),
      rule(/\*/, Keyword),
      rule(/;/, Punctuation),
      rule(/--?[\w-]+/, Name.Tag),
      rule(/[^=*\s{}()$"'`;\\<]+/, Text),
      rule(/\d+(?= |\n?(?![\s\S]))/, Num),
      rule(/</, Text),
      mixin('interp'),
    ],
    curly: [
      rule(/\}/, Keyword, 'pop!'),
      rule(/:-/, Keyword),
      rule(/[a-zA-Z0-9_]+/, Name.Variable),
      rule(/[^}:"`'$]+/, Punctuation),
      mixin('root'),
    ],
    paren_interp: [rule(/\)/, Str.Interpol, 'pop!'), rule(/\(/, Operator, 'paren_inner'), mixin('root')],
    paren_inner: [rule(/\(/, Operator, 'push'), rule(/\)/, Operator, 'pop!'), mixin('root')],
    math: [
      rule(/\)\)/, Keyword, 'pop!'),
      rule(/[-+*/%^|&!]|\*\*|\|\|/, Operator),
      rule(/\d+(#\w+)?/, Num),
      mixin('root'),
    ],
    case: [rule(/\besac\b/, Keyword, 'pop!'), rule(/\|/, Punctuation), rule(/\)/, Punctuation, 'case_stanza'), mixin('root')],
    case_stanza: [rule(/;;/, Punctuation, 'pop!'), mixin('root')],
    backticks: [rule(/`/, Str.Backtick, 'pop!'), mixin('root')],
    interp: [
      rule(/\\$/, Str.Escape),
      rule(/\\./, Str.Escape),
      rule(/\$\(\(/, Keyword, 'math'),
      rule(/\$\(/, Str.Interpol, 'paren_interp'),
      rule(/\$\{#?/, Keyword, 'curly'),
      rule(/`/, Str.Backtick, 'backticks'),
      rule(/\$#?(\w+|.)/, Name.Variable),
      rule(/\$[*@]/, Name.Variable),
    ],
    root: [mixin('basic'), mixin('data')],
  }),
});
