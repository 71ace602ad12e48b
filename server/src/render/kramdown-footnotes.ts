/**
 * kramdown's footnotes: `[^name]: text` definitions (indented lines continue them), `[^name]`
 * markers numbered in the order they are first used, and the notes listed at the end with links
 * back to each marker (`Parser::Kramdown#parse_footnote_definition`, `Converter::Html#footnote_content`).
 * A marker without a definition stays text, as in kramdown.
 */
import type MarkdownIt = require('markdown-it');

import type { StretchEnv } from './markdown-stretches';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type StateCore = MarkdownIt.StateCore;
type StateInline = MarkdownIt.StateInline;

interface UsedFootnote {
  name: string;
  number: number;
  /** Markers after the first one. */
  repeats: number;
}

interface FootnotesEnv {
  kramdownFootnotes?: { definitions: Map<string, string>; used: UsedFootnote[] };
}

const DEFINITION_START = /^\[\^(\w[\w-]*)\]:[ \t]*(.*)$/;
const MARKER = /^\[\^(\w[\w-]*)\]/;
const NBSP = '\u00a0';

/** `firstNumber`: the number of the page's first note (kramdown's `footnote_nr`), from the render's env. */
export function kramdownFootnotes(md: Markdown, firstNumber: (env: unknown) => number): void {
  md.block.ruler.before('reference', 'kramdown_footnote_definition', definition);
  md.inline.ruler.before('link', 'kramdown_footnote_marker', marker);
  md.core.ruler.push('kramdown_footnotes', (state) => appendFootnotes(state, md, firstNumber(state.env)));
  md.renderer.rules.kramdown_footnote_marker = (tokens, idx, _options, env) => {
    const { name, number, repeat } = tokens[idx].meta as { name: string; number: number; repeat: number };
    return `<sup id="fnref:${name}${repeat > 0 ? `:${repeat}` : ''}" role="doc-noteref">`
      + `<a href="#fn:${name}" class="footnote" rel="footnote">${number + firstNumber(env) - 1}</a></sup>`;
  };
}

function notesOf(env: unknown): NonNullable<FootnotesEnv['kramdownFootnotes']> {
  const footnotesEnv = env as FootnotesEnv;
  footnotesEnv.kramdownFootnotes ??= { definitions: new Map(), used: [] };
  return footnotesEnv.kramdownFootnotes;
}

/** A definition runs on over lines indented by four spaces (one indent is removed), the blank lines between them, and lazy lines after them. */
function definition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = DEFINITION_START.exec(state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]));
  if (!start) return false;
  if (silent) return true;
  const lines = [start[2]];
  let line = startLine + 1;
  let indented = false;
  for (; line < endLine; line++) {
    const indentedLine = state.sCount[line] - state.blkIndent >= 4;
    if (state.isEmpty(line)) {
      let next = line + 1;
      while (next < endLine && state.isEmpty(next)) next++;
      if (next >= endLine || state.sCount[next] - state.blkIndent < 4) break;
      lines.push('');
      continue;
    }
    if (!indentedLine && !(indented && !state.isEmpty(line - 1))) break;
    indented ||= indentedLine;
    lines.push(state.src.slice(state.bMarks[line], state.eMarks[line]).replace(/^(?:\t| {4})/, ''));
  }
  notesOf(state.env).definitions.set(start[1], lines.join('\n'));
  state.line = line;
  return true;
}

function marker(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) return false;
  const match = MARKER.exec(state.src.slice(state.pos));
  const notes = notesOf(state.env);
  if (!match || !notes.definitions.has(match[1])) return false;
  if (!silent) {
    const name = match[1];
    let used = notes.used.find((note) => note.name === name);
    let repeat = 0;
    if (used) repeat = ++used.repeats;
    else notes.used.push(used = { name, number: notes.used.length + 1, repeats: 0 });
    state.push('kramdown_footnote_marker', '', 0).meta = { name, number: used.number, repeat };
  }
  state.pos += match[0].length;
  return true;
}

/** The notes that were used, in the order of their numbers, each with its links back to its markers. */
function appendFootnotes(state: StateCore, md: Markdown, firstNumber: number): void {
  const notes = (state.env as FootnotesEnv).kramdownFootnotes;
  if (!notes || notes.used.length === 0 || (state.env as StretchEnv).laterStretches) return;
  const items = notes.used.map(({ name, repeats }) => {
    const html = md.render(notes.definitions.get(name) ?? '', { ...state.env, kramdownFootnotes: undefined, lineOffset: undefined });
    const links = [name, ...Array.from({ length: repeats }, (_, index) => `${name}:${index + 1}`)]
      .map((target, index) => `<a href="#fnref:${target}" class="reversefootnote" role="doc-backlink">&#8617;${index > 0 ? `<sup>${index + 1}</sup>` : ''}</a>`);
    const body = /<\/p>\n$/.test(html)
      ? `${html.slice(0, -'</p>\n'.length)}${NBSP}${links.join(NBSP)}</p>\n`
      : `${html}<p>${links.join(NBSP)}</p>\n`;
    return `    <li id="fn:${name}" role="doc-endnote">\n${body}    </li>\n`;
  });
  const block = new state.Token('html_block', '', 0);
  const start = firstNumber === 1 ? '' : ` start="${firstNumber}"`;
  block.content = `<div class="footnotes" role="doc-endnotes">\n  <ol${start}>\n${items.join('')}  </ol>\n</div>\n`;
  state.tokens.push(block);
}
