/** Rouge's `PlainText`: the whole text as one plain token, no spans. */
import { RegexLexer, rule } from '../lexer';
import { Text } from '../tokens';

export const plaintext = new RegexLexer({
  tag: 'plaintext',
  aliases: ['text'],
  states: () => ({ root: [rule(/[\s\S]+/, Text)] }),
});
