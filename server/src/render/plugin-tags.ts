/**
 * Tags and filters the preview cannot run (they need Ruby, the network or a gem's data), shown
 * as the catalogue says: a placeholder tag is a small visible box naming the plugin that fills it
 * when Jekyll builds the site, never nothing and never an error; a placeholder filter passes its
 * input through. The same for the tags of the site's own `_plugins/*.rb`.
 */
import { Context, Emitter, Liquid, Parser, Tag, TagToken, Template, TopLevelToken } from 'liquidjs';
import { catalogueNames } from '../catalogue';
import { escapeHtml } from './liquid';

type TagDefinition = Parameters<Liquid['registerTag']>[1];

/** A tag or block to show as a box, and who provides it. */
export interface PlaceholderName {
  name: string;
  kind: 'tag' | 'block';
  /** A gem name, or the site's plugin file (`_plugins/x.rb`). */
  provider: string;
}

const BOX_STYLE = 'display:inline-block;border:1px dashed #888;border-radius:3px;padding:0 .3em;font:12px/1.6 sans-serif;color:#555;background:#f6f6f6';

/** The box a placeholder tag renders as. */
export function placeholderBox(tagName: string, provider: string, body = ''): string {
  const who = provider.startsWith('_plugins/') ? `the site's plugin ${provider}` : `the ${provider} plugin`;
  return `<span class="jekyll-author-placeholder" data-plugin="${escapeHtml(provider)}" style="${BOX_STYLE}" `
    + `title="Jekyll fills this in with ${escapeHtml(who)} when it builds the site; the preview cannot run it.">`
    + `{% ${escapeHtml(tagName)} %} · ${escapeHtml(who)}${body}</span>`;
}

/** Every placeholder tag and filter of the catalogue. */
export function cataloguePlaceholders(): { tags: PlaceholderName[]; filters: string[] } {
  const tags: PlaceholderName[] = [];
  for (const [name, entry] of catalogueNames('tags')) {
    if (entry.preview !== 'placeholder' || entry.kind === 'filter' || name.startsWith('end')) continue;
    tags.push({ name, kind: entry.kind, provider: entry.provider });
  }
  const filters = [...catalogueNames('filters')].filter(([, entry]) => entry.preview === 'placeholder').map(([name]) => name);
  return { tags, filters };
}

/** Registers a box for each tag (a block's body renders inside its box), and leaves registered tags alone. */
export function registerPlaceholderTags(liquid: Liquid, names: readonly PlaceholderName[]): boolean {
  let added = false;
  for (const { name, kind, provider } of names) {
    if (liquid.tags[name]) continue;
    added = true;
    liquid.registerTag(name, kind === 'block' ? placeholderBlock(name, provider) : placeholderTag(name, provider));
  }
  return added;
}

function placeholderTag(name: string, provider: string): TagDefinition {
  return class extends Tag {
    render(): string {
      return placeholderBox(name, provider);
    }
  };
}

function placeholderBlock(name: string, provider: string): TagDefinition {
  return class extends Tag {
    private readonly body: Template[] = [];

    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remain, liquid);
      while (remain.length) {
        const next = remain.shift() as TopLevelToken;
        if (next instanceof TagToken && next.name === `end${name}`) return;
        this.body.push(parser.parseToken(next, remain));
      }
      throw new Error(`tag ${token.getText()} not closed`);
    }

    *render(ctx: Context, _emitter: Emitter): Generator<unknown, string, unknown> {
      const body = String(yield this.liquid.renderer.renderTemplates(this.body, ctx));
      return placeholderBox(name, provider, body.trim() === '' ? '' : `: ${body}`);
    }
  };
}
