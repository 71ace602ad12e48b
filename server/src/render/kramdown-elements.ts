/** kramdown's lists of HTML elements (`Parser::Html::Constants`): how each one's content is read and written. */

/** `HTML_CONTENT_MODEL_BLOCK`: elements whose content is Markdown blocks with `parse_block_html: true`. */
export const BLOCK_CONTENT_ELEMENTS = new Set([
  'address', 'applet', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'fieldset', 'figure',
  'figcaption', 'footer', 'form', 'header', 'hgroup', 'iframe', 'li', 'main', 'map', 'menu', 'nav', 'noscript',
  'object', 'section', 'summary', 'td',
]);

/** `HTML_CONTENT_MODEL_SPAN`: elements whose content is Markdown text with `markdown="1"`. */
export const SPAN_CONTENT_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'button', 'cite', 'caption', 'del', 'dfn', 'dt', 'em', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'i', 'ins', 'label', 'legend', 'optgroup', 'p', 'q', 'rb', 'rbc', 'rp', 'rt', 'rtc', 'ruby',
  'select', 'small', 'span', 'strong', 'sub', 'sup', 'th', 'tt',
]);

/** `HTML_SPAN_ELEMENTS`: a line starting with one of these is text, not an HTML block. */
export const SPAN_ELEMENTS = new Set([
  'a', 'abbr', 'acronym', 'b', 'big', 'bdo', 'br', 'button', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'input',
  'ins', 'kbd', 'label', 'mark', 'option', 'q', 'rb', 'rbc', 'rp', 'rt', 'rtc', 'ruby', 'samp', 'select', 'small',
  'span', 'strong', 'sub', 'sup', 'tt', 'u', 'var',
]);

/** `HTML_ELEMENTS_WITHOUT_BODY`. */
export const ELEMENTS_WITHOUT_BODY = /^(?:area|base|br|col|command|embed|hr|img|input|keygen|link|meta|param|source|track|wbr)$/;
