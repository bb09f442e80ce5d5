/**
 * Evidence rows: every verdict of the diagnosis is a set of comparisons of measured indicators
 * with thresholds, kept with the verdict so a planner can defend it line by line.
 */
import type { Thresholds, ThresholdName } from './config.js';

export type Comparison = '>=' | '<=' | '>' | '<' | 'is';

export interface EvidenceRow {
  /** Which verdict this row serves, e.g. 'agglomeration', 'cluster.links'. */
  rule: string;
  /** Indicator name (see Indicators). */
  indicator: string;
  /** Measured value; null when it could not be measured for this candidate. */
  value: number | boolean | null;
  comparison: Comparison;
  /** The threshold compared against (its name in the configuration, and its value). */
  threshold: number | boolean | null;
  thresholdName?: ThresholdName;
  /** true / false; null when the indicator is missing (the rule then fails, with a warning). */
  pass: boolean | null;
}

export interface Verdict {
  holds: boolean;
  rows: EvidenceRow[];
}

/** Compare one indicator with one configured threshold. */
export function compare(
  rule: string, indicator: string, value: number | undefined, comparison: Exclude<Comparison, 'is'>,
  name: ThresholdName, thresholds: Thresholds,
): EvidenceRow {
  const threshold = thresholds[name];
  if (value === undefined || Number.isNaN(value)) {
    return { rule, indicator, value: null, comparison, threshold, thresholdName: name, pass: null };
  }
  const pass = comparison === '>=' ? value >= threshold : comparison === '<=' ? value <= threshold : comparison === '>' ? value > threshold : value < threshold;
  return { rule, indicator, value, comparison, threshold, thresholdName: name, pass };
}

/** A yes/no indicator (e.g. "K-density leaves the global band upwards"). */
export function flag(rule: string, indicator: string, value: boolean | undefined): EvidenceRow {
  return { rule, indicator, value: value ?? null, comparison: 'is', threshold: true, pass: value === undefined ? null : value };
}

/** All rows pass (a missing indicator fails). */
export function all(rows: EvidenceRow[]): boolean {
  return rows.every((r) => r.pass === true);
}

/** At least one row passes. */
export function any(rows: EvidenceRow[]): boolean {
  return rows.some((r) => r.pass === true);
}
