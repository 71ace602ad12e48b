/** What a kramdown attribute list (`{: .class #id key="value"}`) sets, for blocks and spans alike. */
import type MarkdownIt = require('markdown-it');
import { addReference } from './kramdown-toc';

type Token = MarkdownIt.Token;

/** An IAL's `.class`, `#id` and `key="value"`; a bare name is a reference (`toc`), not an attribute. */
export function setAttributes(token: Token, list: string): void {
  for (const [, kind, name, assigned, double, single, plain] of list.matchAll(/([.#]?)([\w-]+)(=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    if (kind === '.') token.attrJoin('class', name);
    else if (kind === '#') token.attrSet('id', name);
    else if (assigned) token.attrSet(name, double ?? single ?? plain);
    else addReference(token, name);
  }
}
