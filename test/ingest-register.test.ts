/**
 * An enterprise-register export (企业名录) with Chinese headers, as GBK CSV and as XLSX, through
 * `init` (header recognition) and `ingest` with no hand edits: credit codes validated, firms
 * placed by address or by the credit code's registering authority, closed firms excluded (or kept
 * by option) and counted, every bad row reported by line. The fixture was written by hand in UTF-8
 * and converted with `iconv -f UTF-8 -t GBK`; its credit codes are published ones and those of
 * test/fixtures/register/uscc-old-divisions.csv (python-stdnum).
 */
import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guessProject } from '../src/io/init.js';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, NOW, readRejectsCsv } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'register', '企业名录.csv');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'atlas-register-'));
  dirs.push(d);
  return d;
}

async function initAndIngest(dir: string, edit?: (p: any) => void) {
  const guess = await guessProject(dir);
  const path = join(dir, 'cluster-atlas.json');
  writeFileSync(path, JSON.stringify(guess.project, null, 2));
  if (edit) editJson(path, edit);
  const summary = await ingest({ project: path, now: NOW });
  return { guess, summary };
}

async function firms(summary: { workspace: string }) {
  const ws = await openWorkspace(summary.workspace);
  try {
    return await ws.all<Record<string, unknown>>('SELECT id, credit_code, region, place_source, place_level, place_confidence, founded, registered_capital, status, authority FROM firms ORDER BY id');
  } finally { ws.close(); }
}

const rejectsOf = (file: string) => readRejectsCsv(file).map((r) => `${r.line} ${r.reason}`).sort();

const DEFAULT_REJECTS = [
  '12 invalid_credit_code', '12 not_placed', '3 other_currency', '4 invalid_credit_code', '5 closed_firm',
  '8 ambiguous_address', '9 not_a_number', '10 missing_required', '11 closed_firm',
].sort();

describe('a GBK CSV register export', () => {
  it('init maps the Chinese headers (credit code as id and as credit code)', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE, join(dir, '企业名录.csv'));
    const { project } = await guessProject(dir);
    const firmsSpec = project.inputs.firms!;
    expect(firmsSpec.encoding).toBe('gbk');
    expect(firmsSpec.columns).toEqual({
      id: '统一社会信用代码', creditCode: '统一社会信用代码', name: '企业名称', industry: '行业代码', address: '注册地址',
      authority: '登记机关', founded: '成立日期', registeredCapital: '注册资本', status: '经营状态',
    });
    expect(project.industryCodeSystem).toBe('GB/T 4754-2017');
  });

  it('ingest places, validates and reports every bad row by line', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE, join(dir, '企业名录.csv'));
    const { summary } = await initAndIngest(dir);
    expect(rejectsOf(summary.rejectsFile)).toEqual(DEFAULT_REJECTS);
    // flagged findings (3, 8) keep their rows: 2 3 6 7 8 loaded
    expect(summary.inputs[0]).toMatchObject({ rows: 11, loaded: 5, rejected: 6 });
    const rows = await firms(summary);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by['91110000600037341L']).toMatchObject({ region: '110108', place_source: 'address', place_level: 'county', place_confidence: 'high', founded: 2015, registered_capital: 5e6, status: 'active' });
    expect(by['91310115MA1K3BTP2B']).toMatchObject({ region: '310115', place_source: 'address', place_level: 'county', place_confidence: 'medium', founded: 2016, registered_capital: null });
    // 不详: the credit code's authority 340603 相山区 places it
    expect(by['92340603MA2PBMCG0U']).toMatchObject({ region: '340603', place_source: 'credit_code', place_level: 'county', founded: 2018, registered_capital: 1e5 });
    // no address; authority 371200 莱芜 (abolished 2019) → 济南 370100, prefecture level, low
    expect(by['91371200600037341H']).toMatchObject({ region: '370100', place_source: 'credit_code', place_level: 'prefecture', place_confidence: 'low' });
    // 江苏省鼓楼区: 南京 or 徐州 → placed at the province, flagged
    expect(by['121200004013590816']).toMatchObject({ region: '320000', place_source: 'address', place_level: 'province', place_confidence: 'low' });
    const line = summary.warnings.find((w) => w.includes('not placed'));
    expect(line).toBe('firms: 6 firms: 50.0% at county level, 16.7% at prefecture level, 16.7% at province level (by address 50.0%, by credit code 33.3%); 1 (16.7%) not placed: see rejects (not_placed). Firms placed only at a region have no coordinates: the point-based measures leave them out and say so');
    const rej = readRejectsCsv(summary.rejectsFile);
    expect(rej.find((r) => r.line === '4')).toMatchObject({ field: '统一社会信用代码 (creditCode)', value: '91110000600037341N', detail: 'check: check character should be L' });
    expect(rej.find((r) => r.line === '8')!.detail).toBe('ambiguous: 320106 鼓楼区, 320302 鼓楼区; placed at 320000');
    expect(rej.find((r) => r.line === '11')).toMatchObject({ field: '经营状态 (status)', value: '吊销，未注销' });
  });

  it('options: invalid codes flagged (rows kept), closed firms kept', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE, join(dir, '企业名录.csv'));
    const { summary } = await initAndIngest(dir, (p) => { p.register = { invalidCreditCode: 'flag', closedFirms: 'keep' }; });
    expect(rejectsOf(summary.rejectsFile)).toEqual(['12 invalid_credit_code', '12 not_placed', '3 other_currency', '4 invalid_credit_code', '8 ambiguous_address', '9 not_a_number', '10 missing_required'].sort());
    expect(summary.inputs[0]).toMatchObject({ loaded: 8, rejected: 3 });
    const by = Object.fromEntries((await firms(summary)).map((r) => [r.id, r]));
    expect(by['91110000600037341N']).toMatchObject({ credit_code: null, region: '330302', place_source: 'address' });
    expect(by['9144030071526726XG']).toMatchObject({ status: 'closed', region: '440305' });
    expect(by['9111010371526726X1']).toMatchObject({ status: 'closed', region: '110101' }); // 崇文区 → 东城区
  });
});

describe('the same export as XLSX (dates as date cells)', () => {
  it('init + ingest give the same rejects', async () => {
    const dir = scratch();
    const lines = new TextDecoder('gbk').decode(readFileSync(FIXTURE)).trim().split('\n').map((l) => l.split(','));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('企业');
    for (const [i, cells] of lines.entries()) {
      sheet.addRow(cells.map((c, j) => (i > 0 && j === 5 && /^\d{4}-\d{2}-\d{2}$/.test(c) ? new Date(`${c}T00:00:00Z`) : c)));
    }
    await wb.xlsx.writeFile(join(dir, '企业名录.xlsx'));
    const { guess, summary } = await initAndIngest(dir);
    expect(guess.project.inputs.firms!.columns?.creditCode).toBe('统一社会信用代码');
    expect(rejectsOf(summary.rejectsFile)).toEqual(DEFAULT_REJECTS);
    const by = Object.fromEntries((await firms(summary)).map((r) => [r.id, r]));
    expect(by['91110000600037341L']).toMatchObject({ founded: 2015, region: '110108' });
  });
});

describe('header details', () => {
  it('经营地址 is preferred over 注册地址 whatever the column order; 注册资本(万元) declares the unit of bare numbers', async () => {
    const dir = scratch();
    writeFileSync(join(dir, '企业名录.csv'), '统一社会信用代码,企业名称,行业代码,注册地址,经营地址,注册资本(万元),经营状态\n'
      + '91110000600037341L,甲,6513,北京市海淀区,浙江省温州市鹿城区,500,存续\n');
    const { guess, summary } = await initAndIngest(dir);
    expect(guess.project.inputs.firms!.columns).toMatchObject({ address: '经营地址', registeredCapital: '注册资本(万元)' });
    expect(guess.project.inputs.firms!.units).toEqual({ registeredCapital: '万元' });
    const [f] = await firms(summary);
    expect(f).toMatchObject({ region: '330302', registered_capital: 5e6 });
  });
  it('a 万美元 header in a CNY project: capital left empty and flagged, the firm kept', async () => {
    const dir = scratch();
    writeFileSync(join(dir, '企业名录.csv'), '统一社会信用代码,企业名称,行业代码,注册地址,注册资本(万美元)\n91110000600037341L,甲,6513,北京市海淀区,500\n');
    const { summary } = await initAndIngest(dir);
    expect(rejectsOf(summary.rejectsFile)).toEqual(['2 other_currency']);
    expect((await firms(summary))[0]).toMatchObject({ region: '110108', registered_capital: null });
  });
});
