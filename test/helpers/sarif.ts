import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The SARIF 2.1.0 schema (OASIS, as @microsoft/jest-sarif ships it). It is draft-04: without its
 * `$schema` and `id`, Ajv reads it as the draft-07 it is compatible with (it uses no draft-04-only keywords);
 * one of its patterns (`language`) has a stray `]` that only non-Unicode regular expressions accept.
 */
function sarifSchema(): object {
  const file = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return schema;
}

/** The schema's complaints about a SARIF log; empty when it is valid. */
export function sarifProblems(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(sarifSchema());
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}
