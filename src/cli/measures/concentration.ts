import type { MeasureRegistrar } from './index.js';

/** Registers the concentration verbs of `cluster-atlas measure` (filled in by the concentration family). */
export const registerConcentration: MeasureRegistrar = () => undefined;
