/** Rouge's `YAML` lexer (`lexers/yaml.rb`): block and flow nodes, followed by their indentation. */
import { Lexing, RegexLexer, mixin, rule } from '../lexer';
import { Comment, Error as ErrorToken, Keyword, Literal, Name, Num, Punctuation, Str, Text } from '../tokens';

interface Indentation {
  stack: number[];
  next: number;
  blockScalar: number | undefined;
}

type Yaml = Lexing<Indentation>;

function resetIndent(lexing: Yaml): void {
  lexing.memory.stack = [0];
  lexing.memory.next = 0;
  lexing.memory.blockScalar = undefined;
}

function indent(lexing: Yaml): number {
  return lexing.memory.stack[lexing.memory.stack.length - 1];
}

/** Takes a possible indentation level; a dedent to a level never indented to leaves the surplus as an error. */
function saveIndent(lexing: Yaml, spaces: string): [string, string] {
  lexing.memory.next = spaces.length;
  if (lexing.memory.next >= indent(lexing)) return [spaces, ''];
  while (lexing.memory.next < indent(lexing)) lexing.memory.stack.pop();
  return [spaces.slice(0, indent(lexing)), spaces.slice(indent(lexing))];
}

function setIndent(lexing: Yaml, text: string, implicit = false): void {
  if (indent(lexing) < lexing.memory.next) lexing.memory.stack.push(lexing.memory.next);
  if (!implicit) lexing.memory.next += text.length;
}

const PLAIN_SCALAR_START = String.raw`[^ \t\n\r\f\v?:,\[\]{}#&*!\|>'"%@\x60]`;

export const yaml = new RegexLexer<Indentation>({
  tag: 'yaml',
  aliases: ['yml'],
  memory: () => ({ stack: [0], next: 0, blockScalar: undefined }),
  states: () => ({
    basic: [rule(/#.*$/, Comment.Single)],
    root: [
      mixin('basic'),
      rule(/\n+/, Text),
      rule(/[ ]+(?=#|$)/, Text),
      rule(/^%YAML\b/, (l: Yaml) => { l.token(Name.Tag); resetIndent(l); l.push('yaml_directive'); }),
      rule(/^%TAG\b/, (l: Yaml) => { l.token(Name.Tag); resetIndent(l); l.push('tag_directive'); }),
      rule(/^(?:---|\.\.\.)(?= |$)/, (l: Yaml) => { l.token(Name.Namespace); resetIndent(l); l.push('block_line'); }),
      rule(/[ ]*(?!\s|$)/, (l: Yaml, m) => {
        const [text, error] = saveIndent(l, m[0]);
        l.token(Text, text);
        l.token(ErrorToken, error);
        l.push('block_line');
        l.push('indentation');
      }),
    ],
    indentation: [
      rule(/\s*?\n/, (l: Yaml) => { l.token(Text); l.pop(2); }),
      rule(/[ ]+(?=[-:?](?:[ ]|$))/, (l: Yaml, m) => { l.token(Text); l.memory.next += m[0].length; }),
      rule(/[?:-](?=[ ]|$)/, (l: Yaml, m) => { setIndent(l, m[0]); l.token(Punctuation.Indicator); }),
      rule(/[ ]*/, (l: Yaml, m) => { l.token(Text); l.memory.next += m[0].length; l.pop(); }),
    ],
    block_line: [
      rule(/[ ]*(?=#|$)/, Text, 'pop!'),
      rule(/[ ]+/, Text),
      mixin('descriptors'),
      mixin('block_nodes'),
      mixin('flow_nodes'),
      rule(new RegExp(`(?=${PLAIN_SCALAR_START}|[?:-][^ \\t\\n\\r\\f\\v])`), (l: Yaml) => {
        l.token(Name.Variable);
        l.push('plain_scalar_in_block_context');
      }),
    ],
    descriptors: [
      rule(/!<[0-9A-Za-z;/?:@&=+$,_.!~*'()[\]%-]+>/, Keyword.Type),
      rule(/(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()[\]%-]*)/, Keyword.Type),
      rule(/&[\p{L}\p{Nl}\p{Nd}_-]+/u, Name.Label),
      rule(/\*[\p{L}\p{Nl}\p{Nd}_-]+/u, Name.Variable),
    ],
    block_nodes: [
      rule(/([^#,:?[\]{}"'\n]+)(:)(?=\s|$)/, (l: Yaml, m) => {
        l.groups(Name.Attribute, Punctuation.Indicator);
        setIndent(l, m[0], true);
      }),
      rule(/[|>][+-]?/, (l: Yaml) => {
        l.token(Punctuation.Indicator);
        l.push('block_scalar_content');
        l.push('block_scalar_header');
      }),
    ],
    flow_nodes: [
      rule(/\[/, Punctuation.Indicator, 'flow_sequence'),
      rule(/\{/, Punctuation.Indicator, 'flow_mapping'),
      rule(/'/, Str.Single, 'single_quoted_scalar'),
      rule(/"/, Str.Double, 'double_quoted_scalar'),
    ],
    flow_collection: [
      rule(/\s+/, Text),
      mixin('basic'),
      rule(/[?:,]/, Punctuation.Indicator),
      mixin('descriptors'),
      mixin('flow_nodes'),
      rule(new RegExp(`(?=${PLAIN_SCALAR_START})`), (l: Yaml) => l.push('plain_scalar_in_flow_context')),
    ],
    flow_sequence: [rule(/\]/, Punctuation.Indicator, 'pop!'), mixin('flow_collection')],
    flow_mapping: [rule(/\}/, Punctuation.Indicator, 'pop!'), mixin('flow_collection')],
    block_scalar_content: [
      rule(/\n+/, Text),
      // Empty lines never dedent, but they may be part of the scalar.
      rule(/^[ ]+$/, (l: Yaml, m) => {
        const mark = l.memory.blockScalar ?? m[0].length;
        l.token(Text, m[0].slice(0, mark));
        l.token(Name.Constant, m[0].slice(mark));
      }),
      rule(/^[ ]*/, (l: Yaml, m) => {
        l.token(Text);
        const dedentLevel = l.memory.blockScalar ?? indent(l);
        l.memory.blockScalar ??= m[0].length;
        if (m[0].length < dedentLevel) {
          saveIndent(l, m[0]);
          l.pop();
          l.push('indentation');
        }
      }),
      rule(/[^\n\r\f\v]+/, Str),
    ],
    block_scalar_header: [
      rule(/(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)/, (l: Yaml, m) => {
        l.memory.blockScalar = undefined;
        l.goto('ignored_line');
        if (m[0] === '') return;
        const increment = m[2] ?? m[3];
        if (increment !== undefined) l.memory.blockScalar = indent(l) + Number(increment);
        l.token(Punctuation.Indicator);
      }),
    ],
    ignored_line: [mixin('basic'), rule(/[ ]+/, Text), rule(/\n/, Text, 'pop!')],
    quoted_scalar_whitespaces: [
      rule(/^[ ]+/, Text),
      rule(/[ ]+$/, Text),
      rule(/\n+/, Text),
      rule(/[ ]+/, Name.Variable),
    ],
    single_quoted_scalar: [
      mixin('quoted_scalar_whitespaces'),
      rule(/\\'/, Str.Escape),
      rule(/'/, Str, 'pop!'),
      rule(/[^\s']+/, Str),
    ],
    double_quoted_scalar: [
      rule(/"/, Str, 'pop!'),
      mixin('quoted_scalar_whitespaces'),
      rule(/\\[0abt\tn\nvfre "\\N_LP]/, Str.Escape),
      rule(/\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/, Str.Escape),
      rule(/[^ \t\n\r\f\v"\\]+/, Str),
    ],
    plain_scalar_in_block_context_new_line: [
      rule(/^[ ]+\n/, Text),
      rule(/\n+/, Text),
      rule(/^(?=---|\.\.\.)/, (l: Yaml) => l.pop(3)),
      rule(/^[ ]*/, (l: Yaml, m) => {
        l.token(Text);
        l.pop();
        if (m[0].length <= indent(l)) {
          l.pop();
          saveIndent(l, m[0]);
          l.push('indentation');
        }
      }),
    ],
    plain_scalar_in_block_context: [
      rule(/[ ]*(?=:[ \n]|:$)/, Text, 'pop!'),
      rule(/[ ]*:\S+/, Str),
      rule(/[ ]+(?=#)/, Text, 'pop!'),
      rule(/[ ]+$/, Text),
      rule(/\n+/, (l: Yaml) => { l.token(Text); l.push('plain_scalar_in_block_context_new_line'); }),
      rule(/[ ]+/, Str),
      rule(/true|false|null/, Name.Constant),
      rule(/\d+(?:\.\d+)?(?=(\r?\n)| +#)/, Literal.Number, 'pop!'),
      rule(/[^\s:]+/, Str),
    ],
    plain_scalar_in_flow_context: [
      rule(/[ ]*(?=[,:?[\]{}])/, Text, 'pop!'),
      rule(/[ ]+(?=#)/, Text, 'pop!'),
      rule(/^[ ]+/, Text),
      rule(/[ ]+$/, Text),
      rule(/\n+/, Text),
      rule(/[ ]+/, Name.Variable),
      rule(/[^\s,:?[\]{}]+/, Name.Variable),
    ],
    yaml_directive: [
      rule(/([ ]+)(\d+\.\d+)/, (l: Yaml) => { l.groups(Text, Num); l.goto('ignored_line'); }),
    ],
    tag_directive: [
      rule(/([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()[\]%-]+)/, (l: Yaml) => {
        l.groups(Text, Keyword.Type, Text, Keyword.Type);
        l.goto('ignored_line');
      }),
    ],
  }),
});
