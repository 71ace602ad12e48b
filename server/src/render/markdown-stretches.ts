/**
 * A long Markdown text converted a stretch of top-level blocks at a time, so that markdown-it's
 * tokens for the whole page never exist at once: for a 50 MB page they took most of a gigabyte, and
 * most of the time went to collecting them. The HTML is the same as converting the text whole:
 * - where to cut comes from markdown-it's own block parse of the whole text (its tokens dropped as it
 *   goes), which also gathers what the whole page shares (link references, footnote definitions) into
 *   the env before any stretch is converted;
 * - a cut falls only before a top-level block that starts at the left edge, after a blank line, with a
 *   letter or `#` (a paragraph or header: no block before it can continue it), and not after a block
 *   starting with `{:` (an attribute list applies to a neighbour) or after a definition list (kramdown
 *   joins the terms and definitions that follow into it);
 * - header ids and footnote numbers go on through the shared env; the footnotes are listed after the
 *   last stretch (`laterStretches`);
 * - a text with a `{:toc}` is converted whole: its table lists every header of the page.
 */
import type MarkdownIt = require('markdown-it');
import { JoinedText } from './joined-text';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;

/** What stretches share through markdown-it's env besides what the rules keep there. */
export interface StretchEnv {
  /** Line numbers (`data-line`) are offset by this; each stretch adds its own first line. */
  lineOffset?: number;
  /** Set while a stretch that is not the last converts: end-of-page output waits for the last. */
  laterStretches?: boolean;
}

interface Cut {
  offset: number;
  line: number;
}

const STARTS_FRESH_BLOCK = /[\p{L}#]/u;
const TABLE_OF_CONTENTS = /\{:[^}\n]*\btoc\b/;

/** Where the block parse of a whole text may be cut: one cut at most every `stretchChars`. */
class CutFinder {
  readonly cuts: Cut[] = [];
  private lastCut = 0;
  private previousStart = -1;

  constructor(private readonly stretchChars: number) {}

  /** Called at the start of each top-level block. */
  blockAt(state: StateBlock, line: number): void {
    // The tokens of this pass are not kept (it only finds where to cut, and fills the env), but for
    // the last few: a definition list's rule looks back at its terms and at a list before them.
    if (state.tokens.length > 64) state.tokens.splice(0, state.tokens.length - 8);
    const previous = this.previousStart;
    this.previousStart = line;
    if (previous < 0 || state.sCount[line] !== 0 || !state.isEmpty(line - 1)) return;
    const offset = state.bMarks[line];
    if (offset - this.lastCut < this.stretchChars) return;
    if (!STARTS_FRESH_BLOCK.test(state.src[offset]) || state.src[state.bMarks[previous] + state.tShift[previous]] === '{') return;
    if (state.tokens[state.tokens.length - 1]?.type === 'dl_close') return;
    this.cuts.push({ offset, line });
    this.lastCut = offset;
  }
}

export class StretchConverter {
  /** How deep in nested block parses markdown-it is: top-level blocks start at depth 1. */
  private depth = 0;
  private finder: CutFinder | undefined;

  /** Installs a block rule that runs first and only watches where top-level blocks start. */
  constructor(private readonly md: Markdown) {
    const tokenize = md.block.tokenize.bind(md.block);
    md.block.tokenize = (state, startLine, endLine) => {
      this.depth++;
      try {
        tokenize(state, startLine, endLine);
      } finally {
        this.depth--;
      }
    };
    const first = (md.block.ruler as unknown as { __rules__: { name: string }[] }).__rules__[0].name;
    md.block.ruler.before(first, 'stretch_cuts', (state, startLine) => {
      if (this.finder && this.depth === 1) this.finder.blockAt(state, startLine);
      return false;
    });
  }

  /** `md.render(text, env)`, converted about `stretchChars` characters at a time. */
  render(text: string, stretchEnv: StretchEnv, stretchChars: number): string {
    const env = stretchEnv as StretchEnv & MarkdownIt.Env;
    if (text.length <= stretchChars || TABLE_OF_CONTENTS.test(text)) return this.md.render(text, env);
    // markdown-it's own normalisation, so that the cuts' offsets and lines are those of its text.
    const source = text.replace(/\r\n?|\n/g, '\n').replace(/\0/g, '\uFFFD');
    const cuts = this.cuts(source, env, stretchChars);
    const lineOffset = env.lineOffset;
    const html = new JoinedText();
    let from: Cut = { offset: 0, line: 0 };
    for (const to of [...cuts, { offset: source.length, line: -1 }]) {
      env.lineOffset = lineOffset === undefined ? undefined : lineOffset + from.line;
      env.laterStretches = to.offset < source.length;
      html.add(this.md.render(source.slice(from.offset, to.offset), env));
      from = to;
    }
    env.lineOffset = lineOffset;
    env.laterStretches = undefined;
    return html.toString();
  }

  private cuts(source: string, env: MarkdownIt.Env, stretchChars: number): Cut[] {
    this.finder = new CutFinder(stretchChars);
    try {
      this.md.block.parse(source, this.md, env, []);
      return this.finder.cuts;
    } finally {
      this.finder = undefined;
    }
  }
}
