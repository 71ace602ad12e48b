import { firstRubySymbol } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import { CONFIG, explainProblem, FRONT_MATTER, stablyPlaced } from '../frontmatter/yaml-explain';
import { sitePlugins } from '../site/plugins';
import type { Page } from '../site/site';
import { quote, quoteFix } from './fields';
import type { Finding, PageRule } from './rule';

/**
 * Invalid YAML in front matter, explained for the cases authors actually hit:
 * an unquoted `: ` in a value, a wrapped value indented too little, `-path:` without a space.
 */
export const yamlSyntax: PageRule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  description: 'The front matter is not valid YAML, so Jekyll drops all of it: unquoted `: `, wrapped values indented too little, `-path:` without a space, tabs.',
  target: 'page',
  checksUnreadableFrontMatter: true,
  check({ site, page, report }) {
    // Psych stops at the first error; later ones are usually echoes of it.
    const [first] = page.frontMatter.problems;
    if (first) report(explainProblem(stablyPlaced(first, page.frontMatter.block.yamlStart), page.lines));
    else if (mayHaveSymbol(page) && !sitePlugins(site).githubPages) reportSymbol(page, report);
  },
  checkConfig({ site, text, report }) {
    const [first] = site.config.yaml?.problems ?? [];
    if (first) report(explainProblem(stablyPlaced(first, 0), new LineIndex(text), CONFIG));
  },
};

/**
 * Whether the front matter has a `:` where a value may start (after a blank, a line break, `[`, `{` or
 * `,`): a plain value written `:title` has one, and most front matter has none, so its tree need not be walked.
 */
function mayHaveSymbol(page: Page): boolean {
  const { yamlStart, yamlEnd } = page.frontMatter.block;
  for (let colon = page.text.indexOf(':', yamlStart); colon !== -1 && colon < yamlEnd; colon = page.text.indexOf(':', colon + 1)) {
    if (colon === yamlStart || /[\s[{,]/.test(page.text[colon - 1])) return true;
  }
  return false;
}

/**
 * Psych 4 reads a plain value starting with `:` (`permalink: :title`) as a Ruby symbol, which
 * Jekyll 4's `safe_load` refuses: it prints "Tried to load unspecified class: Symbol" and drops the
 * whole front matter. (GitHub Pages' Jekyll 3 reads it as the text `:title`, so its sites are fine.)
 */
function reportSymbol(page: Page, report: (finding: Finding) => void): void {
  const found = firstRubySymbol(page.frontMatter);
  if (!found) return;
  const [start, end] = page.frontMatter.offsetsOf(found);
  const source = page.text.slice(start, end);
  report({
    start, end,
    message: `Jekyll 4 reads \`${source}\`, which starts with \`:\`, as a Ruby symbol and refuses it: it prints "Tried to load unspecified class: Symbol" and ${FRONT_MATTER.consequence.replace(/^Until it is fixed, Jekyll ignores/, 'ignores')} Put it in quotes: \`${quote(source)}\`.`,
    fixes: [quoteFix(start, source)],
  });
}
