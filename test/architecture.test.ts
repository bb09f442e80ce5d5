/**
 * The layers of src/ (docs/architecture.md): every relative import must point down, the pure
 * layers import no node:* module and no native/file package, and a file over 400 lines says why
 * in its header. The checker itself is tested on made-up import graphs so that it can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

/** Layer → the layers its files may import (itself included). Top-level files of src/ may import anything. */
export const LAYERS: Record<string, readonly string[]> = {
  core: ['core'],
  model: ['core', 'model'],
  data: ['core', 'model', 'data'],
  inference: ['core', 'data', 'inference'],
  measures: ['core', 'model', 'data', 'inference', 'measures'],
  runtime: ['core', 'model', 'data', 'inference', 'measures', 'runtime'],
  store: ['core', 'model', 'store'],
  load: ['core', 'model', 'data', 'store', 'load'],
  scenario: ['core', 'model', 'data', 'scenario'],
  diagnose: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'diagnose'],
  plan: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'plan'],
  io: ['core', 'model', 'data', 'store', 'load', 'io'],
  report: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'diagnose', 'plan', 'report'],
  analyze: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'diagnose', 'plan', 'io', 'report', 'analyze'],
  serve: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'diagnose', 'plan', 'io', 'report', 'analyze', 'scenario', 'serve'],
  cli: ['core', 'model', 'data', 'inference', 'measures', 'runtime', 'store', 'load', 'diagnose', 'plan', 'io', 'report', 'analyze', 'scenario', 'serve', 'cli'],
};

/** Layers that must run unchanged in a worker, a server or a browser: no node:*, no files, no native packages. */
const PURE = new Set(['core', 'model', 'data', 'inference', 'measures']);
/** Packages that touch files, the network or native code: allowed only in these layers. */
const IMPURE_PACKAGES: Record<string, readonly string[]> = {
  '@duckdb/node-api': ['store'],
  '@clickhouse/client': ['store'],
  exceljs: ['load', 'io'],
  highs: ['plan'],
  'tsx/esm/api': ['runtime'],
  'cli-progress': ['cli'],
  commander: ['cli'],
  fastify: ['serve'],
  '@fastify/static': ['serve'],
  'maplibre-gl': [],
  'playwright-core': [],
};
/**
 * Browser code (bundled and inlined into report.html): the files of report/client/. They may
 * import values only from each other; anything else (ReportData, the label types, a package)
 * as types only; and no node:* module.
 */
const BROWSER_FILES = new Set([
  'report/client/builders.ts', 'report/client/candidate-map.ts', 'report/client/categories.ts', 'report/client/chain.ts', 'report/client/context.ts', 'report/client/geo.ts',
  'report/client/k-density.ts', 'report/client/lorenz.ts', 'report/client/main.ts', 'report/client/network.ts', 'report/client/overview.ts',
  'report/client/path.ts', 'report/client/portfolio.ts', 'report/client/radar.ts',
]);

export interface ImportEdge { from: string; spec: string; typeOnly: boolean }

/** Static, re-export and dynamic imports of one file's text. */
export function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const spec = m[3] ?? m[4] ?? m[5];
    out.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** The layer of a src-relative path: its first folder, or '' for a top-level file. */
export function layerOf(srcPath: string): string {
  const parts = srcPath.split('/');
  return parts.length > 1 ? parts[0] : '';
}

/** Every rule broken by one import of `from` (src-relative, '/' separators). */
export function violations(from: string, spec: string, typeOnly: boolean): string[] {
  const layer = layerOf(from);
  const out: string[] = [];
  if (spec.startsWith('.')) {
    const target = relative(SRC, resolve(SRC, dirname(from), spec)).split(sep).join('/');
    if (target.startsWith('..')) return from === 'core/version.ts' && target === '../package.json' ? [] : [`${from} imports ${spec}, outside src/ (only core/version.ts reads ../package.json)`];
    const to = layerOf(target);
    if (layer === '') return out;
    if (to === '') out.push(`${from} (${layer}) imports the top-level ${target}`);
    else if (!(LAYERS[layer] ?? []).includes(to)) out.push(`${from} (${layer}) imports ${target} (${to}): upward or sideways`);
    if (BROWSER_FILES.has(from) && !typeOnly && !BROWSER_FILES.has(target.replace(/\.js$/, '.ts'))) out.push(`${from} is browser code and may import only types from outside the client, not ${spec}`);
    return out;
  }
  if (layer === '') return out;
  if (spec.startsWith('node:') || ['fs', 'path', 'os', 'url', 'worker_threads', 'child_process', 'crypto', 'buffer'].includes(spec)) {
    if (PURE.has(layer) || BROWSER_FILES.has(from)) out.push(`${from} (${layer}, pure) imports ${spec}`);
    return out;
  }
  if (BROWSER_FILES.has(from) && !typeOnly) {
    out.push(`${from} is browser code and may import only types from a package, not ${spec}`);
    return out;
  }
  const pkg = Object.keys(IMPURE_PACKAGES).find((p) => spec === p || spec.startsWith(`${p}/`));
  if (pkg && !IMPURE_PACKAGES[pkg].includes(layer) && !typeOnly) out.push(`${from} (${layer}) imports ${spec}, allowed only in ${IMPURE_PACKAGES[pkg].join(', ') || 'tests'}`);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const FILES = sourceFiles(SRC).map((f) => ({ path: relative(SRC, f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));

describe('layers of src/', () => {
  it('every folder of src/ is a known layer', () => {
    const unknown = [...new Set(FILES.map((f) => layerOf(f.path)).filter((l) => l !== '' && !(l in LAYERS)))];
    expect(unknown).toEqual([]);
  });

  it('every file of the report\'s client folder is listed as browser code', () => {
    const client = FILES.map((f) => f.path).filter((p) => p.startsWith('report/client/'));
    expect(client.filter((p) => !BROWSER_FILES.has(p))).toEqual([]);
    expect([...BROWSER_FILES].filter((p) => !client.includes(p))).toEqual([]);
  });

  it('every import points down the layers; pure layers import no node:* and no file/native package', () => {
    const broken = FILES.flatMap((f) => importsOf(f.text).flatMap((i) => violations(f.path, i.spec, i.typeOnly)));
    expect(broken).toEqual([]);
  });

  it('a file over 400 lines says why in its header ("Long file:")', () => {
    const long = FILES.filter((f) => f.text.split('\n').length > 400)
      .filter((f) => !/^[\s\S]{0,3000}?Long file:/.test(f.text.slice(0, f.text.indexOf('*/') + 2)))
      .map((f) => `${f.path} (${f.text.split('\n').length} lines)`);
    expect(long).toEqual([]);
  });
});

describe('the layer checker can fail', () => {
  it('finds imports of every form', () => {
    const text = "import { a } from './a.js';\nimport type { B } from '../b.js';\nexport { c } from \"./c.js\";\nimport './side.js';\nconst m = await import('../../d.js');\n";
    expect(importsOf(text)).toEqual([
      { spec: './a.js', typeOnly: false }, { spec: '../b.js', typeOnly: true }, { spec: './c.js', typeOnly: false },
      { spec: './side.js', typeOnly: false }, { spec: '../../d.js', typeOnly: false },
    ]);
  });
  it('flags an upward import, a sideways one, node:* in a pure layer and DuckDB outside store', () => {
    expect(violations('measures/x/y.ts', '../../diagnose/z.js', false)).toHaveLength(1);
    expect(violations('data/y.ts', '../store/workspace.js', true)).toHaveLength(1);
    expect(violations('scenario/y.ts', '../diagnose/z.js', false)).toHaveLength(1);
    expect(violations('io/y.ts', '../report/z.js', false)).toHaveLength(1);
    expect(violations('core/y.ts', '../index.js', false)).toHaveLength(1);
    expect(violations('measures/y.ts', 'node:fs', false)).toHaveLength(1);
    expect(violations('inference/y.ts', 'node:worker_threads', false)).toHaveLength(1);
    expect(violations('diagnose/y.ts', '@duckdb/node-api', false)).toHaveLength(1);
    expect(violations('core/geo/x.ts', '../../../package.json', false)).toHaveLength(1);
    expect(violations('report/client/main.ts', '../render.js', false)).toHaveLength(1);
    expect(violations('report/client/chain.ts', '../collect/util.js', false)).toHaveLength(1);
    expect(violations('report/client/main.ts', 'echarts', false)).toHaveLength(1);
    expect(violations('report/client/main.ts', 'node:fs', true)).toHaveLength(1);
  });
  it('allows a downward import, a type import in browser code and anything from a top-level file', () => {
    expect(violations('diagnose/y.ts', '../measures/specialisation/location-quotient.js', false)).toEqual([]);
    expect(violations('load/y.ts', '../store/workspace.js', false)).toEqual([]);
    expect(violations('report/client/main.ts', '../types.js', true)).toEqual([]);
    expect(violations('report/client/main.ts', './builders.js', false)).toEqual([]);
    expect(violations('report/client/main.ts', 'echarts', true)).toEqual([]);
    expect(violations('index.ts', './cli/main.js', false)).toEqual([]);
    expect(violations('store/workspace.ts', '@duckdb/node-api', false)).toEqual([]);
  });
});
