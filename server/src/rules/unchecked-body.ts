import { ANALYSED_TEXT_LIMIT, bodyTooLongToAnalyse } from '../templates/site-templates';
import { firstLine } from './fields';
import type { PageRule } from './rule';

/**
 * A page whose body is too long for its Liquid to be analysed (over a million characters): its tags,
 * filters and includes are not checked, and the fields it reads are not seen. Said once, on the
 * page's first line, rather than left unsaid.
 */
export const uncheckedBody: PageRule = {
  id: 'unchecked-body',
  defaultSeverity: 'information',
  description: "The page's text is over a million characters long, so the Liquid in it is not checked (Jekyll still runs it).",
  target: 'page',
  check({ page, report }) {
    if (!bodyTooLongToAnalyse(page)) return;
    const [start, end] = firstLine(page);
    const megabytes = (page.text.length / 1_000_000).toFixed(1);
    report({
      start, end,
      message: `This page's text is ${megabytes} million characters long, and Jekyll Author checks the Liquid of page bodies only up to ${ANALYSED_TEXT_LIMIT / 1_000_000} million, `
        + 'so the tags, filters and includes in this page are not checked here (Jekyll still runs them). '
        + 'Split the page into smaller ones, or move its repeated parts into an include.',
    });
  },
};
