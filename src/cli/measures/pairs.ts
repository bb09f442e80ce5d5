/**
 * `cluster-atlas measure pairs`: the pair-distance histogram of one industry's located firms —
 * unordered pairs per equal distance bin up to --cutoff km, with the cumulative (Ripley-type)
 * counts — computed in the workspace's engine as a grid-cell self-join (src/load/pair-histogram.ts).
 * Light: the loader is imported inside the action.
 */
import type { Command } from 'commander';
import type { CliContext } from '../output.js';
import { open, toJson } from './concentration.js';
import { ENGINE_HELP } from '../engine-option.js';
import type { MeasureRegistrar } from './index.js';

interface PairsOpts { project: string; workspace?: string; engine?: string; industry: string; level?: string; cutoff: string; bins: string; inStudyArea?: boolean }

async function positive(value: string, name: string, integer: boolean): Promise<number> {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0 && (!integer || Number.isInteger(n)))) {
    const { InputError } = await import('../../core/errors.js');
    throw new InputError('E_OPTION', `measure pairs: --${name} must be ${integer ? 'an integer' : 'a number'} > 0, got ${value}`, { field: name, value });
  }
  return n;
}

export const registerPairs: MeasureRegistrar = (measure: Command, context: () => CliContext) => {
  measure.command('pairs')
    .description('pair-distance histogram of one industry’s firms (great-circle km): pairs per bin and cumulative (Ripley) counts, computed in the engine')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--engine <url>', ENGINE_HELP)
    .requiredOption('--industry <code>', 'the industry (a code at --level)')
    .option('--level <level>', 'industry level to roll codes up to (name or number, e.g. division, 2)')
    .requiredOption('--cutoff <km>', 'largest distance, km')
    .option('--bins <n>', 'equal bins on [0, cutoff]', '50')
    .option('--in-study-area', 'leave out firms flagged outside the study area')
    .action(async (opts: PairsOpts) => {
      const ctx = context();
      const cutoffKm = await positive(opts.cutoff, 'cutoff', false);
      const bins = await positive(opts.bins, 'bins', true);
      const { loadPairHistogram } = await import('../../load/pair-histogram.js');
      const ws = await open(opts);
      try {
        const { value: h, provenance } = await loadPairHistogram(ws, { industry: opts.industry, level: opts.level, cutoffKm, bins, inStudyAreaOnly: opts.inStudyArea ?? false });
        let cum = 0;
        const rows = Array.from(h.counts, (c, b) => { cum += c; return { lower: h.edges[b], upper: h.edges[b + 1], pairs: c, cumulative: cum }; });
        if (ctx.format === 'json') {
          ctx.out(toJson({ measure: 'pairs', industry: opts.industry, level: provenance.level, cutoffKm, distanceUnit: 'km', points: h.points, allPairs: h.allPairs, pairs: h.pairs, sumDistance: h.sumDistance, sumSquares: h.sumSquares, bins: rows, provenance }));
          return;
        }
        const { renderTable } = await import('../output.js');
        const round = (v: number): number => +v.toPrecision(6);
        ctx.out(`pairs: industry ${opts.industry} (${provenance.level}), ${h.points} firms, ${h.pairs} of ${h.allPairs} pairs within ${cutoffKm} km (${provenance.engine})`);
        ctx.out(renderTable(['lower km', 'upper km', 'pairs', 'cumulative'], rows.map((r) => [round(r.lower), round(r.upper), r.pairs, r.cumulative]), [true, true, true, true]));
        for (const e of provenance.excluded) if (!ctx.quiet) ctx.err(`warning: ${e.rows} firm(s) left out: ${e.reason}`);
      } finally {
        await ws.close();
      }
    });
};
