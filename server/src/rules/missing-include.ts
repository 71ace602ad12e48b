import * as path from 'node:path';
import type { IncludeUse } from '../templates/analysis';
import { analysisOffset } from './liquid-syntax';
import type { Fix, TemplateRule } from './rule';
import { didYouMean, rankSuggestions } from './suggest';
import { themeOf } from './unknown-layout';

/** `{% include x.html %}` of a file that is not in `_includes/`: Jekyll stops the build. */
export const missingInclude: TemplateRule = {
  id: 'missing-include',
  defaultSeverity: 'error',
  description: 'A template includes a file that is not in `_includes/`, so the build stops.',
  target: 'template',
  checksPageBodies: true,
  check({ site, relPath, text, analysis, report }) {
    const theme = themeOf(site);
    for (const include of analysis.includes) {
      const name = includeFileName(include);
      if (name === '' || /\{[{%]/.test(name)) continue; // a name built while rendering: cannot be checked here
      const [start, end] = includeNameRange(include, text);
      if (INVALID_SEQUENCES.test(name)) {
        report({
          start, end,
          message: 'Jekyll refuses an include name with `..`, `./` or `//` in it, so that no template reads outside its folder:'
            + ' the build stops here with "Invalid syntax for include tag". Name a file inside the folder.',
        });
        continue;
      }
      const target = include.relative ? path.posix.join(path.posix.dirname(relPath), name) : `_includes/${name}`;
      if (site.files.has(target) || (!include.relative && site.includes.has(name))) continue;
      const candidates = include.relative
        ? [...site.files].filter((file) => path.posix.dirname(file) === path.posix.dirname(target)).map((file) => path.posix.basename(file))
        : [...site.includes.keys()];
      const suggestions = rankSuggestions(include.relative ? path.posix.basename(name) : name, candidates);
      const prefix = include.relative ? name.slice(0, name.length - path.posix.basename(name).length) : '';
      const fixes: Fix[] = suggestions.map((suggestion, i) => ({
        title: `Include \`${prefix}${suggestion}\` instead`, safe: false, preferred: i === 0,
        edits: [{ start, end, newText: `${prefix}${suggestion}` }],
      }));
      report({
        start, end, fixes,
        severity: theme && !include.relative ? 'information' : undefined,
        message: `There is no file \`${target}\`, so the build stops with "Could not locate the included file" as soon as a page uses this template.`
          + (suggestions.length > 0 ? didYouMean(suggestions.map((s) => `${prefix}${s}`)) : ' Correct the name, or add the file.')
          + (theme && !include.relative ? ` The site uses the theme \`${theme}\`, which may provide it.` : ''),
      });
    }
  },
};

/** Jekyll's `IncludeTag::INVALID_SEQUENCES`: what could lead an include out of its folder. */
const INVALID_SEQUENCES = /[./]{2,}/;

/** The included file's name as written, without quotes (may hold `{{ }}`, built while rendering). */
export function includeFileName(include: IncludeUse): string {
  return include.name.trim().replace(/^(["'])(.*)\1$/, '$2');
}

/** Where the included file's name is written in the tag. */
export function includeNameRange(include: IncludeUse, text: string): [number, number] {
  const name = includeFileName(include);
  const tagStart = analysisOffset(text, include.line, include.column ?? 0);
  const at = text.indexOf(name, tagStart);
  return at === -1 ? [tagStart, analysisOffset(text, include.line, Infinity)] : [at, at + name.length];
}
