/**
 * Markdown as Jekyll converts it: kramdown with its default `input: GFM` parser (or plain
 * `kramdown`), `parse_block_html`, smart quotes and typographic symbols, Rouge-style code markup.
 * Built on markdown-it; only what kramdown does differently is added here.
 */
import MarkdownIt = require('markdown-it');
import { attributeValue, headerIds, IAL_BLOCK_LINE, setAttributes, spanAttributeLists } from './kramdown-attributes';
import { kramdownAbbreviations } from './kramdown-abbreviations';
import { kramdownDefinitionLists } from './kramdown-definition-lists';
import { strongOutsideEmphasis } from './kramdown-emphasis';
import { kramdownExtensions, pageSettings } from './kramdown-extensions';
import { kramdownFootnotes } from './kramdown-footnotes';
import { kramdownGfm } from './kramdown-gfm';
import { kramdownBlockHtml, lineText } from './kramdown-html';
import { kramdownLazyListLines, kramdownListParagraphs } from './kramdown-lists';
import { kramdownTables } from './kramdown-tables';
import { kramdownSpanHtml } from './kramdown-span-html';
import { DEFAULT_SETTINGS, KramdownSettings } from './kramdown-options';
import { kramdownQuotes } from './kramdown-quotes';
import { tableOfContents } from './kramdown-toc';
import { escapeCode, findLexer, highlight } from './highlight';
import { bigText } from './big-text';
import { StretchConverter, StretchEnv } from './markdown-stretches';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

/** How kramdown makes header ids: `gfm` is kramdown-parser-gfm (Jekyll's default input), `kramdown` the plain parser. */
export type HeadingIdStyle = 'gfm' | 'kramdown';

export interface MarkdownOptions {
  headingIds: HeadingIdStyle;
  /** kramdown's `parse_block_html` (false by default, as in Jekyll): Markdown inside HTML blocks. */
  parseBlockHtml?: boolean;
  /** The site's `toc_levels`, `auto_ids` and `auto_id_prefix` (kramdown's defaults when omitted); a page's `{::options /}` can change them. */
  settings?: KramdownSettings;
  /** `smart_quotes` as the site sets it: entity names or code points of the left and right single, left and right double quote. */
  smartQuotes?: unknown;
  /** Whether kramdown's syntax highlighter is Rouge (Jekyll's default); any other leaves code uncoloured. */
  rouge?: boolean;
}

export interface MarkdownRenderOptions {
  /** Adds `data-line="N"` to top-level blocks: N is the block's first line plus this offset (its line in the page file). */
  lineOffset?: number;
}

interface RenderEnv extends StretchEnv {
  usedIds: Map<string, number>;
}

function envOf(state: StateCore): RenderEnv {
  return state.env as unknown as RenderEnv;
}

/** kramdown-parser-gfm: lowercase, drop all but word characters, hyphens and blanks, blanks become hyphens. */
export function gfmHeadingId(text: string, usedIds: Map<string, number>): string {
  const id = text.toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu, '').replace(/[ \t]/g, '-');
  const count = (usedIds.get(id) ?? -1) + 1;
  usedIds.set(id, count);
  return count > 0 ? `${id}-${count}` : id;
}

/** kramdown's own parser: leading non-letters dropped, only ASCII letters, digits, spaces and hyphens kept, `section` when empty. */
export function kramdownHeadingId(text: string, usedIds: Map<string, number>): string {
  let id = text.replace(/^[^a-zA-Z]+/gm, '').replace(/[^a-zA-Z0-9 -]/g, '').replace(/ /g, '-').toLowerCase();
  if (id === '') id = 'section';
  const seen = usedIds.get(id);
  if (seen === undefined) {
    usedIds.set(id, 0);
    return id;
  }
  usedIds.set(id, seen + 1);
  return `${id}-${seen + 1}`;
}

/** kramdown's typographic symbols (its smart quotes come from markdown-it's typographer). */
const TYPOGRAPHIC_SYMBOLS: [RegExp, string][] = [
  [/---/g, '\u2014'], [/--/g, '\u2013'], [/\.\.\./g, '\u2026'],
  [/<< /g, '\u00ab '], [/ >>/g, ' \u00bb'], [/<</g, '\u00ab'], [/>>/g, '\u00bb'],
];

export class KramdownMarkdown {
  private readonly md: Markdown;
  /** Typography alone, for `smartify`: no Markdown syntax; HTML tags kept, as kramdown keeps them. */
  private readonly typographyOnly: Markdown;
  private readonly stretches: StretchConverter;

  constructor(private readonly options: MarkdownOptions) {
    this.md = new MarkdownIt({ html: true, xhtmlOut: true, typographer: true, linkify: false, breaks: false });
    kramdownQuotes(this.md, options.smartQuotes);
    // markdown-it's replacements also turn (c) into ©, which kramdown does not.
    this.md.disable('replacements');
    this.md.core.ruler.before('smartquotes', 'kramdown_typography', typography);
    kramdownSpanHtml(this.md, escapeCode);
    this.md.core.ruler.before('kramdown_span_html', 'kramdown_span_ial', spanAttributeLists);
    this.md.core.ruler.before('kramdown_span_ial', 'kramdown_strong_outside', strongOutsideEmphasis);
    this.md.core.ruler.after('block', 'kramdown_ial', applyAttributeLists);
    // Before the attribute lists: an IAL's `#id` below the header wins over its `{#id}`.
    this.md.core.ruler.after('block', 'kramdown_header_id', headerIds);
    this.md.core.ruler.after('kramdown_ial', 'kramdown_list_paragraphs', kramdownListParagraphs);
    this.md.core.ruler.push('kramdown_heading_ids', (state) => this.addHeadingIds(state));
    this.md.core.ruler.push('kramdown_toc', tableOfContents((state) => this.settingsOf(state.env).tocLevels, (tokens) => this.md.renderer.renderInline(tokens, this.md.options, {})));
    kramdownFootnotes(this.md, (env) => this.settingsOf(env).footnoteNr);
    kramdownDefinitionLists(this.md);
    kramdownLazyListLines(this.md);
    kramdownAbbreviations(this.md, 'kramdown_heading_ids');
    kramdownExtensions(this.md);
    if (options.headingIds === 'gfm') kramdownGfm(this.md);
    this.md.core.ruler.push('source_lines', markSourceLines);
    this.md.block.ruler.before('paragraph', 'kramdown_ial_ends_paragraph', attributeListEndsParagraph, { alt: ['paragraph'] });
    kramdownBlockHtml(this.md, options.parseBlockHtml ?? false);
    kramdownTables(this.md);
    this.md.inline.ruler.at('newline', lineEnd);
    this.md.core.ruler.push('kramdown_table_alignment', tableAlignment);
    const rouge = options.rouge ?? true;
    // kramdown escapes only &, < and > in text: quotes it leaves straight stay `"`.
    this.md.renderer.rules.text = (tokens, idx) => escapeCode(tokens[idx].content);
    this.md.renderer.rules.code_inline = (tokens, idx) => codeSpan(tokens[idx], rouge);
    // After a list item's text (a hidden paragraph) a block starts on its own line, as markdown-it's own blocks do.
    const lineBreak = (tokens: Token[], idx: number): string => (tokens[idx - 1]?.hidden ? '\n' : '');
    this.md.renderer.rules.fence = (tokens, idx) => lineBreak(tokens, idx) + codeBlock(tokens[idx], tokens[idx].info.trim().split(/\s+/)[0] ?? '', rouge);
    this.md.renderer.rules.code_block = (tokens, idx) => lineBreak(tokens, idx) + codeBlock(tokens[idx], '', rouge);
    this.stretches = new StretchConverter(this.md);
    this.typographyOnly = new MarkdownIt('zero', { typographer: true, html: true }).enable(['smartquotes', 'html_inline']);
    this.typographyOnly.core.ruler.before('smartquotes', 'kramdown_typography', typography);
    kramdownQuotes(this.typographyOnly, options.smartQuotes);
  }

  render(text: string, options: MarkdownRenderOptions = {}): string {
    const env: RenderEnv = { usedIds: new Map(), lineOffset: options.lineOffset };
    // kramdown ends every document with a line break, an empty one too.
    return this.stretches.render(text, env, bigText.markdownChars) || '\n';
  }

  /** Jekyll's `smartify`: quotes and dashes only, HTML tags kept, the rest of the text as it is. */
  smartify(text: string): string {
    return this.typographyOnly.renderInline(text);
  }

  /** The site's kramdown settings with those the page's `{::options /}` set. */
  private settingsOf(env: unknown): KramdownSettings {
    return pageSettings(this.options.settings ?? DEFAULT_SETTINGS, env);
  }

  private addHeadingIds(state: StateCore): void {
    const env = envOf(state);
    const { autoIds, autoIdPrefix } = this.settingsOf(state.env);
    if (!autoIds) return;
    const makeId = this.options.headingIds === 'gfm' ? gfmHeadingId : kramdownHeadingId;
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' || token.attrGet('id') !== null) return;
      token.attrSet('id', autoIdPrefix + makeId(headingText(state.tokens[index + 1]?.children ?? []), env.usedIds));
    });
  }
}

/** The header text kramdown ids are made from: text and code, after typography; raw HTML and images give nothing. */
function headingText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += '\n';
  }
  return text;
}

function typography(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let insideLink = 0;
    for (const child of block.children) {
      if (child.type === 'link_open' && child.info === 'auto') insideLink++;
      else if (child.type === 'link_close' && child.info === 'auto') insideLink--;
      else if (child.type === 'text' && insideLink === 0) {
        for (const [pattern, symbol] of TYPOGRAPHIC_SYMBOLS) child.content = child.content.replace(pattern, symbol);
      }
    }
  }
}

/**
 * A code span as kramdown writes it (`convert_codespan`): coloured as plaintext, or in the language
 * a `language-x` class of its attribute list names, with Rouge's classes before and after its own.
 */
function codeSpan(token: Token, rouge: boolean): string {
  const own = String(token.attrGet('class') ?? '');
  const language = /\blanguage-(\S+)/.exec(own)?.[1];
  const others = otherAttributes(token);
  const lexer = rouge ? findLexer(language ?? 'plaintext') : undefined;
  if (!lexer) return `<code${own === '' ? '' : ` class="${attributeValue(own)}"`}${others}>${escapeCode(token.content)}</code>`;
  const classes = `${own} highlighter-rouge`.trim().replace(/\blanguage-\S+|^/, (found) => (found === '' ? 'language-plaintext ' : found));
  return `<code class="${attributeValue(classes)}"${others}>${highlight(token.content, lexer)}</code>`;
}

function otherAttributes(token: Token): string {
  return (token.attrs ?? []).filter(([name]) => name !== 'class').map(([name, value]) => ` ${name}="${attributeValue(String(value))}"`).join('');
}

/**
 * A code block as kramdown writes it with Rouge (`convert_codeblock`): the language comes from the
 * fence (`ruby`, or `ruby?options`) or else from a `language-x` class of an attribute list, and is
 * `plaintext` when neither names one. A language Rouge does not know, or a site whose highlighter
 * is not Rouge, gets the code uncoloured in a bare `<pre><code>`, as kramdown writes it.
 */
function codeBlock(token: Token, fenceLanguage: string, rouge: boolean): string {
  const fenceClass = fenceLanguage === '' ? '' : `language-${fenceLanguage.split('?')[0]}`;
  const classes = `${fenceClass} ${token.attrGet('class') ?? ''}`.trim();
  const classLanguage = /\blanguage-(\S+)/.exec(classes)?.[1];
  const otherClasses = classes.replace(/\blanguage-\S+/, '').trim();
  const others = otherAttributes(token);
  const lexer = rouge ? findLexer(fenceLanguage || classLanguage || 'plaintext') : undefined;
  if (!lexer) {
    const preClass = otherClasses === '' ? '' : ` class="${attributeValue(otherClasses)}"`;
    const codeClass = classLanguage === undefined ? '' : ` class="language-${attributeValue(classLanguage)}"`;
    return `<pre${preClass}${others}><code${codeClass}>${escapeCode(token.content.replace(/\n$/, ''))}\n</code></pre>\n`;
  }
  const divClass = [`language-${classLanguage ?? 'plaintext'}`, otherClasses, 'highlighter-rouge'].filter(Boolean).join(' ');
  // kramdown indents the closing tag as deep as the block sits (two spaces a level), as in a list item.
  return `<div class="${attributeValue(divClass)}"${others}><div class="highlight"><pre class="highlight"><code>${highlight(token.content, lexer)}</code></pre></div>${' '.repeat(2 * token.level)}</div>\n`;
}

/** kramdown's inline attribute lists: `{: .class #id key="value"}` after a block, or on its own line below it. */
const IAL_LINE = /(?:^|\n)\{:(?![:/])\s*([^}]*)\}\s*$/;

/** kramdown ends a paragraph at a block IAL line (`LAZY_END`); the text after it is a new paragraph. */
function attributeListEndsParagraph(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  return silent && state.sCount[startLine] - state.blkIndent < 4 && IAL_BLOCK_LINE.test(lineText(state, startLine));
}

/** An IAL line that starts a paragraph, with text after it. */
const LEADING_IAL = /^\{:(?![:/])\s*([^}]*)\}[ \t]*\n(?=[\s\S]*\S)/;

/**
 * kramdown's block IALs (`parse_block_extensions`): an IAL line applies to the block it directly
 * follows; after a blank line (or at the start) it applies to the block after it, or to nothing.
 */
function applyAttributeLists(state: StateCore): void {
  const tokens = state.tokens;
  const lines = state.src.split('\n');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const open = tokens[i - 1];
    if (token.type !== 'inline' || !open) continue;
    // The first block inside a list item or quote has no block before it.
    const previous = tokens[i - 2] && tokens[i - 2].nesting !== 1 ? previousBlockOpen(tokens, i - 1) : undefined;
    const lineBefore = open.map && open.map[0] > 0 ? lines[open.map[0] - 1].replace(/^[\s>]*/, '') : '';
    const follows = previous !== undefined && lineBefore !== '';
    const leading = open.type === 'paragraph_open' ? LEADING_IAL.exec(token.content) : null;
    if (leading) {
      token.content = token.content.slice(leading[0].length);
      setAttributes(follows ? previous! : open, leading[1]);
    }
    const match = IAL_LINE.exec(token.content);
    if (!match) continue;
    if (match.index === 0 && open.type === 'paragraph_open') {
      const next = tokens[i + 2];
      const target = follows ? previous : next && next.nesting !== -1 ? next : undefined;
      if (target) setAttributes(target, match[1]);
      tokens.splice(i - 1, 3);
      i -= 2;
    } else {
      token.content = token.content.slice(0, match.index);
      setAttributes(listEndedBy(state, tokens, i) ?? open, match[1]);
    }
  }
}

/**
 * The list an IAL line ends, when markdown-it read it as a lazy line of the list's last paragraph:
 * kramdown ends the list at an IAL less indented than the item's text, and applies it to the list.
 */
function listEndedBy(state: StateCore, tokens: Token[], inline: number): Token | undefined {
  const line = inline > 0 && tokens[inline - 1].map ? tokens[inline - 1].map![1] - 1 : undefined;
  if (line === undefined) return undefined;
  let close: Token | undefined;
  for (let j = inline + 2; tokens[j]?.type === 'list_item_close' || /_list_close$/.test(tokens[j]?.type ?? ''); j++) {
    if (tokens[j].type !== 'list_item_close') close = tokens[j];
  }
  const indent = /^ */.exec(state.src.split('\n')[line] ?? '')![0].length;
  if (!close || indent >= 2) return undefined;
  const openType = close.type.replace(/_close$/, '_open');
  return tokens.slice(0, inline).reverse().find((token) => token.type === openType && token.level === close!.level);
}

function previousBlockOpen(tokens: Token[], index: number): Token | undefined {
  const close = tokens[index - 1];
  if (!close) return undefined;
  if (close.nesting === 0) return close;
  const openType = close.type.replace(/_close$/, '_open');
  for (let j = index - 2; j >= 0; j--) {
    if (tokens[j].type === openType && tokens[j].level === close.level) return tokens[j];
  }
  return undefined;
}

/** Top-level blocks get `data-line` (their line in the page file) when the caller asks, for scroll sync. */
function markSourceLines(state: StateCore): void {
  const offset = envOf(state).lineOffset;
  if (offset === undefined) return;
  for (const token of state.tokens) {
    if (token.level === 0 && token.nesting >= 0 && token.map && token.type !== 'html_block' && token.type !== 'inline') {
      token.attrSet('data-line', String(token.map[0] + offset));
    }
  }
}

/**
 * A line end inside a paragraph as kramdown reads it: two or more spaces before it make a `<br />`;
 * one space stays in the text, and so does the next line's indentation (markdown-it drops both).
 */
function lineEnd(state: MarkdownIt.StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x0a) return false;
  if (!silent) {
    const spaces = /[ ]*$/.exec(state.pending)![0].length;
    if (spaces >= 2) {
      state.pending = state.pending.slice(0, -spaces);
      state.push('hardbreak', 'br', 0);
    } else {
      state.push('softbreak', 'br', 0);
    }
  }
  state.pos++;
  return true;
}

/** kramdown writes a column's alignment as `style="text-align: left"`, with a space after the colon. */
function tableAlignment(state: MarkdownIt.StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    if (typeof style === 'string' && style.startsWith('text-align:')) token.attrSet('style', style.replace('text-align:', 'text-align: '));
  }
}
