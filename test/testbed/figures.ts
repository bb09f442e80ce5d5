/**
 * The test bed's figures from many scored economies: per kind and strength, recall (planted
 * structures found), precision (candidates claiming the kind that are the match of a planted
 * one, or of a background class concentrated by chance: score.ts, `incidental`) and headline-label accuracy (found structures whose match carries the kind's label);
 * for pure noise, the share of draws with no candidate labelled cluster, agglomeration or chain.
 */
import { KINDS, STRENGTH_LEVELS, type Kind } from './params.js';
import type { EconomyOutcome } from './score.js';

export interface KindFigures {
  kind: Kind; strength: string; planted: number; found: number; claims: number; truePositives: number; incidental: number; labelRight: number;
  recall: number | null; precision: number | null; labelAccuracy: number | null;
}
export interface NoiseFigures { draws: number; clean: number; cleanShare: number | null; structureLabels: number; labels: Record<string, number> }
export interface Figures { rows: KindFigures[]; noise: NoiseFigures; economies: number; seconds: number }

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function figures(outcomes: readonly EconomyOutcome[]): Figures {
  const planted = outcomes.filter((o) => !o.noiseOnly);
  const rows: KindFigures[] = [];
  for (const kind of KINDS) {
    for (const strength of [...STRENGTH_LEVELS, 'all']) {
      const os = planted.filter((o) => strength === 'all' || o.strength === strength);
      const ps = os.flatMap((o) => o.planted.filter((p) => p.kind === kind));
      if (ps.length === 0) continue;
      const found = ps.filter((p) => p.found).length;
      const labelRight = ps.filter((p) => p.labelRight).length;
      const claims = os.reduce((a, o) => a + o.claims[kind].candidates, 0);
      const truePositives = os.reduce((a, o) => a + o.claims[kind].truePositives, 0);
      const incidental = os.reduce((a, o) => a + (o.claims[kind].incidental ?? 0), 0);
      rows.push({
        kind, strength, planted: ps.length, found, claims, truePositives, incidental, labelRight,
        recall: ratio(found, ps.length), precision: ratio(truePositives + incidental, claims), labelAccuracy: ratio(labelRight, found),
      });
    }
  }
  const noise = outcomes.filter((o) => o.noiseOnly);
  const labels: Record<string, number> = {};
  for (const o of noise) for (const [l, n] of Object.entries(o.labels)) labels[l] = (labels[l] ?? 0) + n;
  const clean = noise.filter((o) => o.structureLabels === 0).length;
  return {
    rows,
    noise: { draws: noise.length, clean, cleanShare: ratio(clean, noise.length), structureLabels: noise.reduce((a, o) => a + o.structureLabels, 0), labels },
    economies: outcomes.length,
    seconds: Math.round(outcomes.reduce((a, o) => a + o.seconds, 0) * 10) / 10,
  };
}

const cell = (x: number | null): string => (x === null ? '—' : x.toFixed(2));

/** The figures as a plain-text table (the bench prints it; docs/diagnosis.md quotes it). */
export function figuresTable(f: Figures): string {
  const head = ['kind', 'strength', 'planted', 'found', 'recall', 'claims', 'incidental', 'precision', 'label acc.'];
  const body = f.rows.map((r) => [r.kind, r.strength, String(r.planted), String(r.found), cell(r.recall), String(r.claims), String(r.incidental), cell(r.precision), cell(r.labelAccuracy)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)];
  const n = f.noise;
  out.push('', `pure noise: ${n.clean} of ${n.draws} draws without a candidate labelled cluster, agglomeration or chain (${cell(n.cleanShare)}; target ≥ 0.95); `
    + `${n.structureLabels} such candidates in all; labels: ${Object.entries(n.labels).sort().map(([l, k]) => `${l} ${k}`).join(', ') || 'none'}`);
  return out.join('\n');
}
