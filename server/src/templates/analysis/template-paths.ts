/** Where layouts and includes live in a site, and the `layout:` a template's front matter names. */
export function layoutPath(name: string): string {
  return `_layouts/${name}`;
}
export function findLayout(name: string, get: (p: string) => string | undefined): { path: string; source: string } | undefined {
  const candidates = /\.[A-Za-z0-9]+$/.test(name)
    ? [`_layouts/${name}`, `_layouts/${name}.html`, `_layouts/${name}.md`]
    : [`_layouts/${name}.html`, `_layouts/${name}.md`, `_layouts/${name}`];
  for (const c of candidates) {
    const s = get(c);
    if (s !== undefined) return { path: c, source: s };
  }
  return undefined;
}
export function includePath(fromTemplate: string, name: string, relative: boolean): string | undefined {
  let n = name.trim();
  if (!n) return undefined;
  if ((n.startsWith('"') && n.endsWith('"')) || (n.startsWith("'") && n.endsWith("'"))) n = n.slice(1, -1);
  const base = relative ? fromTemplate.split('/').slice(0, -1) : ['_includes'];
  const parts = [...base];
  for (const seg of n.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (!parts.length) return undefined; parts.pop(); continue; }
    parts.push(seg);
  }
  return parts.join('/');
}

/** Finds a leading `---` … `---`/`...` block; returns where the Liquid body starts and the block text. */
export function splitFrontMatter(src: string): { bodyStart: number; frontMatter?: string } {
  const start = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = src.indexOf('\n', start);
  const firstLine = src.slice(start, firstEnd === -1 ? src.length : firstEnd);
  if (firstEnd === -1 || firstLine.trimEnd() !== '---') return { bodyStart: 0 };
  let pos = firstEnd + 1;
  while (pos <= src.length) {
    const nl = src.indexOf('\n', pos);
    const line = src.slice(pos, nl === -1 ? src.length : nl).replace(/\r$/, '');
    const t = line.trimEnd();
    if (t === '---' || t === '...') {
      return { bodyStart: nl === -1 ? src.length : nl + 1, frontMatter: src.slice(firstEnd + 1, pos) };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return { bodyStart: 0 };
}

export function layoutFromFrontMatter(fm: string): string | undefined {
  const m = /^layout[ \t]*:[ \t]*(.*)$/m.exec(fm);
  if (!m) return undefined;
  let v = m[1].replace(/\s+#.*$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).trim();
  if (!v || v === 'null' || v === '~' || v === 'none' || v === 'Null' || v === 'NULL') return undefined;
  return v;
}
