import { parseArgs } from 'node:util';
import type { RuleSettings, Severity } from '../rules/rule';
import { ruleSettingProblem } from '../service/settings';
import { OUTPUT_FORMATS, OutputFormat } from './format';
import { UsageError } from './usage-error';

/** What `check` was asked to do, from the command line (or from the GitHub Action's inputs). */
export interface CheckOptions {
  /** Files or folders to report on, as given (the whole site is still read). */
  paths: string[];
  root?: string;
  format: OutputFormat;
  schema?: string;
  settings: RuleSettings;
  fix: boolean;
  /** Report errors only (warnings still count towards `maxWarnings`). */
  quiet: boolean;
  /** More warnings than this fail the check; undefined: warnings never do. */
  maxWarnings?: number;
  /** Also report on the files git sees as changed (staged, unstaged or new). */
  changed: boolean;
}

export function parseCheckOptions(args: string[]): CheckOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      format: { type: 'string', default: 'text' },
      schema: { type: 'string' },
      rule: { type: 'string', multiple: true },
      fix: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      changed: { type: 'boolean', default: false },
    },
  });
  return {
    paths: positionals,
    root: values.root,
    format: parseFormat(values.format ?? 'text'),
    schema: values.schema,
    settings: parseRuleSettings(values.rule ?? []),
    fix: values.fix ?? false,
    quiet: values.quiet ?? false,
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseMaxWarnings(values['max-warnings']),
    changed: values.changed ?? false,
  };
}

export function parseFormat(value: string): OutputFormat {
  const format = value as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`Unknown format "${value}": use ${OUTPUT_FORMATS.join(', ')}.`);
  return format;
}

export function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--max-warnings ${value}: give a whole number of warnings, 0 or more.`);
  return Number(value.trim());
}

function parseRuleSettings(entries: string[]): RuleSettings {
  const settings: RuleSettings = {};
  for (const entry of entries) {
    const [id, level] = entry.split('=');
    const problem = ruleSettingProblem(id, level);
    if (problem) throw new UsageError(`--rule ${entry}: ${problem}`);
    settings[id] = level as Severity | 'off';
  }
  return settings;
}
