import { isScalar, Node } from 'yaml';
import { describePath, PageIssue, validatePage } from '../schema/validate';
import type { Page } from '../site/site';
import type { Fix, PageRule } from './rule';
import { rankSuggestions } from './suggest';

/** A value of the right kind that the schema still does not allow: not one of a list, too small… */
export const invalidValue: PageRule = {
  id: 'invalid-value',
  defaultSeverity: 'error',
  description: 'A value the site\'s schema does not allow (not one of the allowed values, out of range, wrong form).',
  target: 'page',
  check({ site, page, schema, report }) {
    for (const issue of validatePage(site, page, schema)) {
      if (issue.kind !== 'invalid-value' || !issue.node) continue;
      const [start, end] = rangeOf(page, issue.node);
      const { message, fixes } = explain(page, issue);
      report({ start, end, message, fixes });
    }
  },
};

function explain(page: Page, issue: PageIssue): { message: string; fixes: Fix[] } {
  const error = issue.error!;
  const name = capitalize(describePath(issue.path));
  const params = error.params as Record<string, unknown>;
  const value = issue.node && isScalar(issue.node) ? String(issue.node.value ?? '') : undefined;
  const shown = value !== undefined ? ` \`${value}\`` : '';
  const fixes: Fix[] = [];
  switch (error.keyword) {
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v));
      const list = allowed.map((v) => `\`${v}\``).join(', ');
      const guesses = value !== undefined ? rankSuggestions(value, allowed, { limit: 1 }) : [];
      if (issue.node && isScalar(issue.node)) {
        for (const guess of guesses) {
          const [start, end] = page.frontMatter.offsetsOf(issue.node);
          fixes.push({ title: `Change to \`${guess}\``, safe: false, preferred: true, edits: [{ start, end, newText: quoteIfNeeded(guess) }] });
        }
      }
      const hint = guesses.length > 0 ? ` Did you mean \`${guesses[0]}\`?` : '';
      return { message: `${name} must be one of ${list}; the value${shown} is not one of them.${hint}`, fixes };
    }
    case 'const':
      return { message: `${name} must be \`${String(params.allowedValue)}\`; change the value${shown}.`, fixes };
    case 'pattern': {
      const description = typeof issue.schema.description === 'string' ? ` (${issue.schema.description.replace(/\.$/, '')})` : '';
      return { message: `${name}${shown} is not written in the form the site expects${description}: it must match \`${String(params.pattern)}\`.`, fixes };
    }
    case 'minimum': case 'exclusiveMinimum': case 'maximum': case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', exclusiveMinimum: 'more than', maximum: 'at most', exclusiveMaximum: 'less than' };
      return { message: `${name} must be ${words[error.keyword]} ${String(params.limit)}; it is${shown}.`, fixes };
    }
    case 'multipleOf':
      return { message: `${name} must be a multiple of ${String(params.multipleOf)}; it is${shown}.`, fixes };
    case 'minLength': case 'maxLength': {
      const limit = Number(params.limit);
      const word = error.keyword === 'minLength' ? 'at least' : 'at most';
      return { message: `${name} must be ${word} ${limit} character${limit === 1 ? '' : 's'} long; shorten or lengthen it.`, fixes };
    }
    case 'minItems': case 'maxItems': {
      const limit = Number(params.limit);
      const word = error.keyword === 'minItems' ? 'at least' : 'at most';
      return { message: `${name} must have ${word} ${limit} item${limit === 1 ? '' : 's'}; add or remove items.`, fixes };
    }
    case 'uniqueItems':
      return { message: `${name} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}); remove one of them.`, fixes };
    case 'minProperties': case 'maxProperties':
      return { message: `${name} ${error.message ?? 'has the wrong number of fields'}.`, fixes };
    case 'anyOf': case 'oneOf':
      return { message: `${name}${shown} does not match any of the forms the site's schema allows for it.`, fixes };
    default:
      return { message: `${name}${shown}: ${error.message ?? 'is not allowed by the site\'s schema'}.`, fixes };
  }
}

function quoteIfNeeded(text: string): string {
  return /^[\w][\w ./-]*$/.test(text) && !/^(?:y|yes|n|no|true|false|on|off|null|~|\d[\d.]*)$/i.test(text) ? text : JSON.stringify(text);
}

function rangeOf(page: Page, node: Node): [number, number] {
  const [start, end] = page.frontMatter.offsetsOf(node);
  return [start, Math.min(end, page.lines.lineEnd(page.lines.positionAt(start).line))];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
