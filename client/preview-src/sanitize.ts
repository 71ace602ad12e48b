// The preview's second wall behind its Content Security Policy: every page DOMPurify cleans in the
// webview's own DOM before any of it enters the preview. Mutation XSS lives in the gap between a
// sanitizer's parser and the browser's; here they are the same parser, and DOMPurify's fragments
// are moved in as nodes, never serialized and parsed again. DOMPurify is kept current by npm.
import DOMPurify, { type Config } from 'dompurify';
import type { PreviewContent } from '../src/preview/messages';

const purify = DOMPurify(window);

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  // The page's stylesheets, mapped by the extension to the webview's own files, with the nonce it gave them.
  ADD_TAGS: ['link'],
  ADD_ATTR: ['nonce'],
  // What changes where links go or reloads the page; the policy stops the rest of what they could do.
  FORBID_TAGS: ['base', 'meta'],
  // Else a leading <style> is parsed into a <head> DOMPurify throws away.
  FORCE_BODY: true,
  RETURN_DOM_FRAGMENT: true,
};

/** The page as an inert document of sanitized nodes, ready to be moved into the preview. */
export function sanitizedDocument(content: PreviewContent): Document {
  const page = document.implementation.createHTMLDocument('');
  page.head.append(purify.sanitize(content.head, CONFIG));
  page.body.append(purify.sanitize(content.body, CONFIG));
  for (const [name, value] of content.bodyAttributes) {
    if (purify.isValidAttribute('body', name, value)) page.body.setAttribute(name, value);
  }
  return page;
}

/** An HTML fragment (a slot's children, the banner) as sanitized nodes in an inert document. */
export function sanitizedFragment(fragment: string): HTMLElement {
  const page = document.implementation.createHTMLDocument('');
  page.body.append(purify.sanitize(fragment, CONFIG));
  return page.body;
}
