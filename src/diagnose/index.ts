/**
 * The diagnosis rules: from one candidate's measured indicators to its verdicts, each with the
 * evidence rows that decided it and a sentence in Chinese and English. Pure and deterministic.
 *
 * This module holds the rules (concept discrimination, development stage, radiation level,
 * typology);
 * computing the indicators of candidates from a workspace is the next layer.
 */
import { resolveThresholds, type Thresholds } from './config.js';
import { discriminate, type ConceptVerdicts } from './concepts.js';
import type { EvidenceRow } from './evidence.js';
import type { Indicators } from './indicators.js';
import { radiationLevel, type RadiationVerdict } from './radiation.js';
import { verdictSentence } from './sentences.js';
import { developmentStage, type StageVerdict } from './stage.js';
import { typology, type TypologyVerdict } from './typology.js';

export { DEFAULT_THRESHOLDS, resolveThresholds, type Thresholds, type ThresholdName } from './config.js';
export type { EvidenceRow, Verdict } from './evidence.js';
export type { Indicators } from './indicators.js';
export { discriminate, type ConceptVerdicts, type HeadlineLabel } from './concepts.js';
export { developmentStage, characteristicScores, CHARACTERISTICS, type Stage, type StageVerdict, type Characteristic } from './stage.js';
export { radiationLevel, type RadiationLevel, type RadiationVerdict } from './radiation.js';
export { verdictSentence } from './sentences.js';
export { typology, type Typology, type TypologyVerdict } from './typology.js';

export interface Diagnosis {
  name: string;
  concepts: ConceptVerdicts;
  stage: StageVerdict;
  radiation: RadiationVerdict;
  typology: TypologyVerdict;
  sentence: { zh: string; en: string };
  /** Every row, in one table (indicator, value, threshold, pass/fail, rule). */
  evidence: EvidenceRow[];
  warnings: string[];
}

export function diagnoseIndicators(name: string, indicators: Indicators, thresholds: Thresholds = resolveThresholds()): Diagnosis {
  const concepts = discriminate(indicators, thresholds);
  const stage = developmentStage(indicators, thresholds, concepts.agglomeration.holds);
  const radiation = radiationLevel(indicators, stage.stage, thresholds);
  // the typology classifies clusters and agglomerations: a candidate that is not agglomerated
  // (a chain across provinces, a concentrated industry) has none, though its rows are kept
  const measured = typology(indicators, thresholds);
  const types = concepts.agglomeration.holds
    ? measured
    : { ...measured, typology: { mechanism: null, factor: null, industry: null, formation: null, structure: null, innovation: null } };
  const warnings = concepts.missing.length
    ? [`${name}: not measured, so the rules that need them fail: ${concepts.missing.join(', ')}`]
    : [];
  return {
    name,
    concepts,
    stage,
    radiation,
    typology: types,
    sentence: { zh: verdictSentence(name, concepts, 'zh'), en: verdictSentence(name, concepts, 'en') },
    evidence: [...concepts.concentration.rows, ...concepts.agglomeration.rows, ...concepts.chain.rows, ...concepts.park.rows, ...concepts.cluster.rows, ...stage.rows, ...radiation.rows, ...types.rows],
    warnings,
  };
}
