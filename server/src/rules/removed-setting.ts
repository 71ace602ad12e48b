import { isMap, isScalar, Node } from 'yaml';
import { findPair } from '../frontmatter/parse';
import { LineIndex } from '../frontmatter/text';
import { sitePlugins } from '../site/plugins';
import type { Site } from '../site/site';
import type { ConfigRule, Fix } from './rule';

/**
 * A `_config.yml` setting of an older Jekyll that Jekyll 4 refuses or ignores: the build stops
 * (`relative_permalinks`, a Markdown processor it does not have), or a feature silently does
 * nothing (`paginate` without the jekyll-paginate plugin).
 */
export const removedSetting: ConfigRule = {
  id: 'removed-setting',
  defaultSeverity: 'warning',
  description: 'A `_config.yml` setting Jekyll 4 no longer accepts (`relative_permalinks`, `markdown: redcarpet`), or `paginate` without its plugin.',
  target: 'config',
  check({ site, text, report }) {
    const root = site.config.yaml?.root;
    if (!root || !isMap(root)) return;
    const lines = new LineIndex(text);
    const yaml = site.config.yaml!;
    for (const setting of SETTINGS) {
      const pair = findPair(root, setting.key);
      if (!pair) continue;
      const problem = setting.problem(site.config.data[setting.key], site);
      if (!problem) continue;
      const [start, end] = yaml.offsetsOf(pair.key);
      const line = lines.positionAt(start).line;
      const valueEnd = pair.value && (pair.value as Node).range ? yaml.offsetsOf(pair.value)[1] : end;
      const lastLine = lines.positionAt(Math.max(start, valueEnd - 1)).line;
      const fixes: Fix[] = [];
      if (problem.replacement !== undefined && pair.value && isScalar(pair.value)) {
        const [valueStart, valueStop] = yaml.offsetsOf(pair.value);
        fixes.push({ title: `Change it to \`${setting.key}: ${problem.replacement}\``, safe: false, preferred: true, edits: [{ start: valueStart, end: valueStop, newText: problem.replacement }] });
      } else if (problem.removable) {
        const removeTo = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : lines.lineEnd(lastLine);
        fixes.push({ title: `Delete the \`${setting.key}\` line`, safe: false, preferred: true, edits: [{ start: lines.lineStart(line), end: removeTo, newText: '' }] });
      }
      report({ start, end, message: problem.message, severity: problem.stopsBuild ? 'error' : undefined, fixes });
    }
  },
};

interface Problem {
  message: string;
  /** Jekyll 4 stops with an error on it. */
  stopsBuild?: boolean;
  /** A value that works, for the fix. */
  replacement?: string;
  /** Deleting the setting is what to do. */
  removable?: boolean;
}

interface Setting {
  key: string;
  problem(value: unknown, site: Site): Problem | undefined;
}

/** What Jekyll 4.3 does with each setting: `Site#relative_permalinks_are_deprecated`, `Converters::Markdown#setup`, `Tags::HighlightBlock#render_pygments`, `PluginManager#deprecation_checks`. */
const SETTINGS: Setting[] = [
  {
    key: 'relative_permalinks',
    problem: (value) => (isTruthy(value)
      ? {
        stopsBuild: true, removable: true,
        message: 'Jekyll 3 and 4 no longer accept `relative_permalinks`: the build stops with "Since v3.0, permalinks for pages in subfolders must be relative to the site source directory". Delete this line, and write each page\'s `permalink` from the site\'s root folder.',
      }
      : undefined),
  },
  {
    key: 'markdown',
    problem: (value, site) => {
      if (typeof value !== 'string' || value.toLowerCase() === 'kramdown' || providedByPlugin(value, site)) return undefined;
      return {
        stopsBuild: true, replacement: 'kramdown',
        message: `Jekyll 4 has no Markdown processor \`${value}\` (only kramdown, and those plugins add), so the build stops with "Invalid Markdown processor given: ${value}". Write \`markdown: kramdown\`, or load the plugin that provides \`${value}\`.`,
      };
    },
  },
  {
    key: 'highlighter',
    problem: (value) => (typeof value === 'string' && value.toLowerCase() === 'pygments'
      ? {
        replacement: 'rouge',
        message: 'Jekyll 4 no longer highlights code with Pygments: it uses Rouge instead, warning "Highlight Tag no longer supports rendering with Pygments" for each `{% highlight %}` block. Write `highlighter: rouge`.',
      }
      : undefined),
  },
  {
    key: 'paginate',
    problem: (value, site) => (isTruthy(value) && !sitePlugins(site).gems.has('jekyll-paginate') && readsPaginator(site)
      ? {
        message: 'Pagination needs the `jekyll-paginate` plugin, which the site does not load: Jekyll warns "You appear to have pagination turned on" and `paginator.posts` is empty, so the page that lists posts shows none. Add `jekyll-paginate` to `plugins` (and to the Gemfile).',
      }
      : undefined),
  },
];

/** Some layout or page lists posts through `paginator`. */
function readsPaginator(site: Site): boolean {
  const texts = [...[...site.layouts.values()].map((layout) => layout.text), ...[...site.pages.values()].map((page) => page.text)];
  return texts.some((text) => /\bpaginator\./.test(text));
}

function isTruthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

/** `markdown: CommonMarkGhPages` with jekyll-commonmark-ghpages loaded, or a processor of the site's own `_plugins/`. */
function providedByPlugin(processor: string, site: Site): boolean {
  const plugins = sitePlugins(site);
  const wanted = processor.toLowerCase().replace(/[^a-z]/g, '');
  if ([...plugins.gems].some((gem) => gem.toLowerCase().replace(/^jekyll-?/, '').replace(/[^a-z]/g, '') === wanted)) return true;
  return plugins.own.some((own) => own.relPath && (site.pluginFiles.get(own.relPath) ?? '').includes(processor));
}
