import { ambiguousScalar } from './ambiguous-scalar';
import { blockIndent } from './block-indent';
import { configMissingPage } from './config-missing-page';
import { duplicateKey } from './duplicate-key';
import { duplicateValue } from './duplicate-value';
import { h1InBody } from './h1-in-body';
import { invalidValue } from './invalid-value';
import { missingFile } from './missing-file';
import { missingRequired } from './missing-required';
import { reservedField } from './reserved-field';
import type { Rule } from './rule';
import { sectionMismatch } from './section-mismatch';
import { unclosedFrontMatter } from './unclosed-front-matter';
import { unknownField } from './unknown-field';
import { unknownLayout } from './unknown-layout';
import { unknownReference } from './unknown-reference';
import { unreachablePage } from './unreachable-page';
import { wrongType } from './wrong-type';
import { yamlSyntax } from './yaml-syntax';

/** Every check, in the order their ids are documented. One module per rule id in this folder. */
export const ALL_RULES: Rule[] = [
  ambiguousScalar,
  blockIndent,
  configMissingPage,
  duplicateKey,
  duplicateValue,
  h1InBody,
  invalidValue,
  missingFile,
  missingRequired,
  reservedField,
  sectionMismatch,
  unclosedFrontMatter,
  unknownField,
  unknownLayout,
  unknownReference,
  unreachablePage,
  wrongType,
  yamlSyntax,
];
