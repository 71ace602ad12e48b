import type { Rule } from './rule';

/** Every check, in the order their ids are documented. One module per rule id in this folder. */
export const ALL_RULES: Rule[] = [];
