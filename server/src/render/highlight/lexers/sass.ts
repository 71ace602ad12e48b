/** Rouge's `Sass` lexer (`lexers/sass.rb` with the states of `sass/common.rb`): the indented syntax, blocks known by their indentation. */
import { Lexing, RegexLexer, rule, mixin } from '../lexer';
import { Comment, Keyword, Name, Str, Text } from '../tokens';
import { ID, sassCommonStates } from './sass-common';

/** Rouge's `Indentation` helper: a comment's block goes on over the lines indented deeper than it. */
interface Indentation {
  blockState?: string;
  blockIndentation?: string;
  lastIndentation?: string;
}

type Sass = Lexing<Indentation>;

function startsBlock(l: Sass, state: string): void {
  l.memory.blockState = state;
  l.memory.blockIndentation = l.memory.lastIndentation ?? '';
}

function indentation(l: Sass, indent: string): void {
  l.memory.lastIndentation = indent;
  const { blockState, blockIndentation } = l.memory;
  if (blockState !== undefined && blockIndentation !== undefined && indent.startsWith(blockIndentation) && indent !== blockIndentation) {
    l.push(blockState);
  } else {
    l.memory.blockState = undefined;
    l.memory.blockIndentation = undefined;
    l.push('content');
  }
}

export const sass = new RegexLexer<Indentation>({
  tag: 'sass',
  memory: () => ({}),
  states: () => ({
    ...sassCommonStates<Indentation>(),
    root: [
      rule(/[ \t]*\n/, Text),
      rule(/[ \t]*/, (l: Sass, m) => { l.token(Text); indentation(l, m[0]); }),
    ],
    content: [
      rule(/\/\/.*?$/, (l: Sass) => { l.token(Comment.Single); l.pop(); startsBlock(l, 'single_comment'); }),
      rule(/\/[*].*?\n/, (l: Sass) => { l.token(Comment.Multiline); l.pop(); startsBlock(l, 'multi_comment'); }),
      rule(/@import\b/, Keyword, 'import'),
      mixin('content_common'),
      rule(new RegExp(`=${ID}`), Name.Function, 'value'),
      rule(new RegExp(`[+]${ID}`), Name.Decorator, 'value'),
      rule(/:/, Name.Attribute, 'old_style_attr'),
      rule(/(?=[^[\n]+?:([^a-z]|$))/, (l: Sass) => l.push('attribute')),
      rule(/(?:)/, (l: Sass) => l.push('selector')),
    ],
    single_comment: [rule(/.*?$/, Comment.Single, 'pop!')],
    multi_comment: [rule(/.*?\n/, Comment.Multiline, 'pop!')],
    import: [rule(/[ \t]+/, Text), rule(/\S+/, Str), rule(/\n/, Text, 'pop!')],
    old_style_attr: [mixin('attr_common'), rule(/(?:)/, (l: Sass) => { l.pop(); l.push('value'); })],
    end_section: [rule(/\n/, (l: Sass) => { l.token(Text); l.resetStack(); })],
  }),
});
