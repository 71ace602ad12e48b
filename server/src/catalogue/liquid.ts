import { block, placeholder, Provider, rendered, tag } from './types';

/**
 * Liquid's own tags and filters as Jekyll 4.3 runs them (Liquid 5.4: `liquid/tags/*.rb` and
 * `standardfilters.rb`). No `sum`: it came with Liquid 5.5, and Jekyll 4.3.1 prints its input unchanged.
 */
export const LIQUID: Provider = {
  name: 'liquid',
  tags: {
    assign: tag(), break: tag(), continue: tag(), cycle: tag(), decrement: tag(), echo: tag(), increment: tag(),
    '#': tag(), include: tag(), render: tag(), liquid: tag(), else: tag(), elsif: tag(), when: tag(),
    capture: block(), case: block(), comment: block(), for: block(), if: block(), raw: block(), tablerow: block(),
    unless: block(), ifchanged: block('placeholder'),
  },
  filters: Object.fromEntries([
    'abs', 'append', 'at_least', 'at_most', 'base64_decode', 'base64_encode', 'capitalize', 'ceil', 'compact', 'concat',
    'date', 'default', 'divided_by', 'downcase', 'escape', 'escape_once', 'first', 'floor', 'join', 'last', 'lstrip',
    'map', 'minus', 'modulo', 'newline_to_br', 'plus', 'prepend', 'remove', 'remove_first', 'remove_last', 'replace',
    'replace_first', 'replace_last', 'reverse', 'round', 'rstrip', 'size', 'slice', 'sort', 'sort_natural', 'split',
    'strip', 'strip_html', 'strip_newlines', 'times', 'truncate', 'truncatewords', 'uniq', 'upcase',
    'url_decode', 'url_encode', 'where',
  ].map((name) => [name, rendered]).concat([
    ['base64_url_safe_encode', placeholder], ['base64_url_safe_decode', placeholder],
  ])),
};
