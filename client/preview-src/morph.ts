// Brings the preview's DOM to a new render in place: nodes that did not change stay (no flicker,
// images stay loaded, the scroll position holds); only what differs is touched.

/** Nodes matched by kind and text, not by attributes: a line added above shifts every `data-line` below. */
const sameContent = (a: Node, b: Node): boolean => a.nodeName === b.nodeName && a.textContent === b.textContent;
const sameKind = (a: Node, b: Node): boolean =>
  a.nodeType === b.nodeType && a.nodeName === b.nodeName && (!(a instanceof Element) || a.id === (b as Element).id);
/** How far to look for a block that was inserted or removed, before falling back to updating in place. */
const LOOKAHEAD = 8;

export function morphChildren(target: Node, source: Node): void {
  let cursor = target.firstChild;
  for (let next = source.firstChild; next; next = next.nextSibling) {
    if (cursor && !sameContent(cursor, next)) {
      const kept = findAhead(cursor, next);
      if (kept) {
        // The nodes before `kept` are gone from the new render.
        while (cursor !== kept) {
          const removed: ChildNode = cursor!;
          cursor = removed.nextSibling;
          removed.remove();
        }
      } else if (findAhead(next, cursor)) {
        // `next` is new: the current node comes later.
        target.insertBefore(document.importNode(next, true), cursor);
        continue;
      }
    }
    if (cursor && sameKind(cursor, next)) {
      morphNode(cursor, next);
      cursor = cursor.nextSibling;
    } else {
      target.insertBefore(document.importNode(next, true), cursor);
    }
  }
  while (cursor) {
    const removed: ChildNode = cursor;
    cursor = removed.nextSibling;
    removed.remove();
  }
}

/** The first of the few siblings after `from` whose content is that of `wanted`. */
function findAhead(from: Node, wanted: Node): ChildNode | undefined {
  let node = from.nextSibling;
  for (let i = 0; node && i < LOOKAHEAD; i++, node = node.nextSibling) {
    if (sameContent(node, wanted)) return node;
  }
  return undefined;
}

function morphNode(target: Node, source: Node): void {
  if (!(target instanceof Element)) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue;
    return;
  }
  morphAttributes(target, source as Element);
  if (!target.isEqualNode(source)) morphChildren(target, source);
}

export function morphAttributes(target: Element, source: Element): void {
  for (const { name } of [...target.attributes]) {
    if (!source.hasAttribute(name)) target.removeAttribute(name);
  }
  for (const { name, value } of [...source.attributes]) {
    // The browser hides a nonce once the element is in (it reads back as ''): it is the same one.
    if (name !== 'nonce' && target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
}
