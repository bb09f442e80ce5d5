/**
 * `cluster-atlas measure …` verbs of the concentration family, on a workspace (--workspace, or the
 * workspace of --project):
 *
 *   concentration      CRn, HHI, Gini, Theil/entropy, Hall–Tideman of one industry (--industry) or of every industry
 *   lq                 location quotients of every region × industry
 *   specialisation     Krugman and regional Herfindahl per region, Hoover per industry
 *   eg                 Ellison–Glaeser γ (with z, p), Maurel–Sédillot, locational Gini per industry (from firms,
 *                      or from regional statistics with a stated plant-size assumption: --source stats)
 *   coagglomeration    EG co-agglomeration γ^c of a group of industries (--group)
 *   shift-share        classic and Esteban-Marquillas decomposition between two years of regional statistics
 *   strong-clusters    U.S. Cluster Mapping strong clusters and European Cluster Observatory stars
 *
 * The measure code is imported lazily inside each action so that `--help` stays fast.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { MeasureRegistrar } from './index.js';
import type { CliContext } from '../output.js';
import { ENGINE_HELP } from '../engine-option.js';

interface Common {
  project: string;
  workspace?: string;
  engine?: string;
  level?: string;
  regionLevel?: string;
  groups?: string;
  missing?: string;
  limit: string;
}

function common(cmd: Command): Command {
  return cmd
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--engine <url>', ENGINE_HELP)
    .option('--level <level>', 'industry level to roll codes up to (name or number, e.g. division, subsector, 2)')
    .option('--region-level <level>', 'only regions of this level in the regions table')
    .option('--groups <file>', 'cluster categories: a category file (.csv: industry, category, type, …; see `measure clusters`) or JSON {"name": ["code", …], …}')
    .option('--limit <n>', 'rows shown in table format', '30');
}

/** JSON with typed arrays as arrays and NaN/±Infinity as null. */
export function toJson(x: unknown): string {
  return JSON.stringify(x, (_k, v) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (n) => (Number.isFinite(n) ? n : null));
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    if (typeof v === 'bigint') return Number(v);
    return v;
  }, 2);
}

/** The source of --engine, else the workspace of --workspace or of --project's file (shared with the other workspace measure verbs). */
export async function open(opts: { project: string; workspace?: string; engine?: string }) {
  const { openSource } = await import('../engine-option.js');
  return openSource(opts);
}

async function selection(opts: Common) {
  const { InputError } = await import('../../core/errors.js');
  let groups: Record<string, string[]> | undefined;
  if (opts.groups && /\.(csv|tsv|txt)$/i.test(opts.groups)) {
    const { readCategoryFile } = await import('../../load/cluster-categories.js');
    const { categoryGroups } = await import('../../model/cluster-categories.js');
    groups = categoryGroups(readCategoryFile(opts.groups));
  } else if (opts.groups) {
    try {
      groups = JSON.parse(readFileSync(opts.groups, 'utf8'));
    } catch (e) {
      throw new InputError('E_FILE', `--groups ${opts.groups}: ${(e as Error).message}`, { file: opts.groups });
    }
    if (!groups || typeof groups !== 'object' || Object.values(groups).some((v) => !Array.isArray(v))) {
      throw new InputError('E_OPTION', `--groups ${opts.groups}: expected {"name": ["code", …], …}`, { file: opts.groups });
    }
  }
  return { level: opts.level, regionLevel: opts.regionLevel, groups };
}

async function emit(ctx: CliContext, result: unknown, table: () => Promise<{ header: string[]; rows: (string | number)[][]; numeric: boolean[] }>, warnings: string[]): Promise<void> {
  if (ctx.format === 'json') { ctx.out(toJson(result)); return; }
  const { renderTable } = await import('../output.js');
  const t = await table();
  ctx.out(renderTable(t.header, t.rows.map((r) => r.map(cell)), t.numeric));
  for (const w of new Set(warnings)) if (!ctx.quiet) ctx.err(`warning: ${w}`);
}

/** Table cell: integers as they are, other numbers to 4 significant digits, NaN as '–'. */
function cell(c: string | number): string | number {
  if (typeof c !== 'number') return c;
  if (!Number.isFinite(c)) return '–';
  if (Number.isInteger(c) || Math.abs(c) >= 1000) return Math.round(c);
  return c === 0 ? '0' : c.toPrecision(4);
}

async function checkedInt(value: string | undefined, name: string): Promise<number | undefined> {
  if (value === undefined) return undefined;
  const { InputError } = await import('../../core/errors.js');
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InputError('E_OPTION', `${name} must be an integer, got ${value}`, { field: name, value });
  return n;
}

export const registerConcentration: MeasureRegistrar = (measure, context) => {
  const missingMatrix = (): Option => new Option('--missing <policy>', 'unknown cells: error, zero or drop-region; with --source firms also leave-out (a firm of unknown size adds nothing to its cell and is counted, as the diagnosis does)').choices(['error', 'zero', 'drop-region', 'leave-out']).default('error');
  const source = (): Option => new Option('--source <table>', 'regional_stats or firms').choices(['stats', 'firms']).default('stats');

  common(measure.command('concentration'))
    .description('market concentration (产业集中): CRn, HHI, Gini, Theil, Hall–Tideman over firm sizes')
    .option('--industry <code>', 'one industry (at --level) or group name; default every industry')
    .addOption(new Option('--size <variable>', 'firm size').choices(['employees', 'revenue', 'output']).default('employees'))
    .option('--n <list>', 'CRn to report, comma-separated', '4,8')
    .option('--lorenz', 'include the Lorenz curve points (one industry)')
    .addOption(new Option('--missing <policy>', 'firms with unknown size: error or drop').choices(['error', 'drop']).default('error'))
    .addOption(new Option('--unit <unit>', 'what a size belongs to: firm (establishment), or group (plants rolled up to the root of their ownership chain, as the diagnosis measures CR4 and HHI; needs --industry)').choices(['firm', 'group']).default('firm'))
    .action(async (opts: Common & { industry?: string; size: 'employees' | 'revenue' | 'output'; n: string; lorenz?: boolean; unit: 'firm' | 'group' }) => {
      const ctx = context();
      const { loadFirmSizesByIndustry, loadFirmSizes } = await import('../../load/region-industry.js');
      const m = await import('../../measures/concentration/index.js');
      const ns = await Promise.all(opts.n.split(',').map((s) => checkedInt(s.trim(), '--n') as Promise<number>));
      const missing = opts.missing as 'error' | 'drop';
      if (opts.unit === 'group' && !opts.industry) {
        const { InputError } = await import('../../core/errors.js');
        throw new InputError('E_OPTION', '--unit group needs --industry (enterprise groups are formed within one industry)', { field: 'unit', value: opts.unit });
      }
      const ws = await open(opts);
      try {
        const sel = await selection(opts);
        const one = (industry: string, sizes: Float64Array) => {
          const cr = m.concentrationRatio(sizes, { n: ns, missing });
          const hhi = m.herfindahl(sizes, { missing });
          const g = m.gini(sizes, { missing });
          const th = m.theil(sizes, { missing });
          const ht = m.hallTideman(sizes, { missing });
          return {
            industry, firms: hhi.n, cr: cr.value, ...hhi.value, ...g.value, ...th.value, hallTideman: ht.value,
            lorenz: opts.lorenz ? m.lorenzCurve(sizes, { missing }).value : undefined,
            warnings: [...new Set([...cr.warnings, ...hhi.warnings, ...g.warnings, ...th.warnings])],
          };
        };
        let rows: ReturnType<typeof one>[];
        let provenance: unknown;
        if (opts.industry) {
          const l = await loadFirmSizes(ws, { ...sel, industry: opts.industry, size: opts.size, unit: opts.unit });
          rows = [one(opts.industry, l.value)];
          if (opts.unit === 'group' && l.provenance.unknownCells > 0) rows[0].warnings.push(`${l.provenance.unknownCells} plant(s) without ${opts.size} are left out of their groups' sizes`);
          provenance = l.provenance;
        } else {
          const l = await loadFirmSizesByIndustry(ws, { ...sel, size: opts.size });
          rows = [];
          for (const [code, sizes] of l.value) {
            try { rows.push(one(code, sizes)); } catch (e) {
              if ((e as { code?: string }).code !== 'E_DEGENERATE') throw e;
              rows.push({ industry: code, firms: sizes.length, warnings: [`${code}: ${(e as Error).message}`] } as never);
            }
          }
          provenance = l.provenance;
        }
        await emit(ctx, { measure: 'concentration', industries: rows, provenance, references: ['Bain (1951)', 'Hirschman (1964)', 'Gini (1912)', 'Theil (1967)', 'Hall & Tideman (1967)'] }, async () => ({
          header: ['industry', 'firms', ...ns.map((n) => `CR${n}`), 'HHI', '1/HHI', 'Gini', 'Theil', 'HT'],
          rows: rows.slice(0, Number(opts.limit)).map((r) => [r.industry, r.firms, ...(r.cr ?? []).map((c) => c.value), r.hhi, r.equivalentFirms, r.gini, r.theil, r.hallTideman]),
          numeric: [false, true, ...ns.map(() => true), true, true, true, true, true],
        }), rows.flatMap((r) => r.warnings));
      } finally { await ws.close(); }
    });

  common(measure.command('lq'))
    .description('location quotients LQ = (e_ri/e_r)/(e_i/e) of every region × industry')
    .addOption(source())
    .option('--variable <name>', 'employment, output, establishments (stats) or employees, revenue, output, count (firms)')
    .option('--year <year>', 'year of the regional statistics')
    .option('--traded <codes>', 'comma-separated industries forming the denominators (U.S. Cluster Mapping traded convention)')
    .addOption(missingMatrix())
    .action(async (opts: Common & { source: 'stats' | 'firms'; variable?: string; year?: string; traded?: string }) => {
      const ctx = context();
      const { locationQuotient } = await import('../../measures/specialisation/location-quotient.js');
      const ws = await open(opts);
      try {
        const { matrix, provenance, missing } = await loadMatrix(ws, opts);
        const r = locationQuotient(matrix, { referenceIndustries: opts.traded?.split(',').map((s) => s.trim()), missing });
        r.warnings.push(...leftOutWarnings(provenance));
        const I = r.value.industries.length;
        const cells = r.value.regions.flatMap((reg, ri) => r.value.industries.map((ind, ii) => ({ region: reg, industry: ind, size: matrix.values[matrix.regions.indexOf(reg) * I + ii], lq: r.value.values[ri * I + ii] })));
        await emit(ctx, { measure: 'locationQuotient', cells, warnings: r.warnings, provenance: { ...r.provenance, input: provenance } }, async () => ({
          header: ['region', 'industry', 'size', 'LQ'],
          rows: [...cells].sort((a, b) => (Number.isNaN(b.lq) ? -1 : b.lq) - (Number.isNaN(a.lq) ? -1 : a.lq)).slice(0, Number(opts.limit)).map((c) => [c.region, c.industry, c.size, c.lq]),
          numeric: [false, false, true, true],
        }), r.warnings);
      } finally { await ws.close(); }
    });

  common(measure.command('specialisation'))
    .description('Krugman specialisation and regional Herfindahl per region; Hoover localisation per industry')
    .addOption(source())
    .option('--variable <name>', 'size variable (see lq)')
    .option('--year <year>', 'year of the regional statistics')
    .addOption(missingMatrix())
    .action(async (opts: Common & { source: 'stats' | 'firms'; variable?: string; year?: string }) => {
      const ctx = context();
      const s = await import('../../measures/specialisation/index.js');
      const ws = await open(opts);
      try {
        const { matrix, provenance, missing } = await loadMatrix(ws, opts);
        const k = s.krugmanIndex(matrix, { missing });
        const h = s.regionalHerfindahl(matrix, { missing });
        const ho = s.hooverIndex(matrix, { missing });
        const regions = k.value.regions.map((region, r) => ({ region, krugman: k.value.values[r], regionalHerfindahl: h.value.values[r] }));
        const industries = ho.value.industries.map((industry, i) => ({ industry, hoover: ho.value.values[i] }));
        const warnings = [...k.warnings, ...h.warnings, ...ho.warnings, ...leftOutWarnings(provenance)];
        await emit(ctx, { measure: 'specialisation', regions, industries, warnings, provenance: { krugman: k.provenance, regionalHerfindahl: h.provenance, hoover: ho.provenance, input: provenance } }, async () => ({
          header: ['region', 'Krugman', 'regional HHI'],
          rows: [...regions].sort((a, b) => b.krugman - a.krugman).slice(0, Number(opts.limit)).map((r) => [r.region, r.krugman, r.regionalHerfindahl]),
          numeric: [false, true, true],
        }), warnings);
      } finally { await ws.close(); }
    });

  common(measure.command('eg'))
    .description('zone-based agglomeration (产业集聚) per industry: Ellison–Glaeser γ with z and p, Maurel–Sédillot, locational Gini — from firms, or from regional statistics (employment and establishments per region × industry, as County Business Patterns)')
    .addOption(new Option('--source <table>', 'firms (plant sizes from the firms) or stats (regional_stats: employment and establishment counts per cell)').choices(['firms', 'stats']).default('firms'))
    .addOption(new Option('--size <variable>', 'firm size (--source firms)').choices(['employees', 'revenue', 'output', 'count']).default('employees'))
    .option('--herfindahl <file>', 'with --source stats: CSV industry,herfindahl of plant-size Herfindahls per industry, instead of taking the establishments of a cell as equal-sized')
    .option('--year <year>', 'with --source stats: year of the regional statistics (default: the latest)')
    .addOption(new Option('--missing <policy>', 'cells with unknown sizes: error or zero; leave-out (--source firms): a firm of unknown size adds nothing to its cell and is not a plant, and is counted (as the diagnosis does)').choices(['error', 'zero', 'leave-out']).default('error'))
    .action(async (opts: Common & { source: 'firms' | 'stats'; size: 'employees' | 'revenue' | 'output' | 'count'; herfindahl?: string; year?: string }) => {
      const ctx = context();
      const { InputError } = await import('../../core/errors.js');
      const z = await import('../../measures/zone-agglomeration/index.js');
      const ws = await open(opts);
      try {
        const leaveOut = opts.missing === 'leave-out';
        let size, plants, input: unknown, plantSize: string;
        if (opts.source === 'stats') {
          if (leaveOut) throw new InputError('E_OPTION', '--missing leave-out applies to firms; with --source stats use error or zero', { field: 'missing', value: opts.missing });
          if (opts.size !== 'employees') throw new InputError('E_OPTION', '--size applies to --source firms (regional statistics give employment)', { field: 'size', value: opts.size });
          const { loadStatsMatrix } = await import('../../load/region-industry.js');
          const { equalSizePlantMoments, herfindahlPlantMoments, readHerfindahlFile } = await import('../../load/concentration-cbp.js');
          const year = await checkedInt(opts.year, '--year');
          const sel = { ...(await selection(opts)), year };
          const emp = await loadStatsMatrix(ws, { ...sel, variable: 'employment' });
          const est = await loadStatsMatrix(ws, { ...sel, variable: 'establishments' });
          size = emp.value;
          if (opts.herfindahl) {
            plants = herfindahlPlantMoments(emp.value, est.value, readHerfindahlFile(opts.herfindahl));
            plantSize = `plant Herfindahl per industry from ${opts.herfindahl}; establishment counts from regional_stats; z and p need plant sizes and are not computed`;
          } else {
            plants = equalSizePlantMoments(emp.value, est.value);
            plantSize = 'equal-sized establishments within each region × industry cell (Σ e²/n): the plant Herfindahl is a lower bound and EG γ an upper bound';
          }
          input = { employment: emp.provenance, establishments: est.provenance, plantSize };
        } else {
          if (opts.herfindahl || opts.year) throw new InputError('E_OPTION', `${opts.herfindahl ? '--herfindahl' : '--year'} needs --source stats`, { field: opts.herfindahl ? 'herfindahl' : 'year', value: opts.herfindahl ?? opts.year });
          const { loadFirmAggregates } = await import('../../load/region-industry.js');
          const l = await loadFirmAggregates(ws, { ...(await selection(opts)), size: opts.size, unknownSize: leaveOut ? 'leave-out' : 'nan' });
          size = l.value.size;
          plants = l.value.plants;
          plantSize = 'firm sizes';
          input = l.provenance;
        }
        const missing = (leaveOut ? 'error' : opts.missing) as 'error' | 'zero';
        const eg = z.ellisonGlaeser(size, plants, { missing });
        const ms = z.maurelSedillot(size, plants, { missing });
        const lg = z.locationalGini(size, { missing });
        const v = eg.value;
        const industries = v.industries.map((industry, i) => ({
          industry, plants: v.plants[i], gamma: v.gamma[i], rawConcentration: v.rawConcentration[i], plantHerfindahl: v.plantHerfindahl[i],
          expected: v.expected[i], variance: v.variance[i], zScore: v.zScore[i], pValue: v.pValue[i], maurelSedillot: ms.value.values[i], locationalGini: lg.value.values[i],
        }));
        const warnings = [...eg.warnings, ...ms.warnings, ...lg.warnings, ...(opts.source === 'firms' ? leftOutWarnings(input as never) : [`plant sizes: ${plantSize}`])];
        await emit(ctx, { measure: 'ellisonGlaeser', source: opts.source, plantSize, industries, inference: eg.inference, warnings, provenance: { ellisonGlaeser: eg.provenance, maurelSedillot: ms.provenance, locationalGini: lg.provenance, input } }, async () => ({
          header: ['industry', 'plants', 'EG γ', 'G', 'H', 'z', 'p', 'MS γ', 'loc. Gini'],
          rows: [...industries].sort((a, b) => (Number.isNaN(b.gamma) ? -9 : b.gamma) - (Number.isNaN(a.gamma) ? -9 : a.gamma)).slice(0, Number(opts.limit))
            .map((r) => [r.industry, r.plants, r.gamma, r.rawConcentration, r.plantHerfindahl, r.zScore, r.pValue, r.maurelSedillot, r.locationalGini]),
          numeric: [false, true, true, true, true, true, true, true, true],
        }), warnings);
      } finally { await ws.close(); }
    });

  common(measure.command('coagglomeration'))
    .description('Ellison–Glaeser co-agglomeration γ^c of a group of industries (from firms)')
    .requiredOption('--group <codes>', 'comma-separated industries (at --level) or group names')
    .addOption(new Option('--size <variable>', 'firm size').choices(['employees', 'revenue', 'output', 'count']).default('employees'))
    .action(async (opts: Common & { group: string; size: 'employees' | 'revenue' | 'output' | 'count' }) => {
      const ctx = context();
      const { loadFirmAggregates } = await import('../../load/region-industry.js');
      const { coagglomeration } = await import('../../measures/zone-agglomeration/coagglomeration.js');
      const ws = await open(opts);
      try {
        const l = await loadFirmAggregates(ws, { ...(await selection(opts)), size: opts.size });
        const r = coagglomeration(l.value.size, l.value.plants, opts.group.split(',').map((s) => s.trim()));
        await emit(ctx, { ...r, provenance: { ...r.provenance, input: l.provenance } }, async () => ({
          header: ['group', 'γ^c', 'G', 'H'],
          rows: [[r.value.group.join('+'), r.value.gamma, r.value.rawConcentration, r.value.plantHerfindahl]],
          numeric: [false, true, true, true],
        }), r.warnings);
      } finally { await ws.close(); }
    });

  common(measure.command('shift-share'))
    .description('shift-share of regional growth between two years of regional statistics: classic and Esteban-Marquillas')
    .requiredOption('--base-year <year>', 'base year')
    .requiredOption('--final-year <year>', 'final year')
    .addOption(new Option('--variable <name>', 'regional statistic').choices(['employment', 'output', 'establishments']).default('employment'))
    .addOption(new Option('--missing <policy>', 'unknown cells: error or zero').choices(['error', 'zero']).default('error'))
    .action(async (opts: Common & { baseYear: string; finalYear: string; variable: 'employment' | 'output' | 'establishments' }) => {
      const ctx = context();
      const { loadStatsPanel } = await import('../../load/region-industry.js');
      const { shiftShare, estebanMarquillas } = await import('../../measures/shift-share/index.js');
      const ws = await open(opts);
      try {
        const l = await loadStatsPanel(ws, { ...(await selection(opts)), variable: opts.variable, baseYear: (await checkedInt(opts.baseYear, '--base-year'))!, finalYear: (await checkedInt(opts.finalYear, '--final-year'))! });
        const missing = opts.missing as 'error' | 'zero';
        const ss = shiftShare(l.value.base, l.value.final, { missing });
        const em = estebanMarquillas(l.value.base, l.value.final, { missing });
        const regions = ss.value.regionTotals.map((t, r) => ({ ...t, competitiveEffect: em.value.regionTotals[r].competitiveEffect, allocationEffect: em.value.regionTotals[r].allocationEffect, unallocated: em.value.regionTotals[r].unallocated }));
        const warnings = [...ss.warnings, ...em.warnings];
        await emit(ctx, { measure: 'shiftShare', nationalGrowth: ss.value.nationalGrowth, industries: ss.value.industries.map((industry, i) => ({ industry, growth: ss.value.industryGrowth[i] })), regions, warnings, provenance: { shiftShare: ss.provenance, estebanMarquillas: em.provenance, input: l.provenance } }, async () => ({
          header: ['region', 'change', 'national share', 'industry mix', 'regional shift', 'EM competitive', 'EM allocation'],
          rows: regions.slice(0, Number(opts.limit)).map((r) => [r.region, r.change, r.nationalShare, r.industryMix, r.regionalShift, r.competitiveEffect, r.allocationEffect]),
          numeric: [false, true, true, true, true, true, true],
        }), warnings);
      } finally { await ws.close(); }
    });

  common(measure.command('strong-clusters'))
    .description('U.S. Cluster Mapping strong clusters (LQ ≥ p75 and ≥ 1, size > p25) and European Cluster Observatory stars')
    .addOption(source())
    .option('--year <year>', 'year of the regional statistics')
    .option('--traded <codes>', 'comma-separated industries forming the LQ denominators')
    .option('--lq-percentile <p>', 'LQ percentile of the strong rule', '0.75')
    .option('--size-percentile <p>', 'employment/establishment percentile', '0.25')
    .option('--star-lq <x>', 'LQ of the ECO specialisation star', '2')
    .addOption(missingMatrix())
    .action(async (opts: Common & { source: 'stats' | 'firms'; year?: string; traded?: string; lqPercentile: string; sizePercentile: string; starLq: string }) => {
      const ctx = context();
      const { strongClusters, clusterStars } = await import('../../measures/cluster-strength/index.js');
      const ws = await open(opts);
      try {
        const emp = await loadMatrix(ws, { ...opts, variable: opts.source === 'firms' ? 'employees' : 'employment' });
        const est = opts.source === 'firms' ? { matrix: (await loadMatrix(ws, { ...opts, variable: 'count' })).matrix } : await loadMatrix(ws, { ...opts, variable: 'establishments' });
        const traded = opts.traded?.split(',').map((s) => s.trim());
        const missing = opts.missing as never;
        const s = strongClusters(emp.matrix, { establishments: est.matrix, referenceIndustries: traded, lqPercentile: Number(opts.lqPercentile), sizePercentile: Number(opts.sizePercentile), missing });
        const st = clusterStars(emp.matrix, { minLq: Number(opts.starLq), referenceIndustries: traded, missing });
        const warnings = [...s.warnings, ...st.warnings];
        await emit(ctx, { measure: 'strongClusters', strong: s.value.strong, thresholds: s.value.thresholds, stars: st.value.cells, warnings, provenance: { strongClusters: s.provenance, clusterStars: st.provenance, input: emp.provenance } }, async () => ({
          header: ['region', 'cluster', 'LQ', 'employment', 'establishments', 'strong10'],
          rows: s.value.strong.slice(0, Number(opts.limit)).map((c) => [c.region, c.industry, c.lq, c.employment, c.establishments ?? '–', c.strong10 ? 'yes' : '']),
          numeric: [false, false, true, true, true, false],
        }), warnings);
      } finally { await ws.close(); }
    });
};

type WS = Awaited<ReturnType<typeof open>>;

/** The firms left out of their cells for an unknown size (`--missing leave-out`), as a warning. */
function leftOutWarnings(provenance: { excluded: { reason: string; rows: number }[] }): string[] {
  return provenance.excluded.filter((e) => e.reason.endsWith('(left out)')).map((e) => `${e.rows} ${e.reason}`);
}

/** The matrix of --source, and the matrix policy for the measure (`leave-out` is resolved here, at the firms). */
async function loadMatrix(ws: WS, opts: Common & { source: 'stats' | 'firms'; variable?: string; year?: string }) {
  const { loadStatsMatrix, loadFirmAggregates } = await import('../../load/region-industry.js');
  const sel = await selection(opts);
  const leaveOut = opts.missing === 'leave-out';
  const missing = (leaveOut ? 'error' : opts.missing) as 'error' | 'zero' | 'drop-region';
  if (opts.source === 'firms') {
    const variable = opts.variable ?? 'employees';
    const l = await loadFirmAggregates(ws, { ...sel, size: variable === 'count' ? 'count' : (variable as never), unknownSize: leaveOut ? 'leave-out' : 'nan' });
    return { matrix: l.value.size, provenance: l.provenance, missing };
  }
  if (leaveOut) {
    const { InputError } = await import('../../core/errors.js');
    throw new InputError('E_OPTION', '--missing leave-out applies to --source firms (regional statistics have no firms to leave out)', { field: 'missing', value: opts.missing });
  }
  const l = await loadStatsMatrix(ws, { ...sel, variable: (opts.variable ?? 'employment') as never, year: await checkedInt(opts.year, '--year') });
  return { matrix: l.value, provenance: l.provenance, missing };
}
