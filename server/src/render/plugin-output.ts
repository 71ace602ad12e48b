/**
 * GitHub Pages' plugin tags whose output needs nothing but the page: jekyll-gist's `<script>` and
 * jekyll-avatar's `<img>`, written as the plugins write them.
 */
import { Context, Liquid, Tag, TagToken, TopLevelToken, Value } from 'liquidjs';
import { rubyToS } from './ruby';

/** A variable's value when `name` is one the template has, else undefined (Liquid's `context.key?`). */
function* variable(liquid: Liquid, ctx: Context, name: string): Generator<unknown, unknown, unknown> {
  if (!/^[A-Za-z_][\w-]*(?:\.[\w-]+)*$/.test(name)) return undefined;
  const value = yield new Value(name, liquid).value(ctx, false);
  return value ?? undefined;
}

/**
 * jekyll-gist (`GistTag#render`): the gist's `<script>`. Before it Jekyll puts a `<noscript>` copy
 * of the code fetched from GitHub, or the text `false` when it cannot fetch it (offline); the
 * preview fetches nothing, and shows what a reader with scripts sees.
 */
class GistTag extends Tag {
  private readonly markup: string;

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.markup = token.args.trim();
  }

  *render(ctx: Context): Generator<unknown, string, unknown> {
    const parts = /^(\S+|.*(?=\/).+)\s?(\S*)$/.exec(this.markup);
    if (!parts) throw new Error(`Syntax error in tag 'gist': write {% gist user/1234567 %} or {% gist 1234567 file.md %}, not {% gist ${this.markup} %}`);
    const id = rubyToS((yield* variable(this.liquid, ctx, parts[1].trim())) ?? parts[1].trim());
    const file = parts[2].trim() === '' ? '' : rubyToS((yield* variable(this.liquid, ctx, parts[2].trim())) ?? parts[2].trim());
    return `<script src="https://gist.github.com/${id}.js${file === '' ? '' : `?file=${file}`}"> </script>`;
  }
}

const AVATAR_SCALES = [1, 2, 3, 4];

/** jekyll-avatar (`Jekyll::Avatar`): the user's GitHub avatar at 1× to 4×, on the server its path hashes to. */
class AvatarTag extends Tag {
  private readonly markup: string;

  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    this.markup = token.args.trim();
  }

  *render(ctx: Context): Generator<unknown, string, unknown> {
    // The size and the `user=` variable come from the tag as written, the rest from it rendered.
    const size = /\bsize=(\d+)\b/i.exec(this.markup)?.[1] ?? '40';
    const userVariable = /\buser=([\w.]+)\b/.exec(this.markup)?.[1];
    const text = String(yield this.liquid.renderer.renderTemplates(this.liquid.parse(this.markup), ctx));
    let user: string;
    if (userVariable) user = rubyToS((yield* variable(this.liquid, ctx, userVariable)) ?? userVariable);
    else {
      user = text.includes(' ') ? text.split(/\s+/).filter(Boolean)[0] ?? '' : text;
      if (user.startsWith('@')) user = user.slice(1);
    }
    const pathAt = (scale: number): string => `${user}?v=3&s=${scale === 1 ? size : Number(size) * scale}`;
    const url = (scale: number): string => `https://avatars${crc32(pathAt(1)) % 4}.githubusercontent.com/${pathAt(scale)}`;
    const srcset = AVATAR_SCALES.map((scale) => `${url(scale)} ${scale}x`).join(', ');
    const lazy = text.includes('lazy=true');
    const sources = lazy ? `src="" data-src="${url(1)}" data-srcset="${srcset}"` : `src="${url(1)}" srcset="${srcset}"`;
    return `<img class="${Number(size) < 48 ? 'avatar avatar-small' : 'avatar'}" alt="${user}" width="${size}" height="${size}" data-proofer-ignore="true" ${sources} />`;
  }
}

/** Ruby's `Zlib.crc32` of a string's UTF-8 bytes. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function registerPluginTags(liquid: Liquid): void {
  liquid.registerTag('gist', GistTag);
  liquid.registerTag('avatar', AvatarTag);
}
