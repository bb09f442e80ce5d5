/**
 * The register-style variant of the demo (`cluster-atlas demo --register`): the firms as an
 * enterprise-register export would give them — 统一社会信用代码, 企业名称, 行业代码, 注册地址,
 * 登记机关, 成立日期, 注册资本, 经营状态, 从业人员 — with no coordinates and no region column, so
 * that ingest places each firm by its address (or, where the address says 不详, by its credit
 * code's registering authority) and the diagnosis runs on zones and says which point-based
 * measures could not run. Everything else (institutions, links, regions, statistics) is the
 * normal scenario's. Deterministic in the scenario: the same seed gives the same bytes.
 *
 * Credit codes are made up in the GB 32100 format (organisation code from the firm index, both
 * check characters computed), authority = the firm's county, or its prefecture for synthetic
 * filler counties (whose made-up names no address matcher knows: those firms are placed at
 * prefecture level, as with real registers' unknown place names).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orgCodeCheckChar, usccCheckChar } from '../core/uscc.js';
import { cnDivisions } from '../model/divisions/cn-divisions.js';
import { Project } from '../model/project.js';
import { getGeography } from './geography.js';
import { firmId } from './tables.js';
import type { Scenario } from './types.js';
import { scenarioProject } from './write.js';

export const REGISTER_FILE = 'firms_register.csv';
const STREETS = ['人民路', '解放路', '工业大道', '创业路', '科技路', '建设路', '兴业街', '振兴大道'];

/** A made-up credit code in the GB 32100 format for firm `i` registered by `division`. */
export function demoCreditCode(i: number, division: string): string {
  const org8 = String(10000000 + (i % 90000000)).slice(-8);
  const first17 = `91${division}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

const cell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** firms_register.csv text, and the project file that reads it instead of firms.csv. */
export function registerVariant(s: Scenario): { csv: string; project: Project } {
  const geo = getGeography();
  const divisions = cnDivisions();
  const t = s.firms;
  const c = t.columns;
  const lines = ['企业代码,统一社会信用代码,企业名称,行业代码,注册地址,登记机关,成立日期,注册资本,经营状态,从业人员'];
  for (let i = 0; i < t.length; i++) {
    const code = t.regionCodes[c.region[i]];
    const r = geo.regions[geo.regionIndex.get(code)!];
    // a synthetic county's authority is its prefecture's (or, for a municipality's 110100, the province's)
    const division = !r.synthetic ? r.code : divisions.byCode.has(r.prefecture) ? r.prefecture : r.province;
    // one firm in 40 has no usable address: the credit code places it
    const address = i % 40 === 7 ? '不详' : `${r.provinceName}${r.prefectureName}${r.name}${STREETS[i % STREETS.length]}${1 + (i % 300)}号`;
    const month = 1 + (i % 12);
    const capital = `${Math.max(10, Math.round(c.output[i] / 10))}万元人民币`;
    const status = i % 50 === 11 ? '注销' : '存续'; // closed firms: excluded at ingest, and counted
    lines.push([firmId(i), demoCreditCode(i, division), cell(t.name(i)), t.industryCodes[c.industry[i]], address,
      `${r.prefectureName}市场监督管理局`, `${c.founded[i]}-${String(month).padStart(2, '0')}-01`, capital, status, String(c.employees[i])].join(','));
  }
  const base = scenarioProject(s);
  const project = Project.parse({
    ...base,
    name: `${base.name ?? 'Cluster Atlas demo'} — register variant (credit codes and addresses, no coordinates)`,
    inputs: {
      ...base.inputs,
      firms: {
        file: REGISTER_FILE, format: 'csv', encoding: 'utf-8',
        columns: { id: '企业代码', creditCode: '统一社会信用代码', name: '企业名称', industry: '行业代码', address: '注册地址', authority: '登记机关', founded: '成立日期', registeredCapital: '注册资本', status: '经营状态', employees: '从业人员' },
        units: { employees: '人' },
      },
    },
  });
  return { csv: `${lines.join('\n')}\n`, project };
}

/** After writeScenario: add firms_register.csv and point the project file at it. */
export async function writeRegisterVariant(s: Scenario, dir: string): Promise<{ files: string[] }> {
  const { csv, project } = registerVariant(s);
  await writeFile(join(dir, REGISTER_FILE), csv);
  await writeFile(join(dir, 'cluster-atlas.json'), `${JSON.stringify(project, null, 2)}\n`);
  return { files: [join(dir, REGISTER_FILE), join(dir, 'cluster-atlas.json')] };
}
