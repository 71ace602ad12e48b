import type { Site } from '../site/site';
import { analyzeTemplate, type IncludeUse } from '../templates/analysis';
import { siteTemplates } from '../templates/site-templates';
import { includeFileName, includeNameRange } from './missing-include';
import type { TemplateRule } from './rule';

/**
 * An include that leads back to its own file with nothing to stop it (no `if`, `unless`, `case` or
 * loop around any include on the way): Jekyll's Liquid gives up after 100 levels and the build
 * stops with "Nesting too deep". An include under a condition (a menu that includes itself for
 * each child page) ends when the condition does, and is not reported.
 */
export const includeRecursion: TemplateRule = {
  id: 'include-recursion',
  defaultSeverity: 'error',
  description: 'An include includes itself, directly or through other includes, with no `if` or loop to stop it: Jekyll stops the build with "Nesting too deep".',
  target: 'template',
  check({ site, relPath, text, analysis, report }) {
    if (!relPath.startsWith('_includes/')) return;
    const getTemplate = siteTemplates(site).getTemplate;
    const includesOf = (file: string): IncludeUse[] => {
      const source = file === relPath ? text : getTemplate(file);
      return source === undefined ? [] : (file === relPath ? analysis : analyzeTemplate(file, source)).includes;
    };
    for (const include of analysis.includes) {
      const target = alwaysIncluded(site, include);
      const loop = target && pathBack(target, relPath, (file) => includesOf(file).flatMap((next) => alwaysIncluded(site, next) ?? []));
      if (!loop) continue;
      const [start, end] = includeNameRange(include, text);
      const names = [relPath, ...loop].map((file) => file.slice('_includes/'.length));
      report({
        start, end,
        message: `This include leads back to ${names[0]} (${names.join(' → ')}) with no \`if\` or loop to stop it, so Jekyll stops the build with "Nesting too deep" on any page that uses it.`
          + ' Put the include under a condition that ends, or remove it.',
      });
    }
  },
};

/** The site file an include always runs (not under a condition, a name known before rendering, in `_includes/`). */
function alwaysIncluded(site: Site, include: IncludeUse): string | undefined {
  if (include.conditional || include.relative) return undefined;
  const name = includeFileName(include);
  if (/\{[{%]/.test(name)) return undefined;
  const file = site.includes.get(name);
  return file?.startsWith('_includes/') ? file : undefined;
}

/** The files from `start` to `goal` following `next` (both ends included), or undefined when there is no way. */
function pathBack(start: string, goal: string, next: (file: string) => string[]): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (file === goal) {
      const way: string[] = [];
      for (let at: string | undefined = file; at !== undefined; at = cameFrom.get(at)) way.unshift(at);
      return way;
    }
    for (const following of next(file)) {
      if (!cameFrom.has(following)) {
        cameFrom.set(following, file);
        queue.push(following);
      }
    }
  }
  return undefined;
}
