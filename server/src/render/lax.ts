/** How Liquid 5.4's lax parser (Jekyll's error mode is `warn`) reads markup liquidjs refuses. */

/** Liquid's QuotedFragment: a quoted string, or a run of characters that are not blanks, commas or pipes. */
const QUOTED_FRAGMENT = String.raw`"[^"]*"|'[^']*'|(?:[^\s,|'"]|"[^"]*"|'[^']*')+`;

/** How lax Liquid reads `value | filter: arg, arg | filter`: the first fragment, then each filter's name and arguments. */
export function laxExpression(markup: string): string | undefined {
  const value = new RegExp(`(${QUOTED_FRAGMENT})([\\s\\S]*)`).exec(markup);
  if (!value) return undefined;
  const filters: string[] = [];
  const filterMarkup = /\|\s*([\s\S]*)/.exec(value[2]);
  if (filterMarkup) {
    for (const chunk of filterMarkup[1].match(new RegExp(`(?:\\s+|${QUOTED_FRAGMENT}|,)+`, 'g')) ?? []) {
      const name = /\w+/.exec(chunk);
      if (!name) continue;
      const args = [...chunk.matchAll(new RegExp(`(?::|,)\\s*((?:\\w+\\s*:\\s*)?(?:${QUOTED_FRAGMENT}))`, 'g'))].map((m) => m[1]);
      filters.push(args.length > 0 ? `${name[0]}: ${args.join(', ')}` : name[0]);
    }
  }
  return [value[1], ...filters].join(' | ');
}

/** A lax reading of an output or `assign` tag liquidjs refused, or undefined to drop the tag. */
export function laxTag(original: string): string | undefined {
  const output = /^\{\{(-?)([\s\S]*?)(-?)\}\}$/.exec(original);
  if (output) {
    const expression = laxExpression(output[2]);
    return expression === undefined ? undefined : `{{${output[1]} ${expression} ${output[3]}}}`;
  }
  const assign = /^\{%(-?)\s*assign\s+([\w-]+)\s*=\s*([\s\S]*?)\s*(-?)%\}$/.exec(original);
  if (assign) {
    const expression = laxExpression(assign[3]);
    return expression === undefined ? undefined : `{%${assign[1]} assign ${assign[2]} = ${expression} ${assign[4]}%}`;
  }
  return undefined;
}

