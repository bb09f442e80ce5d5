/**
 * Types shared by the industry classifications (GB/T 4754-2017, ISIC Rev.4, NAICS 2017,
 * NACE Rev.2): one code entry, the `Classification` interface, and crosswalk rows.
 *
 * Levels are numbered from 1 (the coarsest: section / sector) downwards; a level can also be
 * named (`'section'`, `'division'`, …) wherever a level is accepted.
 */
import type { CodeSystem } from '../project.js';

/** One code of a classification. */
export interface IndustryCode {
  /** Canonical code: a section letter ('C'), digits ('13', '1811'), or a NAICS range sector ('31-33'). */
  code: string;
  /** 1 = coarsest level (section / sector). */
  level: number;
  /** Name of the level: 'section', 'division', 'group', 'class'; NAICS: 'sector' … 'nationalIndustry'. */
  levelName: string;
  /** Code of the entry one level up; absent at level 1. */
  parent?: string;
  /** Title in the standard's own language (Chinese for GB/T 4754, English for the others). */
  name: string;
  /** English title (equal to `name` for the English-language standards). */
  nameEn?: string;
  /**
   * True when the entry was not in a loaded file but is implied by a listed child (a GB/T group
   * with a single class often appears only through its class, e.g. class 0190 without group 019).
   */
  implied?: boolean;
}

/** Outcome of `Classification.validate`. `checkedTo` is the deepest level actually checked. */
export type ValidationResult =
  | { ok: true; code: string; checkedTo: number }
  | { ok: false; reason: 'bad_format' | 'unknown_code'; detail: string };

/** A code list with the code-shape rules of its system. */
export interface Classification {
  system: CodeSystem;
  /** Level names, coarsest first, e.g. ['section', 'division', 'group', 'class']. */
  levels: readonly string[];
  /** True when every level of the system is listed (a user-loaded full list). */
  complete: boolean;
  /** Every listed entry, coarsest level first, then by code. */
  entries(): readonly IndustryCode[];
  /** The entry of a code (the code is normalised first); undefined when not listed. */
  get(code: string): IndustryCode | undefined;
  /** Canonical form of a raw code, or undefined when its shape is impossible for the system. */
  normalize(raw: string): string | undefined;
  /** Level of a code from its shape alone, or undefined when the shape is impossible. */
  levelOf(code: string): number | undefined;
  /** The ancestor of a code at a coarser (or the same) level, by level name or number. */
  rollUp(code: string, level: number | string): string | undefined;
  /** Check a raw code against the list (see `docs/classifications.md` for the rules). */
  validate(raw: string): ValidationResult;
}

/** One row of the shipped ISIC Rev.4 ↔ GB/T 4754-2017 division crosswalk. */
export interface IsicGbtRow {
  isic: string;
  gbt: string;
  note?: string;
}

/** One row of the shipped NAICS 2017 → ISIC Rev.4 division crosswalk (`naics` has 3–6 digits). */
export interface NaicsIsicRow {
  naics: string;
  isic: string;
  note?: string;
}

/** One row of a user crosswalk table (`from,to[,weight]`). */
export interface CrosswalkRow {
  from: string;
  to: string;
  weight?: number;
}
