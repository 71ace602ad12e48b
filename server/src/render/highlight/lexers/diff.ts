/** Rouge's `Diff` lexer (`lexers/diff.rb`): unified diffs, line by line. */
import { Lexing, RegexLexer, rule } from '../lexer';
import { Generic, Punctuation, Text } from '../tokens';

export const diff = new RegexLexer({
  tag: 'diff',
  aliases: ['patch', 'udiff'],
  states: () => ({
    root: [
      rule(/^ .*$\n?/, Text),
      rule(/^---$\n?/, Punctuation),
      rule(/^[+>]+.*$\n?/, Generic.Inserted),
      rule(/^\+.*$\n?/, Generic.Inserted),
      rule(/^[-<]+.*$\n?/, Generic.Deleted),
      rule(/^!.*$\n?/, Generic.Strong),
      rule(/^([Ii]ndex|diff).*$\n?/, Generic.Heading),
      rule(/^(@@[^@]*@@)([^\n]*\n)/, (l: Lexing<undefined>) => l.groups(Punctuation, Text)),
      rule(/^\w.*$\n?/, Punctuation),
      rule(/^=.*$\n?/, Generic.Heading),
      rule(/\s.*$\n?/, Text),
    ],
  }),
});
