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
    else if (!sitePlugins(site).githubPages) reportSymbol(page, report);
  },
  checkConfig({ site, text, report }) {
    const [first] = site.config.yaml?.problems ?? [];
    if (first) report(explainProblem(stablyPlaced(first, 0), new LineIndex(text), CONFIG));
  },
};

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
