/**
 * kramdown's extensions (`Parser::Kramdown#parse_extension_start_tag`, `#handle_extension`), as
 * blocks (tags alone on their lines) and inside text: `{::comment}…{:/comment}` becomes an HTML
 * comment, `{::nomarkdown}…{:/}` is written as it is (nothing unless its `type` is HTML), and
 * `{::options key="value" /}` sets kramdown options for the page. An unknown extension, or one
 * whose stop tag is missing, stays text.
 */
import type MarkdownIt = require('markdown-it');
import { KramdownSettings, withOption } from './kramdown-options';

type Markdown = InstanceType<typeof MarkdownIt>;
type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;

/** `EXT_START_STR`: name, attributes, and `/` when the tag closes itself. */
const START_TAG = '\\{::(\\w+)(?:\\s((?:\\\\\\}|[^}])*?)|)(\\/)?\\}';
const BLOCK_START = new RegExp(`^ {0,3}${START_TAG}\\s*$`);
const SPAN_START = new RegExp(`^${START_TAG}`);
const EXTENSIONS = new Set(['comment', 'nomarkdown', 'options']);

interface ExtensionsEnv {
  /** Options the page's `{::options /}` set, in order. */
  kramdownOptions?: [string, string][];
}

/** The page's settings: the site's, then those its `{::options /}` tags set. */
export function pageSettings(site: KramdownSettings, env: unknown): KramdownSettings {
  return ((env as ExtensionsEnv).kramdownOptions ?? []).reduce((settings, [name, value]) => withOption(settings, name, value), site);
}

export function kramdownExtensions(md: Markdown): void {
  md.block.ruler.before('paragraph', 'kramdown_block_extension', blockExtension);
  md.inline.ruler.before('text', 'kramdown_span_extension', spanExtension);
  md.renderer.rules.kramdown_raw = (tokens, idx) => tokens[idx].content;
}

/** `parse_attribute_list` for `key="value"` pairs (the only kind these extensions read). */
function attributes(list: string): [string, string][] {
  return [...list.matchAll(/([\w-]+)=(?:"((?:\\"|[^"])*)"|'((?:\\'|[^'])*)')/g)]
    .map(([, name, double, single]) => [name, (double ?? single).replace(/\\(["'}])/g, '$1')]);
}

/** What an extension writes, or undefined when kramdown does not know it (it then stays text). */
function output(name: string, list: string, body: string | undefined, env: unknown, block: boolean): string | undefined {
  const options = attributes(list);
  switch (name) {
    case 'comment':
      return body === undefined ? '' : `<!-- ${body} -->${block ? '\n' : ''}`;
    case 'nomarkdown': {
      const types = (options.find(([key]) => key === 'type')?.[1] ?? '').split(/\s+/).filter(Boolean);
      if (body === undefined || (types.length > 0 && !types.includes('html'))) return '';
      return body + (block ? '\n' : '');
    }
    case 'options': {
      const extensionsEnv = env as ExtensionsEnv;
      extensionsEnv.kramdownOptions = [...(extensionsEnv.kramdownOptions ?? []), ...options];
      return '';
    }
    default:
      return undefined;
  }
}

function blockExtension(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = BLOCK_START.exec(state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]));
  if (!start) return false;
  const [, name, list = '', selfClosing] = start;
  let stopLine = startLine;
  if (!selfClosing) {
    const stop = new RegExp(`^ {0,3}\\{:/(?:${name})?\\}\\s*$`);
    do stopLine++;
    while (stopLine < endLine && !stop.test(state.src.slice(state.bMarks[stopLine], state.eMarks[stopLine])));
    if (stopLine >= endLine) return false;
  }
  const body = selfClosing ? undefined : state.src.slice(state.bMarks[startLine + 1], stopLine > startLine + 1 ? state.eMarks[stopLine - 1] : state.bMarks[startLine + 1]);
  if (silent) return EXTENSIONS.has(name);
  const html = output(name, list, body, state.env, true);
  if (html === undefined) return false;
  const token = state.push('kramdown_raw', '', 0);
  token.content = html;
  token.map = [startLine, stopLine + 1];
  state.line = stopLine + 1;
  return true;
}

function spanExtension(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */ || state.src.charCodeAt(state.pos + 1) !== 0x3a /* : */) return false;
  const start = SPAN_START.exec(state.src.slice(state.pos));
  if (!start) return false;
  const [tag, name, list = '', selfClosing] = start;
  let end = state.pos + tag.length;
  let body: string | undefined;
  if (!selfClosing) {
    const stop = new RegExp(`\\{:/(?:${name})?\\}`, 'g');
    stop.lastIndex = end;
    const found = stop.exec(state.src);
    if (!found) return false;
    body = state.src.slice(end, found.index);
    end = found.index + found[0].length;
  }
  if (silent) {
    if (!EXTENSIONS.has(name)) return false;
  } else {
    const html = output(name, list, body, state.env, false);
    if (html === undefined) return false;
    state.push('kramdown_raw', '', 0).content = html;
  }
  state.pos = end;
  return true;
}
