/**
 * Besag's L function: the variance-stabilised Ripley's K.
 *
 *   L(r) = √(K(r) / π)
 *
 * Under CSR L(r) = r; L(r) − r > 0 indicates clustering at distance r. Options, corrections,
 * defaults and envelope as `ripleyK` (the envelope is computed on L). Complexity as ripleyK.
 * Reference: Besag, J. (1977) discussion of Ripley (1977), JRSS B 39:193–195.
 * Cross-checked: spatstat.explore 3.0-6 Lest (test/fixtures/pointpattern/spatstat-*.json) to 1e-9.
 */
import type { PointPattern } from '../../data/point-pattern.js';
import type { EnvelopeInference, MeasureResult } from '../result.js';
import { ripleyCore, ripleyCoreAsync, type RipleyCurve, type RipleyKOptions, type RipleySimulationRunner } from './ripley-k.js';

export function ripleyL(pattern: PointPattern, options: Omit<RipleyKOptions, 'transform'> = {}): MeasureResult<RipleyCurve, EnvelopeInference> {
  return ripleyCore(pattern, { ...options, transform: 'L' }, 'ripleyL');
}

/** ripleyL with the CSR simulations delegated to a runner (worker threads); same result. */
export async function ripleyLAsync(pattern: PointPattern, options: Omit<RipleyKOptions, 'transform'>, runner: RipleySimulationRunner): Promise<MeasureResult<RipleyCurve, EnvelopeInference>> {
  return ripleyCoreAsync(pattern, { ...options, transform: 'L' }, 'ripleyL', runner);
}
