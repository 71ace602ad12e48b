/** Small HTML helpers for comparing rendered pages: enough for well-formed output of Jekyll and of the renderer. */
import MarkdownIt = require('markdown-it');

const { unescapeAll } = new MarkdownIt().utils;

/** The HTML of the first `<article>` element (with nested articles), or undefined. */
export function articleOf(html: string): string | undefined {
  const start = html.search(/<article\b/i);
  if (start === -1) return undefined;
  let depth = 0;
  for (const match of html.slice(start).matchAll(/<(\/?)article\b[^>]*>/gi)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, start + (match.index ?? 0) + match[0].length);
  }
  return html.slice(start);
}

/** The text of some HTML, tags removed, entities decoded and blanks collapsed. */
export function textOf(html: string): string {
  return unescapeAll(html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Each Rouge-coloured code block (kramdown's `div.highlighter-rouge`, `{% highlight %}`'s `figure.highlight`): its language and inside, in order. */
export function codeBlocksOf(html: string): { language: string; code: string }[] {
  const blocks = html.matchAll(/<div class="language-(\S+?)[ "][^>]*><div class="highlight"><pre class="highlight"><code>([\s\S]*?)<\/code><\/pre>|<figure class="highlight"><pre><code class="[^"]*" data-lang="([^"]*)">([\s\S]*?)<\/code><\/pre>/g);
  return [...blocks].map((m) => ({ language: m[1] ?? m[3], code: m[2] ?? m[4] }));
}

/** The names of the elements opened, in order. */
export function tagsOf(html: string): string[] {
  return [...html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1].toLowerCase());
}

/** difflib's ratio: 2 × (items in a longest common subsequence) / (items in both). */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  // Items as numbers and rows as typed arrays: whole pages of long documents have thousands of words.
  const ids = new Map<string, number>();
  const idOf = (item: string): number => {
    let id = ids.get(item);
    if (id === undefined) ids.set(item, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, idOf);
  const y = Int32Array.from(b, idOf);
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (const item of x) {
    for (let j = 0; j < y.length; j++) current[j + 1] = item === y[j] ? previous[j] + 1 : Math.max(previous[j + 1], current[j]);
    [previous, current] = [current, previous];
  }
  return (2 * previous[y.length]) / (a.length + b.length);
}

/** Blank lines and indentation between tags change nothing a reader sees (kramdown keeps the source's blank lines, the preview does not). */
export function withoutBlankLines(html: string): string {
  return html.replace(/\n\s*/g, '\n').trim();
}
