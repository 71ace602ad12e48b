import { codeActionFeature } from './code-actions';
import type { ServerFeature } from './context';
import { completionFeature } from './completion';
import { hoverFeature } from './hover';
import { navigationFeature } from './navigation';
import { outlineFeature } from './outline';
import { previewFeature } from './preview';
import { renameFeature } from './rename';

/** The request handlers beyond diagnostics, one module each. */
export const FEATURES: ServerFeature[] = [codeActionFeature, hoverFeature, completionFeature, navigationFeature, renameFeature, outlineFeature, previewFeature];
