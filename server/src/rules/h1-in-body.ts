import { isMarkdownPath } from '../site/file-names';
import { NO_PAGE_FIELDS, siteIndex } from '../site/indexes';
import type { Layout, Site } from '../site/site';
import type { Edit, Fix, PageRule } from './rule';
import { readSiteText } from '../site/guard';

/** Includes are followed this deep when looking for the layout's own `<h1>`. */
const INCLUDE_DEPTH = 4;

/**
 * The body has a level-one heading although the page's layout already shows the title as the
 * page's `<h1>`: the page ends up with two main headings.
 */
export const h1InBody: PageRule = {
  id: 'h1-in-body',
  defaultSeverity: 'warning',
  description: "The page's text has a level-one heading, but its layout already shows the title as one.",
  target: 'page',
  check({ site, page, report }) {
    if (!page.frontMatter.block.present || page.layout === null) return;
    const titleLayout = site.layoutChain(page.layout).find((layout) => rendersTitleHeading(site, layout));
    if (!titleLayout) return;
    const markdown = isMarkdownPath(page.relPath);
    const heading = findH1InBody(page.text, page.frontMatter.block.bodyStart, markdown, kramdownOptions(site));
    if (!heading) return;
    const via = titleLayout.name === page.layout ? `\`${page.layout}\`` : `\`${page.layout}\` (through \`${titleLayout.name}\`)`;
    const fixes: Fix[] = heading.fix ? [{ title: 'Make it a level-two heading', safe: false, preferred: true, edits: [heading.fix] }] : [];
    report({
      start: heading.start, end: heading.end, fixes,
      message: `The layout ${via} already shows the page's title as its main heading (\`<h1>\`), so this heading gives the page a second one.`
        + ` Use a level-two heading (\`##\`) here${markdown ? '' : ' (`<h2>`)'}, or move this text into \`title\`.`,
    });
  },
};

/** Whether a layout (or an include it uses) writes `<h1>…{{ page.title }}…</h1>`. */
function rendersTitleHeading(site: Site, layout: Layout): boolean {
  return siteIndex(site, `layout-h1:${layout.name}`, () => templateHasTitleH1(site, layout.text, INCLUDE_DEPTH, new Set()), undefined, NO_PAGE_FIELDS);
}

const TITLE_H1 = /<h1\b[^>]*>(?:(?!<\/h1>)[\s\S])*?\{\{-?\s*page\.title\b/i;
const INCLUDE = /\{%-?\s*include\s+([^\s%}]+)/g;

function templateHasTitleH1(site: Site, text: string, depth: number, seen: Set<string>): boolean {
  if (TITLE_H1.test(text)) return true;
  if (depth === 0) return false;
  for (const match of text.matchAll(INCLUDE)) {
    const name = match[1].replace(/^["']|["']$/g, '');
    const relPath = site.includes.get(name);
    if (!relPath || seen.has(relPath)) continue;
    seen.add(relPath);
    const source = readInclude(site, relPath);
    if (source !== undefined && templateHasTitleH1(site, source, depth - 1, seen)) return true;
  }
  return false;
}

function readInclude(site: Site, relPath: string): string | undefined {
  return readSiteText(site.root, relPath);
}

/** How Jekyll's kramdown reads headings: GFM input (Jekyll's default) or kramdown's own, and HTML blocks. */
export interface KramdownOptions {
  gfm: boolean;
  /** `parse_block_html: true`: Markdown inside HTML blocks is read too. */
  parseBlockHtml: boolean;
}

function kramdownOptions(site: Site): KramdownOptions {
  const kramdown = site.config.data.kramdown;
  const settings = kramdown && typeof kramdown === 'object' ? kramdown as Record<string, unknown> : {};
  const input = typeof settings.input === 'string' ? settings.input : 'GFM';
  return { gfm: input.toLowerCase() === 'gfm', parseBlockHtml: settings.parse_block_html === true };
}

/** Block-level HTML elements that open an HTML block in kramdown (`parser/kramdown/html.rb`). */
const HTML_BLOCK = /^ {0,3}<(address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|header|nav|ol|section|table|ul|p|pre|center|main)\b([^>]*)>/i;

/** `{% endraw %}` and the like, for the blocks whose text `findH1` skips. */
const LIQUID_BLOCK_END: Readonly<Record<string, RegExp>> = {
  raw: /\{%-?\s*endraw\b/,
  highlight: /\{%-?\s*endhighlight\b/,
  comment: /\{%-?\s*endcomment\b/,
};

interface HtmlBlock {
  depth: number;
  /** The element's own opening and closing tags. */
  opening: RegExp;
  closing: RegExp;
}

function htmlBlockOf(tag: string): HtmlBlock {
  return { depth: 0, opening: new RegExp(`<${tag}\\b`, 'gi'), closing: new RegExp(`</${tag}\\s*>`, 'gi') };
}

interface Heading {
  start: number;
  end: number;
  fix?: Edit;
}

/** The last body read by `findH1InBody`, how, and its heading (offsets from the body's start). */
let lastBody: { body: string; markdown: boolean; gfm: boolean; parseBlockHtml: boolean; heading: Heading | undefined } | undefined;

/**
 * `findH1` of the body from `bodyStart`, kept for the last body read: a keystroke in the front matter
 * leaves the body as it was (moved by what was typed), and reading it again was most of this rule's time.
 */
function findH1InBody(text: string, bodyStart: number, markdown: boolean, options: KramdownOptions): Heading | undefined {
  const body = text.slice(bodyStart);
  if (!lastBody || lastBody.body !== body || lastBody.markdown !== markdown || lastBody.gfm !== options.gfm || lastBody.parseBlockHtml !== options.parseBlockHtml) {
    lastBody = { body, markdown, ...options, heading: findH1(body, 0, markdown, options) };
  }
  const { heading } = lastBody;
  if (!heading) return undefined;
  const fix = heading.fix && { ...heading.fix, start: heading.fix.start + bodyStart, end: heading.fix.end + bodyStart };
  return { start: heading.start + bodyStart, end: heading.end + bodyStart, fix };
}

/**
 * The first level-one heading of a body: `# x` and `x` over `===` in Markdown, `<h1` anywhere;
 * not inside fenced or indented code, HTML comments, or `{% raw %}`/`{% highlight %}` blocks.
 */
function findH1(text: string, bodyStart: number, markdown: boolean, options: KramdownOptions = { gfm: true, parseBlockHtml: false }): Heading | undefined {
  let offset = bodyStart;
  /** The HTML block being read (kramdown leaves its Markdown alone), and how deep its element nests. */
  let htmlBlock: HtmlBlock | undefined;
  /** The line before `previous` was blank: `previous` starts a block, as a setext heading must. */
  let previousStartsBlock = true;
  let fence: string | undefined;
  /** The end tag of the `{% raw %}`-like block being skipped. */
  let liquidBlockEnd: RegExp | undefined;
  let inComment = false;
  let previous: { start: number; text: string; blank: boolean } | undefined;
  let previousBlank = true;
  while (offset <= text.length) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
    const raw = text.charCodeAt(lineEnd - 1) === 13 && lineEnd > offset ? text.slice(offset, lineEnd - 1) : text.slice(offset, lineEnd);
    const lineStart = offset;
    offset = lineEnd + 1;
    const blank = raw.trim() === '';

    if (inComment) {
      if (raw.includes('-->')) inComment = false;
      previous = undefined;
      previousBlank = blank;
      if (lineEnd >= text.length) break;
      continue;
    }
    if (liquidBlockEnd) {
      if (liquidBlockEnd.test(raw)) liquidBlockEnd = undefined;
      if (lineEnd >= text.length) break;
      continue;
    }
    // Each pattern below is tried only on lines with the character it needs: most lines are prose.
    const fenceMatch = markdown && (raw.includes('```') || raw.includes('~~~')) ? /^ {0,3}(`{3,}|~{3,})/.exec(raw) : null;
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && raw.trim() === fenceMatch[1]) fence = undefined;
      if (lineEnd >= text.length) break;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      previous = undefined;
      if (lineEnd >= text.length) break;
      continue;
    }
    const liquidOpen = raw.includes('{%') ? /\{%-?\s*(raw|highlight|comment)\b/.exec(raw) : null;
    if (liquidOpen && !LIQUID_BLOCK_END[liquidOpen[1]].test(raw)) {
      liquidBlockEnd = LIQUID_BLOCK_END[liquidOpen[1]];
      previous = undefined;
      if (lineEnd >= text.length) break;
      continue;
    }
    const indentedCode = markdown && previousBlank && /^(?: {4}|\t)/.test(raw) && !blank;
    const hasTag = raw.includes('<');
    if (markdown && !htmlBlock && !options.parseBlockHtml && hasTag) {
      const open = HTML_BLOCK.exec(raw);
      if (open && !/\bmarkdown\s*=\s*["']?(?:1|block)/.test(open[2])) htmlBlock = htmlBlockOf(open[1].toLowerCase());
    }
    if (htmlBlock && hasTag) {
      // Count the element's own opening and closing tags: the block ends where it closes.
      htmlBlock.depth += (raw.match(htmlBlock.opening) ?? []).length;
      htmlBlock.depth -= (raw.match(htmlBlock.closing) ?? []).length;
    }
    if (htmlBlock && htmlBlock.depth <= 0) htmlBlock = undefined;
    const inHtml = htmlBlock !== undefined;
    if (!indentedCode) {
      // Code spans show their text as it is: `<h1>` in backticks is no heading.
      const withoutComments = hasTag || raw.includes('`') ? raw.replace(/<!--[\s\S]*?-->/g, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '') : raw;
      if (markdown && !inHtml) {
        // GFM (Jekyll's default): `#`, then a space, at the start of a line, even right after a paragraph line.
        // kramdown's own input: no space needed, but only where a block starts.
        const atx = options.gfm ? /^#[ \t]+\S/.exec(withoutComments) : previousBlank ? /^#(?!#)[ \t]*[^ \t]/.exec(withoutComments) : null;
        if (atx) {
          const hash = lineStart;
          return { start: hash, end: lineStart + raw.trimEnd().length, fix: { start: hash, end: hash + 1, newText: '##' } };
        }
        if (/^=+[ \t]*$/.test(raw) && previous && !previous.blank && previousStartsBlock && !/^[ \t]/.test(previous.text)) {
          const underline = lineStart + raw.indexOf('=');
          return {
            start: previous.start, end: lineStart + raw.trimEnd().length,
            fix: { start: underline, end: lineStart + raw.trimEnd().length, newText: '-'.repeat(raw.trim().length) },
          };
        }
      }
      const tag = hasTag ? /<h1(?=[\s>])/i.exec(withoutComments) : null;
      if (tag) {
        return { start: lineStart + tag.index, end: lineStart + raw.trimEnd().length };
      }
      if (hasTag && raw.includes('<!--') && !raw.slice(raw.lastIndexOf('<!--')).includes('-->')) inComment = true;
    }
    previousStartsBlock = previousBlank;
    previous = { start: lineStart + (raw.length - raw.trimStart().length), text: raw, blank };
    previousBlank = blank;
    if (lineEnd >= text.length) break;
  }
  return undefined;
}
