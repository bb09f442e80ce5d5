import type { MeasureRegistrar } from './index.js';

/** Registers the autocorrelation verbs of `cluster-atlas measure` (filled in by the autocorrelation family). */
export const registerAutocorrelation: MeasureRegistrar = () => undefined;
