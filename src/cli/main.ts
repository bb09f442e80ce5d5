/**
 * The `cluster-atlas` command line. Subcommands are imported lazily so `--help` stays fast.
 *
 * Exit codes: 0 success; 1 user error (bad input, options or data; one-line reason on stderr);
 * 2 internal error (a bug or an environment failure; stack trace on stderr).
 */
import { Command, CommanderError, Option } from 'commander';
import { isAtlasError, InputError } from '../core/errors.js';
import { t, type Lang } from './i18n.js';
import type { CliContext, Format } from './output.js';
import { MEASURE_FAMILIES } from './measures/index.js';
import { registerPlanWorkspaceCommands } from './commands/plan-commands.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerServe } from './commands/serve.js';
import { registerCategories } from './commands/categories.js';

export { VERSION } from '../core/version.js';
import { VERSION } from '../core/version.js';
import { terminalText } from '../core/terminal.js';

function context(opts: { lang?: string; format?: string; quiet?: boolean }): CliContext {
  const lang: Lang = opts.lang === 'zh' ? 'zh' : opts.lang === 'en' ? 'en' : defaultLang();
  return {
    lang,
    format: (opts.format as Format) ?? 'table',
    quiet: opts.quiet ?? false,
    // control characters in data (a region named with ESC sequences) never reach the terminal
    out: (s) => process.stdout.write(`${terminalText(s, { newlines: true })}\n`),
    err: (s) => process.stderr.write(`${terminalText(s, { newlines: true })}\n`),
    progress: Boolean(process.stderr.isTTY) && !opts.quiet,
  };
}

/** Chinese when the locale says so (LANG=zh_CN.UTF-8), English otherwise. */
function defaultLang(): Lang {
  const l = process.env.CLUSTER_ATLAS_LANG ?? process.env.LC_ALL ?? process.env.LC_MESSAGES ?? process.env.LANG ?? '';
  return l.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function buildProgram(): Command {
  const program = new Command('cluster-atlas')
    .description('Find, tell apart, diagnose and plan industrial clusters (产业集群).')
    .version(VERSION)
    .addOption(new Option('--lang <lang>', 'language of messages and labels').choices(['zh', 'en']))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-q, --quiet', 'no progress bars or chatter')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('write a cluster-atlas.json for the data files in DIR by sniffing their headers')
    .argument('<dir>', 'directory holding the data files')
    .option('--force', 'overwrite an existing cluster-atlas.json')
    .option('--code-system <system>', 'industry code system (default: guessed)')
    .action(async (dir: string, opts: { force?: boolean; codeSystem?: string }) => {
      const { runInit } = await import('./commands/init.js');
      await runInit(context(program.opts()), dir, opts);
    });

  program
    .command('ingest')
    .description('validate the inputs named by the project file and build the DuckDB workspace (with --engine clickhouse://…, then load it into a ClickHouse cluster)')
    .option('-p, --project <file>', 'project file', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file (default: the project\'s "workspace")')
    .option('--strict', 'fail (exit 1) if any row is rejected; the old workspace and its rejects.csv are kept, the findings go to rejects-refused.csv')
    .addOption(new Option('--encoding <encoding>', 'text encoding of every CSV input, overriding the project (a UTF-8 input declared gbk is an error: utf8_declared_gbk)').choices(['auto', 'utf-8', 'gbk', 'gb18030']))
    .option('--confine', 'refuse inputs and a workspace outside the project directory (symlinks resolved): for project files from someone else')
    .option('--strict-area', 'reject firms and institutions outside the regions\' extent (outside_study_area) instead of keeping them flagged as outside the study area (project: ingest.strictArea)')
    .option('--no-park-polygons', 'do not give firms without a park code the park whose polygon they lie in (project: ingest.parkPolygons)')
    .option('--wait <seconds>', 'when another run holds the workspace lock, wait up to this many seconds for it (default: fail at once, naming its pid and start time)')
    .option('--engine <url>', 'also load the workspace into a ClickHouse cluster: clickhouse://host:port[,host:port…]/database[?cluster=name], one HTTP endpoint per shard (user and password from CLUSTER_ATLAS_CLICKHOUSE_USER/_PASSWORD); every table replaced only when all shards hold the new rows; duckdb: the workspace only (default; project: engine.url)')
    .action(async (opts: { project: string; workspace?: string; strict?: boolean; encoding?: 'auto' | 'utf-8' | 'gbk' | 'gb18030'; confine?: boolean; strictArea?: boolean; parkPolygons?: boolean; wait?: string; engine?: string }) => {
      const { runIngest } = await import('./commands/ingest.js');
      await runIngest(context(program.opts()), opts);
    });

  program
    .command('info')
    .description('summarise a workspace: inputs, row counts, rejects, largest industries')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--level <level>', 'industry level for the industry summary (e.g. section, division, group, class)', 'division')
    .action(async (opts: { project: string; workspace?: string; level: string }) => {
      const { runInfo } = await import('./commands/info.js');
      await runInfo(context(program.opts()), opts);
    });

  program
    .command('codes')
    .description('list industry codes of a classification, at a level, optionally filtered')
    .addOption(new Option('--system <system>', 'code system').choices(['GB/T 4754-2017', 'ISIC Rev.4', 'NAICS 2017', 'NACE Rev.2']).default('GB/T 4754-2017'))
    .option('--level <level>', 'level name or number', 'division')
    .option('--search <text>', 'only codes whose name contains this text')
    .action(async (opts: { system: string; level: string; search?: string }) => {
      const { runCodes } = await import('./commands/codes.js');
      await runCodes(context(program.opts()), opts);
    });

  program
    .command('demo')
    .description('generate the demo scenario (a synthetic province with planted clusters), ingest it, analyse it and write the report to OUT/report')
    .option('-o, --out <dir>', 'where to write the scenario files', 'demo-output')
    .option('--seed <n>', 'random seed', '42')
    .option('--scale <x>', 'multiply the number of firms (1 ≈ 20,000 firms; 50 ≈ 1,000,000)', '1')
    .option('--no-ingest', 'only write the files')
    .option('--no-report', 'do not run the analysis (diagnosis, measures, report.html) after ingesting')
    .option('--register', 'register-style firms (credit codes and addresses, no coordinates): placed by address at ingest; the diagnosis says which point-based measures could not run')
    .action(async (opts: { out: string; seed: string; scale: string; ingest: boolean; report: boolean; register?: boolean }) => {
      const { runDemo } = await import('./commands/demo.js');
      await runDemo(context(program.opts()), opts);
    });

  program
    .command('diagnose')
    .description('tell concentration, agglomeration, chain, park and cluster apart for every candidate (discovered or named), with typology, stage, radiation level, role and evidence')
    .option('-p, --project <file>', 'project file (its workspace and its "diagnosis" settings are used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file (project settings are then not read)')
    .option('--engine <url>', 'read the tables from a ClickHouse cluster (clickhouse://host:port[,…]/db, loaded by `ingest --engine`): they are copied to a temporary workspace, as the diagnosis works on every firm on one machine; default: the workspace')
    .option('--no-discover', 'do not discover candidates; diagnose only those named (--industries, --category, or the project\'s diagnosis.candidates)')
    .option('--industries <codes>', 'diagnose this industry group: comma-separated codes or prefixes (e.g. 1952,1819 or 385)')
    .option('--category <codes>', 'diagnose these cluster categories, each as one industry group (its industries from the category file): comma-separated category codes')
    .option('--categories <file>', 'category file of --category (default: the project\'s "categories")')
    .option('--regions <codes>', 'place of --industries or --category: comma-separated region codes or prefixes')
    .option('--park <id>', 'place of --industries or --category: a park id')
    .option('--name <text>', 'name of the --industries candidate')
    .option('--threshold <name=value...>', 'override a threshold (see docs/diagnosis-thresholds.md), repeatable')
    .option('--kdensity <n>', 'also test localisation with Duranton–Overman K-density: n random-location simulations per industry group (0: off; EG γ decides)', '0')
    .option('--seed <n>', 'seed of the K-density simulations', '1')
    .option('--sector-map <file>', 'CSV industry,sector mapping industry codes (or prefixes) to the sectors of the workspace\'s IO table, for the chain gate (default: the project\'s diagnosis.ioSectorMap, else sector codes as code prefixes)')
    .option('--io-table <id>', 'the IO table of the chain gate when the workspace holds several (default: the project\'s diagnosis.ioTable)')
    .option('-o, --out <file>', 'write the full result as JSON (schema: docs/schema/diagnosis.json)')
    .option('--geojson <file>', 'write the candidates (hulls or centres) with their labels as GeoJSON')
    .option('--evidence <file>', 'write every evidence row of every candidate as CSV')
    .option('--trajectory', 'also reconstruct each candidate\'s development path: its stage, radiation, six scores and label at past years, rebuilt from dated firms and ties, with the transitions dated (JSON: a "path" block per candidate)')
    .option('--years <list>', 'snapshot years of --trajectory, comma-separated (implies --trajectory; default every 5 years back from the data\'s latest year to the candidate\'s earliest firm)')
    .action(async (opts) => {
      const { runDiagnose } = await import('./commands/diagnose.js');
      await runDiagnose(context(program.opts()), opts);
    });

  const fetchCmd = program.command('fetch').description('download public data sets as a ready-to-ingest project');
  fetchCmd
    .command('cbp')
    .description('U.S. County Business Patterns (Census API) as regional statistics: region × NAICS (one level, 2–6 digits) employment and establishments')
    .requiredOption('--year <year>', 'CBP year (2017–2021, the NAICS 2017 vintages)')
    .option('--state <fips>', 'one state (2-digit FIPS, e.g. 21 for Kentucky); default all')
    .addOption(new Option('--level <level>', 'geography').choices(['county', 'state']).default('county'))
    .option('-o, --out <dir>', 'project directory to write', 'cbp')
    .option('--key <key>', 'Census API key (optional for small requests)')
    .option('--from-csv <files...>', 'convert saved CBP tables (CSV exports of the API) instead of downloading')
    .option('--naics-digits <n>', 'NAICS level kept: 2 (sectors, with 31-33, 44-45, 48-49) to 6 digits', '3')
    .action(async (opts) => {
      const { runFetchCbp } = await import('./commands/fetch.js');
      await runFetchCbp(context(program.opts()), opts);
    });

  const plan = program.command('plan').description('planning: hub siting, chain covering, regional cluster networks and chain gap analysis');
  plan
    .command('hubs')
    .description('choose hub sites (LSCP, MCLP, p-median, p-center), optionally only among sites with every chain stage in reach')
    .requiredOption('--sites <file>', 'candidate sites: CSV (id,lon,lat[,capacity]) or GeoJSON points')
    .requiredOption('--demands <file>', 'demand points / markets: CSV (id,lon,lat[,weight]) or GeoJSON points')
    .option('--facilities <file>', 'existing facilities with a stage column: hubs must have every stage within the radius')
    .option('--stages <list>', 'comma-separated chain stages (default: the stages the facilities name)')
    .addOption(new Option('--model <model>', 'location model').choices(['lscp', 'mclp', 'p-median', 'p-center']).default('lscp'))
    .option('--radius <km>', 'service radius in km (great-circle)', '200')
    .option('--p <n>', 'number of hubs (mclp, p-median, p-center)')
    .option('--capacitated', 'respect site capacities (mclp, p-median)')
    .option('--time-limit <s>', 'stop the solver after this many seconds with its best solution (p-center: with its proven lower bound)')
    .option('--mip-gap <g>', 'relative MIP gap at which HiGHS stops (default 1e-4; lscp, mclp, p-median)')
    .option('--geojson <file>', 'also write sites, demands and assignments as GeoJSON')
    .action(async (opts) => {
      const { runPlanHubs } = await import('./commands/plan.js');
      await runPlanHubs(context(program.opts()), opts);
    });
  plan
    .command('chain')
    .description('check which sites have every chain stage within the radius (the Yurun condition)')
    .requiredOption('--sites <file>', 'hubs or candidate sites: CSV (id,lon,lat) or GeoJSON points')
    .requiredOption('--facilities <file>', 'facilities with a stage column')
    .option('--stages <list>', 'comma-separated chain stages (default: the stages the facilities name)')
    .option('--radius <km>', 'radius in km', '200')
    .action(async (opts) => {
      const { runPlanChain } = await import('./commands/plan.js');
      await runPlanChain(context(program.opts()), opts);
    });
  registerPlanWorkspaceCommands(plan, () => context(program.opts()));

  const measure = program
    .command('measure')
    .description('compute one measure on a workspace or on files (see `cluster-atlas measure --help`)');
  for (const register of MEASURE_FAMILIES) register(measure, () => context(program.opts()));

  registerAnalyze(program, () => context(program.opts()), async () => (await import('../diagnose/workspace.js')).diagnoseWorkspace);
  registerServe(program, () => context(program.opts()));
  registerCategories(program, () => context(program.opts()));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 1; // commander already printed the reason
    }
    const lang = context(program.opts()).lang;
    if (isAtlasError(e) && e instanceof InputError) {
      process.stderr.write(`cluster-atlas: ${t(lang, 'error')}: ${terminalText(e.message, { newlines: true })}\n`);
      return 1;
    }
    process.stderr.write(`cluster-atlas: internal error (please report): ${terminalText((e as Error)?.stack ?? String(e), { newlines: true })}\n`);
    return 2;
  }
}
