/**
 * HTML in Markdown as kramdown reads it (`parser/kramdown/html.rb`, `parser/html.rb`): a block
 * element runs to its end tag, blank lines included; a line starting with a span element (`<span>`,
 * `<img>`, `<button>`…) is a paragraph; the `markdown` attribute of any element, however deep in raw
 * HTML, says how its content is read (`1`: as the element's kind, `span`, `block`, `0`: raw).
 */
import MarkdownIt = require('markdown-it');
import { BLOCK_CONTENT_ELEMENTS, ELEMENTS_WITHOUT_BODY, SPAN_CONTENT_ELEMENTS, SPAN_ELEMENTS } from './kramdown-elements';
import { kramdownRawHtml } from './kramdown-raw-html';
export { ELEMENTS_WITHOUT_BODY, SPAN_CONTENT_ELEMENTS, SPAN_ELEMENTS } from './kramdown-elements';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** markdown-it's own block rule `name`, to wrap where kramdown reads a little differently. */
export function builtinBlockRule(name: string): BlockRule {
  const { ruler } = new MarkdownIt().block;
  ruler.enableOnly([name]);
  return ruler.getRules('')[0] as BlockRule;
}

/** markdown-it's own HTML block rule (comments, `<?…?>`, tags it cannot pair), for lines kramdown reads as HTML too. */
const markdownItHtmlBlock = builtinBlockRule('html_block');

const BLOCK_HTML_ALT = ['paragraph', 'reference', 'blockquote'];

export function kramdownBlockHtml(md: Markdown, parseBlockHtml: boolean): void {
  md.block.ruler.before('html_block', 'kramdown_block_html', blockHtml(parseBlockHtml), { alt: BLOCK_HTML_ALT });
  md.block.ruler.at('html_block', (state, startLine, endLine, silent) => !startsWithSpanElement(state, startLine) && markdownItHtmlBlock(state, startLine, endLine, silent), { alt: BLOCK_HTML_ALT });
}

function startsWithSpanElement(state: StateBlock, line: number): boolean {
  const name = /^<\/?([a-zA-Z][\w-]*)/.exec(lineText(state, line))?.[1];
  return name !== undefined && SPAN_ELEMENTS.has(name.toLowerCase());
}

/**
 * An HTML block as kramdown reads it. With `parse_block_html: true` (or `markdown="1"`) the content
 * of a block element, each tag alone on its line, is Markdown (unless `markdown="0"`); otherwise
 * the element is raw HTML up to its end tag, however it is indented and whatever blank lines it holds.
 */
function blockHtml(parseBlockHtml: boolean): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    const start = /^<([a-zA-Z][\w-]*)(\s[^>]*)?>/.exec(lineText(state, startLine));
    if (!start || SPAN_ELEMENTS.has(start[1].toLowerCase())) return false;
    const name = start[1].toLowerCase();
    const attributes = start[2] ?? '';
    const markdown = markdownAttribute(attributes);
    const alone = /^<[^>]*>\s*$/.test(lineText(state, startLine));
    if (alone && markdown !== '0' && ((parseBlockHtml && BLOCK_CONTENT_ELEMENTS.has(name)) || markdown === '1' || markdown === 'block')) {
      return markdownInsideBlockHtml(state, startLine, endLine, silent, start[1], attributes);
    }
    const endTagLine = findEndLine(state, name, startLine, endLine);
    if (endTagLine === undefined) return false;
    if (silent) return true;
    const html = state.getLines(startLine, endTagLine + 1, state.blkIndent, true);
    // kramdown parses raw HTML and writes it again; with `markdown` attributes, or parse_block_html, the parts are read apart.
    const readsAsRaw = (element: string) => !parseBlockHtml || !(BLOCK_CONTENT_ELEMENTS.has(element) || SPAN_CONTENT_ELEMENTS.has(element));
    const written = /\smarkdown\s*=/.test(html) ? undefined : kramdownRawHtml(html, readsAsRaw);
    if (written === undefined) pushRawHtml(state, html, startLine);
    else state.push('html_block', '', 0).content = written;
    state.tokens[state.tokens.length - 1].map ??= [startLine, endTagLine + 1];
    state.line = endTagLine + 1;
    return true;
  };
}

function markdownInsideBlockHtml(state: StateBlock, startLine: number, endLine: number, silent: boolean, tagName: string, attributes: string): boolean {
  const name = tagName.toLowerCase();
  const closeLine = findClosingLine(state, name, startLine + 1, endLine);
  if (closeLine === undefined) return false;
  if (silent) return true;

  const openToken = state.push('html_block', '', 0);
  openToken.content = `<${tagName}${withoutMarkdownAttribute(attributes)}>\n`;
  openToken.map = [startLine, startLine + 1];
  const oldLineMax = state.lineMax;
  state.lineMax = closeLine;
  state.md.block.tokenize(state, startLine + 1, closeLine);
  state.lineMax = oldLineMax;
  const closeToken = state.push('html_block', '', 0);
  closeToken.content = `${lineText(state, closeLine).trim()}\n`;
  closeToken.map = [closeLine, closeLine + 1];
  state.line = closeLine + 1;
  return true;
}

/** A comment, a script or style (never looked into), or a start tag with its attributes. */
const RAW_PARTS = /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<([a-zA-Z][\w:-]*)(\s[^>]*?)?\/?>/gi;

/**
 * Raw HTML as kramdown writes it back: as it is, except that an element with a `markdown`
 * attribute has its content read as that attribute says (`handle_kramdown_html_tag`).
 * `line` is the source line the HTML starts on.
 */
function pushRawHtml(state: StateBlock, html: string, line: number): void {
  for (const match of html.matchAll(RAW_PARTS)) {
    const [tag, , name, attributes = ''] = match;
    const value = name ? markdownAttribute(attributes) : undefined;
    if (!name || value === undefined) continue;
    const model = contentModel(name.toLowerCase(), value);
    const innerStart = match.index + tag.length;
    const innerEnd = tag.endsWith('/>') || ELEMENTS_WITHOUT_BODY.test(name) ? innerStart : endTagAt(html, name, innerStart);
    const inner = html.slice(innerStart, innerEnd);
    const innerLine = line + linesIn(html.slice(0, innerStart));
    // kramdown writes the start tag of an element holding blocks on a line of its own.
    pushHtml(state, `${html.slice(0, match.index)}${tag.replace(attributes, withoutMarkdownAttribute(attributes))}${model === 'block' ? '\n' : ''}`, line);
    if (model === 'span') {
      const text = state.push('inline', '', 0);
      text.content = inner;
      text.map = [innerLine, innerLine + linesIn(inner) + 1];
      text.children = [];
    } else if (model === 'block') {
      const from = state.tokens.length;
      state.md.block.parse(inner, state.md, state.env, state.tokens);
      for (const token of state.tokens.slice(from)) {
        token.level += state.level;
        if (token.map) token.map = [token.map[0] + innerLine, token.map[1] + innerLine];
      }
    } else {
      pushRawHtml(state, inner, innerLine);
    }
    pushRawHtml(state, html.slice(innerEnd), innerLine + linesIn(inner));
    return;
  }
  pushHtml(state, html, line);
}

function linesIn(text: string): number {
  return text.split('\n').length - 1;
}

function pushHtml(state: StateBlock, html: string, line: number): void {
  if (html === '') return;
  const token = state.push('html_block', '', 0);
  token.content = html;
  token.map = [line, line + linesIn(html) + 1];
}

/** `HTML_MARKDOWN_ATTR_MAP`: how the content of an element with this `markdown` value is read. */
function contentModel(name: string, value: string): 'span' | 'block' | 'raw' {
  if (value === 'span' || value === 'block') return value;
  if (value !== '1') return 'raw';
  return BLOCK_CONTENT_ELEMENTS.has(name) ? 'block' : SPAN_CONTENT_ELEMENTS.has(name) ? 'span' : 'raw';
}

/** Where the end tag of the element `name` opened before `from` starts, or the end of the text (kramdown closes it there). */
function endTagAt(html: string, name: string, from: number): number {
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*?(/?)>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    if (match[2]) continue;
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index;
  }
  return html.length;
}

/** The value of the `markdown` attribute among an element's attributes, if it has one. */
export function markdownAttribute(attributes: string): string | undefined {
  const value = /(?:^|\s)markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(attributes);
  return value ? value[1] ?? value[2] ?? value[3] : undefined;
}

export function withoutMarkdownAttribute(attributes: string): string {
  return attributes.replace(/\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|\S+)/, '');
}

/** The line where the element started on `startLine` ends (its matching end tag, counting nested ones of the same name). */
function findEndLine(state: StateBlock, name: string, startLine: number, endLine: number): number | undefined {
  if (ELEMENTS_WITHOUT_BODY.test(name)) return startLine;
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*?(/?)>`, 'gi');
  let depth = 0;
  for (let line = startLine; line < endLine; line++) {
    for (const [, closing, selfClosing] of lineText(state, line).matchAll(tags)) {
      if (selfClosing) continue;
      depth += closing ? -1 : 1;
      if (depth === 0) return line;
    }
  }
  return undefined;
}

export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** A line as written, its indentation included. */
export function wholeLine(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line], state.eMarks[line]);
}

/** The line holding only the `</name>` that closes an element opened above, counting nested ones. */
function findClosingLine(state: StateBlock, name: string, from: number, endLine: number): number | undefined {
  const tags = new RegExp(`<(/?)${name}(?=[\\s>/])[^>]*?(/?)>`, 'gi');
  let depth = 1;
  for (let line = from; line < endLine; line++) {
    const text = lineText(state, line);
    for (const [, closing, selfClosing] of text.matchAll(tags)) {
      if (selfClosing) continue;
      depth += closing ? -1 : 1;
      if (depth === 0) return new RegExp(`^</${name}\\s*>\\s*$`, 'i').test(text) ? line : undefined;
    }
  }
  return undefined;
}
