/**
 * Registers the workspace planning verbs under `cluster-atlas plan`: `network` (regional groups of
 * a chain and the chain-covering check per group) and `gaps` (chain gap analysis of a place).
 * Light on purpose: the planning code is imported inside the actions so `--help` stays fast.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from '../output.js';

export function registerPlanWorkspaceCommands(plan: Command, context: () => CliContext): void {
  plan
    .command('network')
    .description('split a value chain\'s firms into regional groups (p-median hubs) and report, per group, the chain stages its hub lacks within the radius (the Yurun model)')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--chain <id>', 'value-chain template in the workspace (its stages and industries)')
    .option('--industries <codes>', 'comma-separated industry codes instead of a template (one stage per code)')
    .option('--radius <km>', 'logistics radius in km (great-circle) for the stage check and the group rule', '200')
    .option('--groups <n>', 'number of regional groups (default: the largest k up to --max-groups whose every group holds --min-share of the weight within the radius of its hub)')
    .option('--max-groups <n>', 'largest number of groups tried without --groups', '12')
    .option('--min-share <x>', 'smallest share of the weight each group must hold within the radius (automatic k)', '0.05')
    .addOption(new Option('--weight <column>', 'firm weight in the p-median').choices(['count', 'employees', 'output', 'revenue']).default('count'))
    .option('--seed <n>', 'seed of the candidate-hub sample (used above 1,000 firms)', '42')
    .option('--geojson <file>', 'also write hubs and firms with their group as GeoJSON')
    .action(async (opts) => {
      const { runPlanNetwork } = await import('./plan-network.js');
      await runPlanNetwork(context(), opts);
    });
  plan
    .command('gaps')
    .description('chain gap analysis of a place: missing / weak / strong stages of a value chain and the stages to attract, scored by IO linkage, relatedness density and leakage, with candidate outside firms (补链/强链/延链)')
    .requiredOption('--place <spec>', 'region:CODE, park:ID, radius:LON,LAT,KM or all')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--chain <id>', 'value-chain template in the workspace')
    .option('--industries <codes>', 'comma-separated industry codes instead of a template (one stage per code)')
    .addOption(new Option('--size <column>', 'firm size for LQs and relatedness').choices(['employees', 'output', 'revenue', 'count']).default('employees'))
    .addOption(new Option('--link-weight <w>', 'supply links weighted by value or counted').choices(['value', 'count']).default('value'))
    .option('--weak-lq <x>', 'a present stage with LQ below this is weak', '1')
    .option('--min-firms <n>', 'a present stage with fewer firms inside is weak', '3')
    .option('--max-leakage <x>', 'a present stage is weak when more than this share of the place\'s purchases from it come from outside', '0.5')
    .option('--candidates <n>', 'outside firms listed per stage to attract', '5')
    .option('--io-table <id>', 'which ingested IO table (when the workspace holds several)')
    .option('--sector-map <file>', 'CSV industry,sector mapping industry codes (or prefixes) to IO sectors (default: sector codes as code prefixes)')
    .option('--no-io', 'leave the IO part out of the scores')
    .action(async (opts) => {
      const { runPlanGaps } = await import('./plan-gaps.js');
      await runPlanGaps(context(), opts);
    });
}
