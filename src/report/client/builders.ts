/** The option builders by chart kind (`data-kind` of a chart container in report.html). */
import type { CandidateReport } from '../types.js';
import { candidateMap } from './candidate-map.js';
import { categoryNetwork, categoryPortfolio } from './categories.js';
import { chain } from './chain.js';
import type { Built, BuildContext } from './context.js';
import { kDensity } from './k-density.js';
import { lorenz } from './lorenz.js';
import { network } from './network.js';
import { overviewMap } from './overview.js';
import { portfolio } from './portfolio.js';
import { path } from './path.js';
import { radar } from './radar.js';

/** Charts of the whole report. */
export const REPORT_BUILDERS: Record<string, (ctx: BuildContext) => Built> = { overview: overviewMap, portfolio, categories: categoryPortfolio, 'category-network': categoryNetwork };

/** Charts of one candidate; `width` is the container's width in pixels. */
export const CANDIDATE_BUILDERS: Record<string, (ctx: BuildContext, c: CandidateReport, width: number) => Built> = {
  map: candidateMap, lorenz, kdensity: kDensity, network, chain, radar, path,
};

/** The option of chart `kind` (of candidate index `candidate` when it is a candidate chart). */
export function buildChart(ctx: BuildContext, kind: string, candidate: number | null, width: number): Built {
  const whole = REPORT_BUILDERS[kind];
  if (whole) return whole(ctx);
  const one = CANDIDATE_BUILDERS[kind];
  if (!one) throw new Error(`unknown chart kind ${kind}`);
  const c = candidate === null ? undefined : ctx.data.candidates[candidate];
  if (!c) throw new Error(`chart kind ${kind} needs a candidate (data-candidate), got ${String(candidate)}`);
  return one(ctx, c, width);
}
