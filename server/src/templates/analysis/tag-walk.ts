/**
 * The walk over a template's tokens, tag by tag: blocks and their ends, bindings (`assign`,
 * `capture`, `for`), guards (`if`/`unless`/`case`), include sites and `{% liquid %}` lines.
 * Values inside tags and outputs are read by `ValueReader`.
 */
import { Tokenizer, TypeGuards } from 'liquidjs';
import type { TopLevelToken } from 'liquidjs';
import { elementOf } from './symbols';
import type { Env, Sym } from './symbols';
import { errorMessage } from './raw';
import type { RawAnalysis } from './raw';
import { ellipsis, lineEndOf, OPTIONS } from './lenient-read';
import { layoutFromFrontMatter, splitFrontMatter } from './template-paths';
import { ValueReader } from './values';
import type { Block, TagLike } from './values';

const BLOCK_ENDS: Record<string, string> = {
  endfor: 'for', endtablerow: 'tablerow', endif: 'if', endunless: 'unless', endcase: 'case', endcapture: 'capture',
};

export function runAnalysis(template: string, source: string, env: Env): RawAnalysis {
  const a = new Analyzer(template, source, env);
  a.run();
  return a.result;
}

class Analyzer extends ValueReader {
  private commentDepth = 0;
  private commentTag: TagLike | undefined;

  run(): void {
    const { bodyStart, frontMatter } = splitFrontMatter(this.src);
    if (frontMatter !== undefined) {
      const layout = layoutFromFrontMatter(frontMatter);
      if (layout !== undefined) this.result.layoutParent = layout;
    }
    const tk = new Tokenizer(this.src, OPTIONS.operators, undefined, [bodyStart, this.src.length]);
    let guard = 0;
    while (!tk.end() && guard++ < 1_000_000) {
      const start = tk.p;
      let tok: TopLevelToken;
      try {
        tok = tk.readTopLevelToken(OPTIONS);
      } catch (e) {
        const rawOpen = (tk as unknown as { rawBeginAt: number }).rawBeginAt > -1;
        this.problem(start, Math.min(this.src.length, lineEndOf(this.src, start)), errorMessage(e));
        if (rawOpen) break; // the rest of the file is raw text
        tk.p = start + 2; // treat the lone `{%` / `{{` as text and go on
        continue;
      }
      if (tk.p <= start) tk.p = start + 1; // never loop
      try {
        this.token(tok);
      } catch (e) {
        this.problem(tok.begin, tok.end, `Could not analyse ${JSON.stringify(ellipsis(tok.getText()))}: ${errorMessage(e)}`);
      }
    }
    if (this.commentTag) this.problem(this.commentTag.begin, this.commentTag.end, 'tag comment not closed');
    for (const b of this.blocks.splice(0)) this.problem(b.tag.begin, b.tag.end, `tag ${b.name} not closed`);
  }

  // --- tokens ------------------------------------------------------------------

  private token(tok: TopLevelToken): void {
    if (TypeGuards.isTagToken(tok)) {
      this.tag(tok);
    } else if (TypeGuards.isOutputToken(tok)) {
      if (this.commentTag) return;
      this.expression = tok.content;
      if (!tok.content.trim()) { this.captured(undefined); return; }
      const tk = new Tokenizer(this.src, OPTIONS.operators, undefined, tok.contentRange);
      const sym = this.filteredValue(tk, tok, 'output');
      this.captured(sym);
    } else if (TypeGuards.isHTMLToken(tok)) {
      if (this.commentTag) return;
      const cap = this.capture();
      if (cap && tok.getContent().trim()) cap.text = true;
    }
  }

  private capture(): Block['capture'] {
    for (let i = this.blocks.length - 1; i >= 0; i--) if (this.blocks[i].capture) return this.blocks[i].capture;
    return undefined;
  }
  private captured(sym: Sym | undefined): void {
    const cap = this.capture();
    if (cap) cap.outputs.push(sym);
  }

  private tag(tag: TagLike): void {
    const name = tag.name;
    if (this.commentTag) {
      if (name === 'comment') this.commentDepth++;
      else if (name === 'endcomment' && --this.commentDepth === 0) this.commentTag = undefined;
      return;
    }
    const nameStart = this.src.indexOf(name, tag.begin);
    if (nameStart !== -1 && nameStart < tag.end) this.result.tags.push({ name, start: nameStart, end: nameStart + name.length });
    this.expression = tag.content;
    const tk = tag.tokenizer;
    switch (name) {
      case 'comment':
        this.commentTag = tag;
        this.commentDepth = 1;
        return;
      case '#': case 'raw': case 'endraw': case 'endcomment': case 'break': case 'continue':
        return;
      case 'assign': return this.assignTag(tag);
      case 'capture': {
        const id = tk.readIdentifier().content || (tk.readQuoted()?.content ?? '');
        this.blocks.push({ name, tag, capture: { variable: id, outputs: [], text: false } });
        return;
      }
      case 'for': case 'tablerow': return this.forTag(tag);
      case 'if': case 'unless': case 'elsif':
        if (name !== 'elsif') this.blocks.push({ name, tag });
        this.condition(tag);
        return;
      case 'case':
        this.blocks.push({ name, tag });
        this.condition(tag);
        return;
      case 'when': return this.whenTag(tag);
      case 'else': return;
      case 'echo': {
        if (!tag.tokenizer.end()) this.captured(this.filteredValue(tk, tag, 'echo tag'));
        return;
      }
      // jekyll-include-cache's `include_cached` takes the same file names and parameters as `include`.
      case 'include': case 'include_cached': case 'include_relative': return this.includeTag(tag, name === 'include_relative');
      case 'liquid': return this.liquidTag(tag);
      case 'increment': case 'decrement': case 'cycle': return;
      default:
        if (BLOCK_ENDS[name]) return this.endBlock(tag, BLOCK_ENDS[name]);
        return; // unknown / plugin tag (seo, highlight, link, …): ignored
    }
  }

  private endBlock(tag: TagLike, open: string): void {
    let i = this.blocks.length - 1;
    while (i >= 0 && this.blocks[i].name !== open) i--;
    if (i < 0) {
      this.problem(tag.begin, tag.end, `Unexpected ${tag.name}: no open ${open}`);
      return;
    }
    while (this.blocks.length > i + 1) {
      const b = this.blocks.pop()!;
      this.problem(b.tag.begin, b.tag.end, `tag ${b.name} not closed before ${tag.name}`);
      this.closeBlock(b);
    }
    this.closeBlock(this.blocks.pop()!);
  }

  private closeBlock(b: Block): void {
    if (b.restore) {
      for (const [name, had, prev] of b.restore) {
        if (had) this.vars.set(name, prev); else this.vars.delete(name);
      }
    }
    if (b.capture && b.capture.variable) {
      const c = b.capture;
      const single = c.outputs.length === 1 && !c.text ? c.outputs[0] : undefined;
      this.vars.set(c.variable, single && single.k === 'field' && !single.list ? single : undefined);
    }
  }

  private assignTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    const id = tk.readIdentifier();
    tk.skipBlank();
    if (!id.content || tk.peek() !== '=') {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag assign: expected "variable = value"`);
      return;
    }
    tk.advance();
    const first = this.result.reads.length;
    const sym = this.filteredValue(tk, tag, 'tag assign');
    // `assign author = page.author` only names the field: what counts is how the name is used.
    if (sym?.k === 'field' && sym.path.length > 0) {
      for (const r of this.result.reads.slice(first)) if (r.via === sym.via && r.path[0] === sym.path[0]) r.guarded = true;
    }
    this.vars.set(id.content, sym);
  }

  private forTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    const variable = tk.readIdentifier();
    const inStr = tk.readIdentifier();
    if (!variable.content || inStr.content !== 'in') {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: expected "${tag.name} item in collection"`);
      this.blocks.push({ name: tag.name, tag });
      return;
    }
    let coll: Sym | undefined;
    const save = tk.p;
    try {
      const value = tk.readValue();
      tk.skipBlank();
      if (tk.peek() === '|') {
        // `for x in site.pages | where: …`: Liquid ignores the filters; analyse them as intended anyway.
        tk.p = save;
        this.problem(tag.begin, tag.end, `Liquid ignores filters on the collection of a ${tag.name} tag; assign the filtered list to a variable first`);
        coll = this.filteredValue(tk, tag, `tag ${tag.name}`, true);
      } else if (value) {
        coll = this.value(value, []);
        for (const h of tk.readHashes(':')) if (h.value) this.value(h.value, []);
      } else {
        this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: collection expected`);
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
    }
    const restore: [string, boolean, Sym | undefined][] = [];
    const bind = (name: string, sym: Sym | undefined): void => {
      restore.push([name, this.vars.has(name), this.vars.get(name)]);
      this.vars.set(name, sym);
    };
    bind(variable.content, elementOf(coll));
    bind(tag.name === 'for' ? 'forloop' : 'tablerowloop', undefined);
    this.blocks.push({ name: tag.name, tag, restore });
  }

  /** Reads a tested expression; the fields it tests are guarded inside the block it opens. */
  private condition(tag: TagLike): void {
    if (tag.tokenizer.end()) return;
    const first = this.result.reads.length;
    this.testing = true;
    try {
      this.filteredValue(tag.tokenizer, tag, `tag ${tag.name}`);
    } finally {
      this.testing = false;
    }
    const block = this.blocks[this.blocks.length - 1];
    if (!block) return;
    block.guards ??= new Set();
    for (const r of this.result.reads.slice(first)) block.guards.add(`${r.via}:${r.path[0]}`);
  }

  private whenTag(tag: TagLike): void {
    const tk = tag.tokenizer;
    try {
      while (!tk.end()) {
        const before = tk.p;
        const v = tk.readValue();
        if (v) this.value(v, []);
        tk.skipBlank();
        if (tk.peek() === ',') tk.advance(); else tk.readIdentifier(); // `or`
        if (tk.p === before) tk.advance();
      }
    } catch (e) {
      this.parseProblem(e, tag, 'tag when');
    }
  }

  private includeTag(tag: TagLike, relative: boolean): void {
    const tk = tag.tokenizer;
    tk.skipBlank();
    const nameBegin = tk.p;
    let dynamic = false;
    try {
      for (const piece of tk.readFileNameTemplate(OPTIONS)) {
        if (TypeGuards.isOutputToken(piece)) {
          dynamic = true;
          const sub = new Tokenizer(this.src, OPTIONS.operators, undefined, piece.contentRange);
          if (piece.content.trim()) this.filteredValue(sub, piece, 'include file name');
        }
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
      return;
    }
    const name = this.src.slice(nameBegin, tk.p);
    if (!name.trim()) {
      this.problem(tag.begin, tag.end, `Liquid syntax error in tag ${tag.name}: file name expected`);
      return;
    }
    const params: string[] = [];
    const paramSyms = new Map<string, Sym | undefined>();
    try {
      // Jekyll: `include file.html key=value key2="text"`; tolerate stray words.
      while (!tk.end()) {
        const before = tk.p;
        const hashes = tk.readHashes('=');
        for (const h of hashes) {
          const key = h.name.content;
          params.push(key);
          paramSyms.set(key, h.value ? this.value(h.value, []) : undefined);
        }
        tk.skipBlank();
        if (tk.p === before) {
          if (TypeGuards.isQuotedToken(tk.readQuoted())) continue;
          tk.advance();
        }
      }
    } catch (e) {
      this.parseProblem(e, tag, `tag ${tag.name}`);
    }
    this.expression = tag.content;
    this.result.includes.push({
      loc: this.loc(tag.begin), name, dynamic, relative, params, paramSyms, vars: new Map(this.vars),
      // Only a capture's body always runs.
      conditional: this.blocks.some((block) => block.name !== 'capture'),
    });
  }

  private liquidTag(tag: TagLike): void {
    let lines: TagLike[];
    try {
      lines = tag.tokenizer.readLiquidTagTokens(OPTIONS);
    } catch (e) {
      this.parseProblem(e, tag, 'tag liquid');
      return;
    }
    for (const t of lines) {
      try {
        this.tag(t);
      } catch (e) {
        this.parseProblem(e, t, `tag ${t.name}`);
      }
    }
    this.expression = tag.content;
  }
}
