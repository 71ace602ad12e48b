import type { ServerFeature } from './context';

/** The request handlers beyond diagnostics, one module each. */
export const FEATURES: ServerFeature[] = [];
