/**
 * The generator of Monte Carlo simulation s of a curve (K-density, Ripley's K/L, M):
 *
 *   rng_s = createRng(seed · 2²⁰ + s)
 *
 * Every simulation draws from its own stream, chosen by (seed, s) alone, so a block of
 * simulations computed in a worker thread gives the same values as the same simulations computed
 * in one thread, whatever the split. Seeds are taken as unsigned 32-bit integers; s < 2²⁰.
 */
import { createRng, type Rng } from '../../core/rng.js';

export function simulationRng(seed: number, s: number): Rng {
  return createRng((seed >>> 0) * 2 ** 20 + s);
}
