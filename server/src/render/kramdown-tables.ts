/**
 * kramdown's tables without a separator line (`Parser::Kramdown#parse_table`): after a block
 * boundary, lines that each hold an unescaped `|` and end at a blank line are a table of body rows,
 * `a | b` alone included. markdown-it's own table rule takes the tables with a separator line after
 * the first row; lines with a separator or footer line elsewhere, or with code spans or HTML (whose
 * pipes kramdown weighs apart), are left to the other rules.
 */
import MarkdownIt = require('markdown-it');
import { lineText } from './kramdown-html';

type StateBlock = MarkdownIt.StateBlock;

/** `TABLE_PIPE_CHECK`: a pipe at the start, or after any character but a backslash. */
const HAS_PIPE = /^(?:\||.*?[^\\\n]\|)/;
/** `TABLE_SEP_LINE` and `TABLE_FSEP_LINE`. */
const SEPARATOR = /^[+|: \t-]*?-[+|: \t-]*?[ \t]*$|^[+|: \t]*?=[+|: \t=]*?[ \t]*$/;

export function kramdownTables(md: InstanceType<typeof MarkdownIt>): void {
  md.block.ruler.before('paragraph', 'kramdown_table', table);
}

function table(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const rows: string[][] = [];
  let line = startLine;
  for (; line < endLine && !state.isEmpty(line); line++) {
    const text = lineText(state, line).trimEnd();
    if (state.sCount[line] - state.blkIndent >= 4 || !HAS_PIPE.test(text) || SEPARATOR.test(text) || /[`<]/.test(text)) return false;
    rows.push(cellsOf(text));
  }
  if (rows.length === 0) return false;
  if (silent) return true;
  const columns = Math.max(...rows.map((row) => row.length));
  const map: [number, number] = [startLine, line];
  state.push('table_open', 'table', 1).map = map;
  state.push('tbody_open', 'tbody', 1);
  rows.forEach((cells, index) => {
    state.push('tr_open', 'tr', 1).map = [startLine + index, startLine + index + 1];
    for (let column = 0; column < columns; column++) {
      state.push('td_open', 'td', 1);
      const inline = state.push('inline', '', 0);
      // A row with fewer cells is filled up with empty ones, which kramdown writes as a no-break space.
      inline.content = cells[column] ?? '\u00a0';
      inline.children = [];
      state.push('td_close', 'td', -1);
    }
    state.push('tr_close', 'tr', -1);
  });
  state.push('tbody_close', 'tbody', -1);
  state.push('table_close', 'table', -1);
  state.line = line;
  return true;
}

/** The row's cells: split at unescaped pipes, a leading and a trailing empty cell dropped, each stripped. */
function cellsOf(text: string): string[] {
  const cells = text.trim().split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|'));
  if (text.trim().startsWith('|') && cells[0].trim() === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells.map((cell) => cell.trim());
}
