/**
 * Why YAML cannot be read, in plain words, for the mistakes authors actually make (an unquoted `: ` in
 * a value, a wrapped value indented too little, `-path:` without a space, a tab, a quote never closed),
 * with the line to mend and a fix: what the `yaml-syntax` check reports and the preview's banner says.
 */
import type { YamlProblem } from './parse';
import { LineIndex } from './text';
import { nextCharacter, quote, quoteFix } from '../rules/fields';
import type { Finding } from '../rules/rule';

/** What Jekyll does with YAML it cannot read, said after each explanation. */
export interface YamlFile {
  /** How messages name the YAML: "front matter". */
  name: string;
  consequence: string;
  /** What Jekyll does when the YAML is a single value or a list instead of `name: value` lines. */
  whenNotAMapping: string;
}

export const FRONT_MATTER: YamlFile = {
  name: 'front matter',
  consequence: 'Until it is fixed, Jekyll ignores ALL of this front matter: the page loses its title and layout and drops out of every menu.',
  whenNotAMapping: 'Jekyll stops with "Invalid YAML front matter" on such a page.',
};

export const CONFIG: YamlFile = {
  name: '`_config.yml`',
  consequence: 'Until it is fixed, Jekyll cannot read ANY of the site\'s settings: the build fails, or runs without the title, plugins, menus and `defaults` set here.',
  whenNotAMapping: 'Jekyll stops: it cannot read the site\'s settings.',
};

/** `key: value` or `- key: value`, with the pieces' columns. */
const KEY_LINE = /^(\s*)(-\s+)?([^\s#'"\-[{][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

/**
 * Where YAML nested too deeply overflowed the parser's stack depends on how much stack the
 * process has left, so the same text would move its problem: point at the start of the YAML.
 */
export function stablyPlaced(problem: YamlProblem, yamlStart: number): YamlProblem {
  return problem.kind === 'too-deep' ? { ...problem, start: yamlStart, end: yamlStart + 1 } : problem;
}

export function explainProblem(problem: YamlProblem, lines: LineIndex, file: YamlFile = FRONT_MATTER): Finding {
  if (problem.kind === 'not-a-mapping') {
    return { start: problem.start, end: problem.end, message: `The ${file.name} must be made of \`name: value\` lines, but this is a single value or a list. ${file.whenNotAMapping}` };
  }
  const finding = explainCause(problem, lines);
  return { ...finding, message: `${finding.message} ${file.consequence}` };
}

/** What went wrong, for the mistakes authors actually make; the consequence is added by the caller. */
function explainCause(problem: YamlProblem, lines: LineIndex): Finding {
  if (problem.kind === 'too-deep') {
    return { start: problem.start, end: problem.end, message: `${problem.message} Flatten the structure.` };
  }
  if (problem.kind === 'alias-limit') {
    return { start: problem.start, end: problem.end, message: `${problem.message} Write the values out instead of repeating aliases.` };
  }
  const lineNumber = lines.positionAt(problem.start).line;
  return explainUnclosedQuote(problem, lines, lineNumber)
    ?? explainTab(problem, lines, lineNumber)
    ?? explainDash(lines, lineNumber)
    ?? explainColonInValue(lines, lineNumber)
    ?? explainIndentedField(lines, lineNumber)
    ?? explainShallowContinuation(lines, lineNumber)
    ?? {
      start: problem.start,
      end: Math.max(problem.end, nextCharacter(lines.text, problem.start)),
      message: `YAML cannot read line ${lineNumber + 1}: ${problem.message.replace(/ at line \d+, column \d+:?$/, '')}.`,
    };
}

function lineRange(lines: LineIndex, line: number): { start: number; end: number } {
  const text = lines.lineText(line);
  const indent = text.length - text.trimStart().length;
  return { start: lines.lineStart(line) + indent, end: lines.lineEnd(line) };
}

/** `-path: x`: a list item needs a space after its dash. */
function explainDash(lines: LineIndex, line: number): Finding | undefined {
  for (const candidate of [line, line - 1]) {
    if (candidate < 0) continue;
    const text = lines.lineText(candidate);
    const match = /^(\s*)-([^\s-][^:]*):/.exec(text);
    if (!match) continue;
    const dash = lines.lineStart(candidate) + match[1].length;
    return {
      ...lineRange(lines, candidate),
      message: `A list item needs a space after the dash: write \`- ${match[2]}:\` instead of \`-${match[2]}:\`.`,
      fixes: [{ title: `Add a space after the dash (\`- ${match[2]}:\`)`, safe: false, preferred: true, edits: [{ start: dash + 1, end: dash + 1, newText: ' ' }] }],
    };
  }
  return undefined;
}

function explainTab(problem: YamlProblem, lines: LineIndex, line: number): Finding | undefined {
  if (problem.code !== 'TAB_AS_INDENT') return undefined;
  const text = lines.lineText(line);
  const tabs = /^[ \t]*/.exec(text)?.[0] ?? '';
  const start = lines.lineStart(line);
  return {
    start, end: start + tabs.length,
    message: `Line ${line + 1} is indented with a tab, and YAML only allows spaces for indentation. Replace the tab with spaces.`,
    fixes: [{ title: 'Replace the tabs with spaces', safe: false, preferred: true, edits: [{ start, end: start + tabs.length, newText: tabs.replace(/\t/g, '  ') }] }],
  };
}

/** `title: Results: the first year`: the second `: ` starts a mapping where none may be. */
function explainColonInValue(lines: LineIndex, line: number): Finding | undefined {
  const text = lines.lineText(line);
  const match = KEY_LINE.exec(text);
  if (!match || match[4] === undefined) return undefined;
  const value = stripComment(match[4]);
  if (!/:(\s|$)/.test(value) || /^["'|>[{&*!]/.test(value)) return undefined;
  const key = unquoteKey(match[3]);
  const valueStart = lines.lineStart(line) + text.indexOf(match[4], match[1].length + (match[2]?.length ?? 0) + match[3].length + 1);
  return {
    start: valueStart, end: valueStart + value.length,
    message: `The value of \`${key}\` contains \`: \`, which YAML reads as the start of another field. Put the whole value in quotes: \`${key}: ${quote(value)}\`.`,
    fixes: [quoteFix(valueStart, value)],
  };
}

/** `title: x` followed by an indented `weight: 1`: the indented field reads as part of `title`'s value. */
function explainIndentedField(lines: LineIndex, line: number): Finding | undefined {
  const match = KEY_LINE.exec(lines.lineText(line));
  if (!match || match[4] === undefined || stripComment(match[4]) === '') return undefined;
  const keyIndent = match[1].length + (match[2]?.length ?? 0);
  const next = line + 1;
  if (next >= lines.lineCount) return undefined;
  const nextText = lines.lineText(next);
  const nextIndent = nextText.length - nextText.trimStart().length;
  const nextMatch = KEY_LINE.exec(nextText);
  if (!nextMatch || nextIndent <= keyIndent || nextMatch[2]) return undefined;
  const nextKey = unquoteKey(nextMatch[3]);
  const key = unquoteKey(match[3]);
  const start = lines.lineStart(next);
  return {
    ...lineRange(lines, next),
    message: `\`${nextKey}\` on line ${next + 1} is indented more than \`${key}\` on line ${line + 1}, so YAML reads it as part of the value of \`${key}\`, where \`: \` is not allowed. If \`${nextKey}\` is a field of its own, line it up with \`${key}\`.`,
    fixes: [{
      title: `Line \`${nextKey}\` up with \`${key}\``, safe: false, preferred: true,
      edits: [{ start, end: start + nextIndent, newText: ' '.repeat(keyIndent) }],
    }],
  };
}

/** A wrapped value whose continuation line is indented no deeper than its key. */
function explainShallowContinuation(lines: LineIndex, line: number): Finding | undefined {
  const text = lines.lineText(line);
  if (text.trim() === '' || KEY_LINE.test(text) || /^\s*-(\s|$)/.test(text)) return undefined;
  const indent = text.length - text.trimStart().length;
  for (let previous = line - 1; previous >= 0; previous--) {
    const previousText = lines.lineText(previous);
    if (previousText.trim() === '') continue;
    const match = KEY_LINE.exec(previousText);
    const previousIndent = previousText.length - previousText.trimStart().length;
    if (!match) {
      // Another continuation line: keep looking up for the key it continues.
      if (previousIndent > 0 && !/^\s*#/.test(previousText)) continue;
      return undefined;
    }
    const keyIndent = match[1].length + (match[2]?.length ?? 0);
    if (indent > keyIndent || match[4] === undefined || stripComment(match[4]) === '') return undefined;
    const key = unquoteKey(match[3]);
    const wanted = keyIndent + 2;
    const start = lines.lineStart(line);
    return {
      ...lineRange(lines, line),
      message: `This line seems to continue the value of \`${key}\` from line ${previous + 1}, but it is indented ${describeSpaces(indent)} and \`${key}\` ${describeSpaces(keyIndent)}, so YAML cannot tell where it belongs. Indent it further than \`${key}\` (${wanted} spaces) or join it to line ${previous + 1}.`,
      fixes: [{
        // Not safe: mending front matter Jekyll cannot read changes the page it builds.
        title: `Indent the line by ${wanted} spaces`, safe: false, preferred: true,
        edits: [{ start, end: start + indent, newText: ' '.repeat(wanted) }],
      }],
    };
  }
  return undefined;
}

function explainUnclosedQuote(problem: YamlProblem, lines: LineIndex, errorLine: number): Finding | undefined {
  const match = /^Missing closing (["'])quote/.exec(problem.message);
  if (!match) return undefined;
  const mark = match[1];
  // The error is found where the text ends; the quote was opened on the nearest line above with a value starting with it.
  let line = errorLine;
  while (line > 0 && !new RegExp(`^\\s*(-\\s+)?[^:]*:\\s+${mark}`).test(lines.lineText(line))) line--;
  const range = lineRange(lines, line);
  // Closing it at the end of its own line is the usual intent; the text after it may have been meant otherwise.
  const end = range.start + lines.lineText(line).trim().length;
  return {
    ...range,
    message: `The value on line ${line + 1} opens a ${mark} quote that is never closed. Add the closing ${mark} at the end of the value.`,
    fixes: [{ title: `Close the quote at the end of line ${line + 1}`, safe: false, preferred: true, edits: [{ start: end, end, newText: mark }] }],
  };
}

function describeSpaces(count: number): string {
  return count === 0 ? 'not at all' : count === 1 ? 'by 1 space' : `by ${count} spaces`;
}

/** Drops a trailing ` #comment` from a plain value. */
function stripComment(value: string): string {
  return value.replace(/\s+#.*$/, '').trimEnd();
}

function unquoteKey(key: string): string {
  return key.replace(/^(["'])(.*)\1$/, '$2').trim();
}
