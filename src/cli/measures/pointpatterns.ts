import type { MeasureRegistrar } from './index.js';

/** Registers the pointpatterns verbs of `cluster-atlas measure` (filled in by the pointpatterns family). */
export const registerPointPatterns: MeasureRegistrar = () => undefined;
