/** The options of `collectReportData`, their defaults and their checks (E_OPTION). */
import type { ClusterCategories } from '../../model/cluster-categories.js';
import type { PathBlock } from '../../diagnose/path/workspace.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/errors.js';
import type { Bilingual, MapRegion } from '../types.js';

export interface CollectOptions {
  /** The project's cluster categories (`readCategoryFile`): the category portfolio and each candidate's categories; absent: both charts unavailable. */
  categories?: ClusterCategories;
  /** The candidates' development paths by id (`workspacePaths`, src/diagnose/path); a candidate without one gets a "not computed" path chart. */
  paths?: ReadonlyMap<string, PathBlock>;
  /** Seed of every random procedure (permutations, simulations, Louvain). Default 42. */
  seed?: number;
  /** K-density Monte Carlo simulations. Default 99. */
  simulations?: number;
  /** LISA permutations. Default 999. */
  permutations?: number;
  /** Significance level of LISA classes and K-density bands. Default 0.05. */
  alpha?: number;
  /** 'queen' (default), 'rook' or 'knn:K' (K nearest region centroids, great-circle). */
  weights?: string;
  /** Largest K-density distance in km. Default 200 (the seed's logistics radius). */
  kdRmaxKm?: number;
  /** Radius of the value chain around the candidate's centre, km. Default 200. */
  chainRadiusKm?: number;
  /** Fewer firms than this serving a present stage make it weak. Default 3. */
  weakStageFirms?: number;
  /**
   * Worker threads for the K-density simulations (results do not depend on it). Default: up to 4
   * when the compiled worker entry exists (running from dist/), else 1 (in-thread).
   */
  threads?: number;
  /** Leader firms highlighted in the network. Default 5. */
  leaders?: number;
  /** Largest network drawn (nodes); the strongest firms and every institution are kept. Default 250; links beyond 2,000 are left out (noted). */
  maxNetworkNodes?: number;
  /** Largest number of firm points per map (the largest firms). Default 1500. */
  maxMapFirms?: number;
  /** Report title; default the project name stored in the workspace. */
  title?: Bilingual;
  /** The clock (ISO time in the report). */
  now?: () => Date;
  /** Generator version written in the report. */
  version?: string;
  /** Called after each candidate. */
  onProgress?: (done: number, total: number) => void;
  /** Receives, per candidate, the LQ and LISA class of every region of the workspace (for GeoJSON layers). */
  onRegions?: (candidateId: string, regions: MapRegion[]) => void;
}

export interface ResolvedOptions {
  seed: number; simulations: number; permutations: number; alpha: number; weights: string; kdRmaxKm: number; threads: number;
  chainRadiusKm: number; weakStageFirms: number; leaders: number; maxNetworkNodes: number; maxMapFirms: number;
}

/** Threads by default: several only when the compiled worker thread entry is there. */
function defaultThreads(): number {
  const entry = new URL('../../runtime/simulation-worker-thread.js', import.meta.url);
  return existsSync(fileURLToPath(entry)) ? Math.max(1, Math.min(4, availableParallelism())) : 1;
}

export function resolveOptions(options: CollectOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    seed: options.seed ?? 42, simulations: options.simulations ?? 99, permutations: options.permutations ?? 999, alpha: options.alpha ?? 0.05,
    weights: options.weights ?? 'queen', kdRmaxKm: options.kdRmaxKm ?? 200, threads: options.threads ?? defaultThreads(), chainRadiusKm: options.chainRadiusKm ?? 200,
    weakStageFirms: options.weakStageFirms ?? 3, leaders: options.leaders ?? 5, maxNetworkNodes: options.maxNetworkNodes ?? 250, maxMapFirms: options.maxMapFirms ?? 1500,
  };
  const bad = (field: string, value: unknown, what: string): never => {
    throw new InputError('E_OPTION', `collectReportData: ${field} must be ${what}, got ${String(value)}`, { field, value });
  };
  if (!Number.isInteger(o.seed)) bad('seed', o.seed, 'an integer');
  if (!(Number.isInteger(o.simulations) && o.simulations >= 0)) bad('simulations', o.simulations, 'an integer ≥ 0');
  if (!(Number.isInteger(o.permutations) && o.permutations >= 0)) bad('permutations', o.permutations, 'an integer ≥ 0');
  if (!(o.alpha > 0 && o.alpha < 1)) bad('alpha', o.alpha, 'in (0, 1)');
  if (!/^(queen|rook|knn:\d+)$/.test(o.weights)) bad('weights', o.weights, 'queen, rook or knn:K');
  if (!(o.kdRmaxKm > 0)) bad('kdRmaxKm', o.kdRmaxKm, '> 0');
  if (!(Number.isInteger(o.threads) && o.threads >= 1)) bad('threads', o.threads, 'an integer ≥ 1');
  if (!(o.chainRadiusKm > 0)) bad('chainRadiusKm', o.chainRadiusKm, '> 0');
  return o;
}
