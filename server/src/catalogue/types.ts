import type { JsonSchema } from '../schema/schema';

/**
 * How the preview shows a tag or filter: `rendered` as Jekyll would, or `placeholder` when it
 * needs what the preview has not (the network, Ruby, a gem's data) and shows a visible stand-in.
 */
export type PreviewMode = 'rendered' | 'placeholder';

export interface TagEntry {
  /** `block` tags take a body and need `end<name>`. */
  kind: 'tag' | 'block';
  preview: PreviewMode;
}

export interface FilterEntry {
  preview: PreviewMode;
}

/** What one provider (Liquid, Jekyll or a plugin gem) adds to the templates and front matter of a site. */
export interface Provider {
  /** The gem name (`jekyll-seo-tag`), or `liquid` / `jekyll` for the core. */
  name: string;
  tags?: Readonly<Record<string, TagEntry>>;
  filters?: Readonly<Record<string, FilterEntry>>;
  /** Front-matter fields the provider reads, with what each does in plain English. */
  fields?: Readonly<Record<string, JsonSchema>>;
  /** Generates pages or reads front matter in Ruby: fields no template reads may still be used. */
  generator?: boolean;
  /** Layouts the plugin adds when the site has none of that name, by name: the template text it ships. */
  layouts?: Readonly<Record<string, string>>;
}

export const rendered: FilterEntry = { preview: 'rendered' };
export const placeholder: FilterEntry = { preview: 'placeholder' };
export const tag = (preview: PreviewMode = 'rendered'): TagEntry => ({ kind: 'tag', preview });
export const block = (preview: PreviewMode = 'rendered'): TagEntry => ({ kind: 'block', preview });
