/** Rouge's `HTML` lexer (`lexers/html.rb`): tags, attributes, comments; `<script>` and `<style>` lexed as JavaScript and CSS. */
import { Lexing, RegexLexer, Run, mixin, rule } from '../lexer';
import { Comment, Name, Str, Text } from '../tokens';
import { css } from './css';
import { javascript } from './javascript';

/** The script and style lexes, each going on from one piece of the element's text to the next. */
interface Embedded {
  javascript: Run;
  css: Run;
}

type Html = Lexing<Embedded>;

/** A tag or attribute name: Ruby's `\p{Word}` is letters, marks, decimal digits and connector punctuation. */
const WORD = String.raw`\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}`;
const NAME = `[\\p{L}:_-][${WORD}:.·-]*`;

export const html = new RegexLexer<Embedded>({
  tag: 'html',
  memory: () => ({ javascript: javascript.begin(), css: css.begin() }),
  states: () => ({
    root: [
      rule(/[^<&]+/s, Text),
      rule(/&\S*?;/, Name.Entity),
      rule(/<!DOCTYPE .*?>/is, Comment.Preproc),
      rule(/<!\[CDATA\[.*?\]\]>/s, Comment.Preproc),
      rule(/<!--/, Comment, 'comment'),
      rule(/<\?.*?\?>/s, Comment.Preproc),
      rule(/<\s*script\s*/s, (l: Html) => {
        l.token(Name.Tag);
        l.memory.javascript = javascript.begin();
        l.push('script_content');
        l.push('tag');
      }),
      rule(/<\s*style\s*/s, (l: Html) => {
        l.token(Name.Tag);
        l.memory.css = css.begin();
        l.push('style_content');
        l.push('tag');
      }),
      rule(/<\//, Name.Tag, 'tag_end'),
      rule(/</, Name.Tag, 'tag_start'),
      rule(new RegExp(`<\\s*${NAME}`, 'u'), Name.Tag, 'tag'),
      rule(new RegExp(`<\\s*/\\s*${NAME}\\s*>`, 'u'), Name.Tag),
    ],
    tag_end: [
      mixin('tag_end_end'),
      rule(new RegExp(NAME, 'u'), (l: Html) => { l.token(Name.Tag); l.goto('tag_end_end'); }),
    ],
    tag_end_end: [rule(/\s+/, Text), rule(/>/, Name.Tag, 'pop!')],
    tag_start: [
      rule(/\s+/, Text),
      rule(new RegExp(NAME, 'u'), (l: Html) => { l.token(Name.Tag); l.goto('tag'); }),
      rule(/(?:)/, (l: Html) => l.goto('tag')),
    ],
    comment: [rule(/[^-]+/, Comment), rule(/-->/, Comment, 'pop!'), rule(/-/, Comment)],
    tag: [
      rule(/\s+/, Text),
      rule(new RegExp(`[\\p{L}:_\\[\\]()*.-][${WORD}:.·\\[\\]()*-]*\\s*=\\s*`, 'su'), Name.Attribute, 'attr'),
      rule(new RegExp(`[\\p{L}:_*#-][${WORD}:.·*#-]*`, 'u'), Name.Attribute),
      rule(/\/?\s*>/s, Name.Tag, 'pop!'),
    ],
    attr: [
      rule(/"/, (l: Html) => { l.token(Str); l.goto('dq'); }),
      rule(/'/, (l: Html) => { l.token(Str); l.goto('sq'); }),
      rule(/[^\s>]+/, Str, 'pop!'),
    ],
    dq: [rule(/"/, Str, 'pop!'), rule(/[^"]+/, Str)],
    sq: [rule(/'/, Str, 'pop!'), rule(/[^']+/, Str)],
    script_content: [
      rule(/[^<]+/, (l: Html) => l.delegate(l.memory.javascript)),
      rule(/<\s*\/\s*script\s*>/s, Name.Tag, 'pop!'),
      rule(/</, (l: Html) => l.delegate(l.memory.javascript)),
    ],
    style_content: [
      rule(/[^<]+/, (l: Html) => l.delegate(l.memory.css)),
      rule(/<\s*\/\s*style\s*>/s, Name.Tag, 'pop!'),
      rule(/</, (l: Html) => l.delegate(l.memory.css)),
    ],
  }),
});
