/**
 * `cluster-atlas measure <name>`: each measure family registers its verbs from its own file, so
 * families can be added without touching the others. Registrars must stay light: import the
 * measure code lazily inside the action.
 */
import type { Command } from 'commander';
import type { CliContext } from '../output.js';
import { registerAutocorrelation } from './autocorrelation.js';
import { registerClusters } from './clusters.js';
import { registerConcentration } from './concentration.js';
import { registerLinkages } from './linkages.js';
import { registerPairs } from './pairs.js';
import { registerPointPatterns } from './pointpatterns.js';

export type MeasureRegistrar = (measure: Command, context: () => CliContext) => void;

export const MEASURE_FAMILIES: MeasureRegistrar[] = [registerConcentration, registerAutocorrelation, registerPointPatterns, registerPairs, registerLinkages, registerClusters];
