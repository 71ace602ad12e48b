/**
 * A raw HTML block as kramdown 2.4 writes it back (`Parser::Html#parse_raw_html`, then
 * `Converter::Html#convert_html_element`): kramdown parses the HTML into elements and prints them
 * again, so attributes come out double-quoted (`data-x` as `data-x=""`), empty elements and
 * `<rect/>` as `<br />` and `<rect />`, names of HTML elements in lower case, `<`, `>` and lone `&`
 * in text as entities, and a stray end tag as text.
 */
import { ELEMENTS_WITHOUT_BODY, SPAN_CONTENT_ELEMENTS, SPAN_ELEMENTS } from './kramdown-elements';

const NAME = '[A-Za-z_][\\w.:-]*';
const START_TAG = new RegExp(`<(${NAME})\\s*((?:\\s+${NAME}(?:\\s*=\\s*(?:[\\p{L}\\p{N}_]+|("|')[\\s\\S]*?\\3))?)*)\\s*(\\/)?>`, 'uy');
const ATTRIBUTE = new RegExp(`\\s*(${NAME})(?:\\s*=\\s*(?:([\\p{L}\\p{N}_]+)|("|')([\\s\\S]*?)\\3))?`, 'gu');
const END_TAG = new RegExp(`<\\/(${NAME})\\s*>`, 'y');
const COMMENT = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>/y;
/** `HTML_RAW_START`: where a tag, an end tag, a comment or an instruction may begin. */
const RAW_START = new RegExp(`<(?:${NAME}|/|!--|\\?)`, 'g');
/** `REXML::Parsers::BaseParser::REFERENCE_RE`: an entity reference, left as it is. */
const TEXT_ESCAPES = /&(?:[A-Za-z_:][\w.:-]*|#\d+|#x[0-9a-fA-F]+);|[<>&]/g;
const ATTRIBUTE_ESCAPES = /&(?:[A-Za-z_:][\w.:-]*|#\d+|#x[0-9a-fA-F]+);|[<>&"]/g;
const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** `HTML_ELEMENT`: the names kramdown knows as HTML, whose element and attribute names it writes in lower case. */
const HTML_ELEMENTS = new Set([
  ...SPAN_ELEMENTS, ...SPAN_CONTENT_ELEMENTS,
  'address', 'article', 'aside', 'applet', 'body', 'blockquote', 'caption', 'col', 'colgroup', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'head',
  'iframe', 'legend', 'menu', 'li', 'main', 'map', 'nav', 'noscript', 'object', 'ol', 'optgroup', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'th', 'thead', 'tfoot', 'tr', 'ul', 'area', 'base', 'br', 'col', 'command', 'embed', 'img', 'input',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'script', 'style', 'math', 'option', 'textarea', 'code', 'kbd',
  'samp', 'var',
]);

const escape = (text: string, pattern: RegExp) => text.replace(pattern, (match) => ESCAPES[match] ?? match);

/**
 * The HTML block (from its first tag to the line of its last end tag) as kramdown writes it, each
 * element of the top level on a line of its own; undefined when text follows the last element on
 * its line (kramdown then reads that text as Markdown), or when `readsAsRaw` says an element of the
 * top level is read otherwise (with `parse_block_html`); the caller then leaves it as it is.
 */
export function kramdownRawHtml(html: string, readsAsRaw: (name: string) => boolean = () => true): string | undefined {
  const reader = { text: html, at: /^\s*/.exec(html)![0].length };
  let output = '';
  while (reader.at < html.length) {
    START_TAG.lastIndex = reader.at;
    const start = START_TAG.exec(html);
    COMMENT.lastIndex = reader.at;
    const comment = start ? null : COMMENT.exec(html);
    if (start && !readsAsRaw(start[1].toLowerCase())) return undefined;
    if (start) output += `${element(reader, start)}\n`;
    else if (comment) {
      output += `${comment[0]}\n`;
      reader.at += comment[0].length;
    } else return undefined;
    reader.at += /^[ \t]*(?:\r?\n\s*)?/.exec(html.slice(reader.at))![0].length;
    if (reader.at < html.length && html[reader.at] !== '<') return undefined;
  }
  return output;
}

interface Reader {
  text: string;
  at: number;
}

/** The element whose start tag `start` matched at the reader, read to its end tag (or the end of the text), as kramdown writes it. */
function element(reader: Reader, start: RegExpExecArray): string {
  reader.at += start[0].length;
  const name = HTML_ELEMENTS.has(start[1].toLowerCase()) ? start[1].toLowerCase() : start[1];
  const attributes = attributesOf(start[2], HTML_ELEMENTS.has(name));
  const open = `<${name}${attributes}`;
  if (start[4] || ELEMENTS_WITHOUT_BODY.test(name)) return `${open} />`;
  const body = name === 'script' || name === 'style' ? rawText(reader, name) : content(reader, name);
  return body === '' ? `${open}></${name}>` : `${open}>${body}</${name}>`;
}

/** `parse_raw_html`: text, comments and elements up to the end tag of `name`, which is read too. */
function content(reader: Reader, name: string): string {
  const { text } = reader;
  let output = '';
  for (;;) {
    RAW_START.lastIndex = reader.at;
    const next = RAW_START.exec(text);
    if (!next) {
      output += escape(text.slice(reader.at), TEXT_ESCAPES);
      reader.at = text.length;
      return output;
    }
    output += escape(text.slice(reader.at, next.index), TEXT_ESCAPES);
    reader.at = next.index;
    COMMENT.lastIndex = reader.at;
    START_TAG.lastIndex = reader.at;
    END_TAG.lastIndex = reader.at;
    const comment = COMMENT.exec(text);
    const start = comment ? null : START_TAG.exec(text);
    const end = comment || start ? null : END_TAG.exec(text);
    if (comment) {
      output += comment[0];
      reader.at += comment[0].length;
    } else if (start) {
      output += element(reader, start);
    } else if (end) {
      reader.at += end[0].length;
      if ((HTML_ELEMENTS.has(name) ? end[1].toLowerCase() : end[1]) === name) return output;
      output += escape(end[0], TEXT_ESCAPES);
    } else {
      output += '&lt;';
      reader.at += 1;
    }
  }
}

/** `handle_raw_html_tag`: a script's or style's text up to its end tag, as it is. */
function rawText(reader: Reader, name: string): string {
  const end = new RegExp(`<\\/${name}\\s*>`, 'gi');
  end.lastIndex = reader.at;
  const found = end.exec(reader.text);
  const raw = reader.text.slice(reader.at, found ? found.index : reader.text.length);
  reader.at = found ? found.index + found[0].length : reader.text.length;
  return raw;
}

/** `parse_html_attributes` and `html_attributes`: each ` name="value"`, the last value of a name winning in the first one's place; an empty `id` left out. */
function attributesOf(text: string, htmlElement: boolean): string {
  const attributes = new Map<string, string>();
  for (const [, rawName, word, , quoted] of text.matchAll(ATTRIBUTE)) {
    attributes.set(htmlElement ? rawName.toLowerCase() : rawName, word ?? quoted ?? '');
  }
  return [...attributes].map(([name, value]) => (name === 'id' && value.trim() === '' ? '' : ` ${name}="${escape(value, ATTRIBUTE_ESCAPES)}"`)).join('');
}
