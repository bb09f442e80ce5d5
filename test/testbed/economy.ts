/**
 * One test-bed economy: a seeded world with the background, one planted structure of each
 * asked kind, and the noise. `drawEconomy` is deterministic in its parameters.
 */
import { STRENGTHS, type EconomyParams } from './params.js';
import { plantAgglomeration, plantChain, plantCluster, plantConcentration, plantPark, Sites, type Planted } from './plant.js';
import { Rng } from './rng.js';
import { addBackgroundFirms, addNoise, World } from './world.js';

export interface Economy {
  params: EconomyParams;
  world: World;
  planted: Planted[];
}

export function drawEconomy(params: EconomyParams): Economy {
  const w = new World(new Rng(params.seed));
  const s = STRENGTHS[params.strength];
  const n = params.firmsPerStructure;
  const bg = addBackgroundFirms(w, params.noise);
  const sites = new Sites(w);
  const planted: Planted[] = [];
  for (const kind of params.kinds) {
    switch (kind) {
      case 'cluster': planted.push(plantCluster(w, s, n, sites.take(true))); break;
      case 'agglomeration': planted.push(plantAgglomeration(w, s, n, sites.take(true))); break;
      case 'chain': planted.push(plantChain(w, s, n)); break;
      case 'park': planted.push(plantPark(w, s, n, sites.take(true), params.noise.parkNoiseShare, bg.industries)); break;
      case 'concentration': {
        const a = sites.take(false);
        const b = sites.take(false, [a], 80);
        const c = sites.take(false, [a, b], 80);
        planted.push(plantConcentration(w, s, n, [a, b, c], params.noise.siblingFactor));
        break;
      }
    }
  }
  addNoise(w, params.noise, bg);
  return { params, world: w, planted };
}
