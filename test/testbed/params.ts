/**
 * What the independent test bed draws: the five kinds of planted structure, their strength
 * levels and the noise around them. docs/diagnosis.md, "Independent test bed", states every
 * number here and why.
 */
export const KINDS = ['cluster', 'agglomeration', 'chain', 'park', 'concentration'] as const;
export type Kind = (typeof KINDS)[number];

/** The headline label a correct diagnosis gives each kind (docs/diagnosis.md, "Concepts"). */
export const EXPECTED_LABEL: Record<Kind, string> = {
  cluster: 'cluster',
  agglomeration: 'agglomeration_without_cluster',
  chain: 'chain_without_agglomeration',
  park: 'park_without_cluster',
  concentration: 'concentration_only',
};

/** The kind a headline label claims (none for `none`). */
export function claimedKind(label: string): Kind | undefined {
  switch (label) {
    case 'cluster': return 'cluster';
    case 'park_hosting_cluster': case 'park_without_cluster': return 'park';
    case 'agglomeration_without_cluster': return 'agglomeration';
    case 'chain_without_agglomeration': return 'chain';
    case 'concentration_only': return 'concentration';
    default: return undefined;
  }
}

/** Labels pure noise must never produce (the family-wise target). */
export const STRUCTURE_LABELS = ['cluster', 'park_hosting_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration'];

export const STRENGTH_LEVELS = ['weak', 'medium', 'strong'] as const;
export type StrengthLevel = (typeof STRENGTH_LEVELS)[number];

export interface Strength {
  /** Planted business ties per firm: among a cluster's firms, between a chain's consecutive stages, between a park and outside firms. */
  tiesPerFirm: number;
  /** Standard deviation (km) of a cluster's and an agglomeration's firms around their centre. */
  spreadKm: number;
  /** Share of a concentrated class's output held by its three giant plants. */
  giantShare: number;
  /** Kinds of institution of a cluster, and the share of its firms tied to one. */
  institutionTypes: number;
  institutionLinkedShare: number;
  /** Share of a park's firms owned from outside (external domestic or foreign). */
  externalShare: number;
}

export const STRENGTHS: Record<StrengthLevel, Strength> = {
  weak: { tiesPerFirm: 0.6, spreadKm: 8, giantShare: 0.5, institutionTypes: 2, institutionLinkedShare: 0.15, externalShare: 0.55 },
  medium: { tiesPerFirm: 1.2, spreadKm: 5, giantShare: 0.7, institutionTypes: 3, institutionLinkedShare: 0.3, externalShare: 0.7 },
  strong: { tiesPerFirm: 2, spreadKm: 3, giantShare: 0.85, institutionTypes: 4, institutionLinkedShare: 0.5, externalShare: 0.85 },
};

export interface Noise {
  /** Firms of the background economy inside the study area. */
  backgroundFirms: number;
  /** Background industries (one 4-digit class each, in divisions no planted structure uses). */
  backgroundIndustries: number;
  /** Random supply/subcontract ties between uniformly drawn firm pairs, per background firm. */
  randomTiesPerFirm: number;
  /** Background firms outside the study area (another province), each with random ties into it, as a share of the background. */
  outsideShare: number;
  /** Unrelated background firms placed inside a park's polygon, as a share of its members. */
  parkNoiseShare: number;
  /** Small firms of a sibling class in the concentrated class's 3-digit group, as a multiple of its firms. */
  siblingFactor: number;
}

export const DEFAULT_NOISE: Noise = {
  backgroundFirms: 3000, backgroundIndustries: 12, randomTiesPerFirm: 0.5, outsideShare: 0.03, parkNoiseShare: 0.15, siblingFactor: 1.5,
};

export interface EconomyParams {
  seed: number;
  strength: StrengthLevel;
  /** Planted kinds (one structure each); empty for a pure-noise economy. */
  kinds: readonly Kind[];
  /** Firms of each planted structure (a chain's over its three stages; a concentration's class including its giants). */
  firmsPerStructure: number;
  noise: Noise;
}

export interface EconomyOverrides { kinds?: readonly Kind[]; firmsPerStructure?: number; noise?: Partial<Noise> }

export function economyParams(seed: number, strength: StrengthLevel, over: EconomyOverrides = {}): EconomyParams {
  return { seed, strength, kinds: KINDS, firmsPerStructure: 80, ...over, noise: { ...DEFAULT_NOISE, ...over.noise } };
}
