/**
 * Liquid's lax parsing, as Jekyll runs it (its error mode is `warn`): a tag liquidjs refuses is
 * re-read the way lax Liquid reads it, or dropped, and reported; and where liquidjs errors point.
 */
import { Liquid, LiquidError, TypeGuards } from 'liquidjs';
import { analyzeTemplate } from '../templates/analysis';
import { ANALYSED_TEXT_LIMIT } from '../templates/site-templates';
import { laxTag } from './lax';
import type { RenderProblem } from './liquid';
import { topLevelTokens } from './liquid-stream';

const MAX_LAX_REPAIRS = 100;

/**
 * Runs `attempt` (a parse) on the text, and on a syntax error again on the text with the tag
 * repaired as lax Liquid reads it, or dropped; past the repairs it allows, on the text escaped.
 */
export function leniently<T>(liquid: Liquid, text: string, file: string, attempt: (source: string) => T): { result: T; problems: RenderProblem[] } {
  const problems: RenderProblem[] = [];
  let source = text;
  for (let repairs = 0; ; repairs++) {
    try {
      const result = attempt(source);
      problems.push(...acceptedButLenient(text, file, problems));
      return { result, problems };
    } catch (error) {
      const token = enclosingTag(liquid, source, tokenOf(error)?.begin);
      if (!token || repairs === MAX_LAX_REPAIRS) {
        problems.push({ message: `Liquid syntax error: ${messageOf(error)}; the template is shown as plain text`, file, line: lineOfError(error) });
        return { result: attempt(escapeLiquid(text)), problems };
      }
      const original = source.slice(token.begin, token.end);
      const repaired = laxTag(original);
      const line = lineAt(source, token.begin);
      problems.push({
        file, line,
        message: repaired
          ? `Liquid syntax error: ${messageOf(error)}; Jekyll's lenient Liquid reads ${oneLine(original)} as ${oneLine(repaired)}`
          : `Liquid syntax error: ${messageOf(error)}; ${droppedTagEffect(oneLine(original))}`,
      });
      // Keep the line count, so that later problems point at the right lines.
      source = source.slice(0, token.begin) + (repaired ?? '') + '\n'.repeat(newlines(original) - newlines(repaired ?? '')) + source.slice(token.end);
    }
  }
}

/**
 * The whole `{{ … }}` or `{% … %}` around an offset (liquidjs errors may point inside one, at a
 * filter); none when the text does not tokenise. Read a token at a time: a big page's tokens are not kept.
 */
function enclosingTag(liquid: Liquid, source: string, offset: number | undefined): SourceToken | undefined {
  if (offset === undefined) return undefined;
  let enclosing: SourceToken | undefined;
  try {
    for (const token of topLevelTokens(liquid, source)) {
      if (!enclosing && !TypeGuards.isHTMLToken(token) && token.begin <= offset && offset < token.end) enclosing = token;
    }
  } catch {
    return undefined;
  }
  return enclosing;
}

/**
 * What liquidjs reads without complaint but Jekyll's Liquid only reads leniently (the stray quote
 * in `'class="active"''`), as the template analysis finds it, on lines not reported yet.
 */
function acceptedButLenient(text: string, file: string, reported: RenderProblem[]): RenderProblem[] {
  // A third of a huge page's render went here; `check` says such a page's Liquid is unchecked.
  if (text.length > ANALYSED_TEXT_LIMIT) return [];
  return analyzeTemplate(file, text).problems
    .filter((problem) => problem.cause === 'unterminated-string' || / leniently\)$/.test(problem.message))
    .filter((problem) => !reported.some((p) => p.line === problem.line))
    .map((problem) => ({ file, line: problem.line, message: problem.message }));
}

interface SourceToken {
  begin: number;
  end: number;
  input: string;
}

/** The token (offsets in the source) a liquidjs error points at, if any. */
function tokenOf(error: unknown): SourceToken | undefined {
  const token = (error as { token?: Partial<SourceToken> } | null)?.token;
  if (!token || typeof token.begin !== 'number' || typeof token.end !== 'number' || typeof token.input !== 'string') return undefined;
  return token as SourceToken;
}

export function lineOfError(error: unknown): number | undefined {
  const token = tokenOf(error);
  return token ? lineAt(token.input, token.begin) : undefined;
}

export function messageOf(error: unknown): string {
  if (error instanceof LiquidError) return (error.originalError?.message ?? error.message).split('\n')[0].replace(/, line:\d+, col:\d+$/, '');
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

export function lineAt(text: string, offset: number): number {
  return newlines(text.slice(0, offset));
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Lax Liquid reads any `{{ … }}` and prints nothing for what it cannot evaluate, but a tag it cannot
 * read (unknown, never closed, closing nothing, malformed) fails Jekyll's build.
 */
function droppedTagEffect(tag: string): string {
  return tag.startsWith('{%')
    ? `Jekyll stops the build here; the preview leaves ${tag} out`
    : `${tag} renders as nothing`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The text with its Liquid markers broken, so it renders as it is. */
function escapeLiquid(text: string): string {
  return `{% raw %}${text.replace(/\{%-?\s*endraw\s*-?%\}/g, '')}{% endraw %}`;
}

