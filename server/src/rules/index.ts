import { ambiguousScalar } from './ambiguous-scalar';
import { blockIndent } from './block-indent';
import { commentInValue } from './comment-in-value';
import { configMissingPage } from './config-missing-page';
import { defaultsScope } from './defaults-scope';
import { duplicateKey } from './duplicate-key';
import { duplicateValue } from './duplicate-value';
import { encoding } from './encoding';
import { filterArguments } from './filter-arguments';
import { h1InBody } from './h1-in-body';
import { includeRecursion } from './include-recursion';
import { invalidValue } from './invalid-value';
import { liquidSyntax } from './liquid-syntax';
import { missingFile } from './missing-file';
import { missingInclude } from './missing-include';
import { missingRequired } from './missing-required';
import { removedSetting } from './removed-setting';
import { reservedField } from './reserved-field';
import type { Rule } from './rule';
import { sectionMismatch } from './section-mismatch';
import { uncheckedBody } from './unchecked-body';
import { unclosedFrontMatter } from './unclosed-front-matter';
import { unknownField } from './unknown-field';
import { unknownFilter } from './unknown-filter';
import { unknownLayout } from './unknown-layout';
import { unknownReference } from './unknown-reference';
import { unknownTag } from './unknown-tag';
import { unreachablePage } from './unreachable-page';
import { unreadableFile } from './unreadable-file';
import { wrongType } from './wrong-type';
import { yamlSyntax } from './yaml-syntax';

/** Every check, in the order their ids are documented. One module per rule id in this folder. */
export const ALL_RULES: Rule[] = [
  ambiguousScalar,
  blockIndent,
  commentInValue,
  configMissingPage,
  defaultsScope,
  duplicateKey,
  duplicateValue,
  encoding,
  filterArguments,
  h1InBody,
  includeRecursion,
  invalidValue,
  liquidSyntax,
  missingFile,
  missingInclude,
  missingRequired,
  removedSetting,
  reservedField,
  sectionMismatch,
  uncheckedBody,
  unclosedFrontMatter,
  unknownField,
  unknownFilter,
  unknownLayout,
  unknownReference,
  unknownTag,
  unreachablePage,
  unreadableFile,
  wrongType,
  yamlSyntax,
];
