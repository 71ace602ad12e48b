/**
 * What a site's own plugin (a Ruby file in `_plugins/`) registers, read from its text without
 * Ruby: tags and blocks (`Liquid::Template.register_tag("name", Class)`), filters (each public
 * method of a module given to `register_filter`), and generators or hooks, which may read any
 * front-matter field.
 */
export interface OwnPlugin {
  relPath: string;
  tags: string[];
  blocks: string[];
  filters: string[];
  /** A generator or a hook: Ruby code that may read any front-matter field. */
  generator: boolean;
  /** It registers names this reading cannot tell (a computed tag name, a module defined elsewhere). */
  unclear: boolean;
}

const REGISTER_TAG = /register_tag\s*\(?\s*(?:(["'])([\w-]+)\1|:(\w+)|([^,)\s]+))\s*,\s*([\w:]+)/g;
const REGISTER_FILTER = /register_filter\s*\(?\s*([\w:]+)/g;
const GENERATOR = /<\s*(?:Jekyll::)?Generator\b|Jekyll::Hooks\.register\b|\bHooks\.register\b/;

export function readOwnPlugin(relPath: string, source: string): OwnPlugin {
  const text = withoutComments(source);
  const plugin: OwnPlugin = { relPath, tags: [], blocks: [], filters: [], generator: GENERATOR.test(text), unclear: false };
  for (const match of text.matchAll(REGISTER_TAG)) {
    const name = match[2] ?? match[3];
    if (!name) {
      // `register_tag(self.tag_name, self)` and the like: a name only Ruby knows.
      plugin.unclear = true;
      continue;
    }
    (isBlockClass(text, match[5]) ? plugin.blocks : plugin.tags).push(name);
  }
  for (const match of text.matchAll(REGISTER_FILTER)) {
    const methods = publicMethods(text, match[1].split('::').pop()!);
    if (methods === undefined) plugin.unclear = true;
    else plugin.filters.push(...methods);
  }
  return plugin;
}

/** Ruby line comments and `=begin … =end` blocks removed, so a commented-out registration counts for nothing. */
function withoutComments(text: string): string {
  return text.replace(/^=begin\b[\s\S]*?^=end\b.*$/gm, '').replace(/(^|[^"'#{\w$])#(?!\{).*$/gm, '$1');
}

/** Whether the class registered is a block: `class Name < Liquid::Block` (or a `Block` of its own module). */
function isBlockClass(text: string, className: string): boolean {
  const short = className.split('::').pop()!;
  return new RegExp(`class\\s+(?:[\\w:]+::)?${short}\\s*<\\s*(?:::)?(?:Liquid::)?Block\\b`).test(text);
}

/**
 * The public instance methods of `module Name … end` in the same file: `def` lines at the
 * module's body indentation, until a bare `private` or `protected`. Undefined when the module is
 * not defined in this file.
 */
function publicMethods(text: string, moduleName: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => new RegExp(`^\\s*module\\s+(?:[\\w:]+::)?${moduleName}\\b`).test(line));
  if (start === -1) return undefined;
  const indent = /^\s*/.exec(lines[start])![0].length;
  const methods: string[] = [];
  let visible = true;
  for (const line of lines.slice(start + 1)) {
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (/^\s*end\b/.test(line) && lineIndent === indent) break;
    if (/^\s*(?:private|protected)\s*$/.test(line)) visible = false;
    else if (/^\s*public\s*$/.test(line)) visible = true;
    const def = /^\s*def\s+(?!self\.)([a-z_]\w*[?!]?)/.exec(line);
    if (def && visible && lineIndent > indent) methods.push(def[1]);
  }
  return methods;
}
