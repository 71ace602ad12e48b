import { ALL_RULES } from '../rules';
import type { Severity } from '../rules/rule';
import { SCHEMA_PROBLEM_CODE } from './workspace';

export const RULE_LEVELS: (Severity | 'off')[] = ['off', 'error', 'warning', 'information', 'hint'];

/** Every id the `jekyllAuthor.rules` setting accepts: the rules, and problems of the schema file. */
export function ruleIds(): { id: string; description: string; defaultSeverity: Severity; severityNote?: string }[] {
  return [
    ...ALL_RULES.map(({ id, description, defaultSeverity, severityNote }) => ({ id, description, defaultSeverity, severityNote })),
    { id: SCHEMA_PROBLEM_CODE, description: 'The schema file cannot be read or is not a valid schema.', defaultSeverity: 'error' as Severity },
  ].sort((a, b) => a.id.localeCompare(b.id));
}

/** The JSON Schema of each rule's entry in the `jekyllAuthor.rules` setting (package.json). */
export function ruleSettingsSchema(): Record<string, unknown> {
  return Object.fromEntries(ruleIds().map(({ id, description, defaultSeverity, severityNote }) => [id, {
    type: 'string',
    enum: RULE_LEVELS,
    markdownDescription: `${description} Default: \`${defaultSeverity}\`${severityNote ? ` (${severityNote})` : ''}. See \`docs/rules/${id}.md\`.`,
  }]));
}

/** The README's table of checks, written from the rules (`npm run sync-manifest`). */
export function readmeRuleTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '| Check | Default | What it finds |',
    '| --- | --- | --- |',
    ...ruleIds().map(({ id, description, defaultSeverity, severityNote }) =>
      `| [\`${id}\`](docs/rules/${id}.md) | ${defaultSeverity}${severityNote ? ` (${severityNote})` : ''} | ${cell(description)} |`),
  ].join('\n');
}

/** Why a `rules` entry cannot be used (unknown id, bad level), or undefined when it can. */
export function ruleSettingProblem(id: string, level: unknown): string | undefined {
  const ids = ruleIds().map((rule) => rule.id);
  if (!ids.includes(id)) return `Unknown rule "${id}". Rules: ${ids.join(', ')}.`;
  if (typeof level !== 'string' || !RULE_LEVELS.includes(level as Severity)) {
    return `The level of rule "${id}" must be one of ${RULE_LEVELS.join(', ')}, not ${JSON.stringify(level)}.`;
  }
  return undefined;
}
