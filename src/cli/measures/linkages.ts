import type { MeasureRegistrar } from './index.js';

/** Registers the linkages verbs of `cluster-atlas measure` (filled in by the linkages family). */
export const registerLinkages: MeasureRegistrar = () => undefined;
