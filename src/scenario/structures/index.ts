/**
 * The table of planted structures of the demo scenario, in planting order (firm indices follow
 * it), with the parks they use and the ties between clusters. Each entry (one file each) says
 * what the structure is and why, from the seed essays; `plantStructure` (planter.ts) plants it.
 */
import type { ParkLevel } from '../../model/park.js';
import { firms, members, principals, tie, type Pt, type StructureEntry, type Tie } from '../structure-spec.js';
import { APPLIANCES } from './appliances.js';
import { CHAIN } from './chain.js';
import { HAINING } from './haining.js';
import { HUANGYAN } from './huangyan.js';
import { KEQIAO } from './keqiao.js';
import { KUNSHAN } from './kunshan.js';
import { PORK } from './pork.js';
import { WENZHOU } from './wenzhou.js';
import { XIANGHE } from './xianghe.js';
import { YUEQING } from './yueqing.js';

/** The parks: octagons of radiusKm around a centre. They are made first, so that no firm planted before a park is found inside it by chance. */
export const PARKS: ReadonlyArray<{ id: string; name: string; level: ParkLevel; designated: number; center: Pt; radiusKm: number }> = [
  { id: 'P01', name: '柯桥印染产业园', level: 'provincial', designated: 2010, center: [120.53, 30.15], radiusKm: 3 },
  { id: 'P02', name: '昆山经济技术开发区', level: 'national', designated: 1992, center: [120.99, 31.34], radiusKm: 4.5 },
];

export const STRUCTURES: readonly StructureEntry[] = [WENZHOU, YUEQING, HUANGYAN, KEQIAO, HAINING, APPLIANCES, KUNSHAN, CHAIN, XIANGHE, PORK];

/** Ties between clusters, drawn once all are planted: Keqiao fabric for Wenzhou apparel; Huangyan moulds for Yueqing. */
export const CROSS_CLUSTER_TIES: readonly Tie[] = [
  tie.buyFrom({ ...firms('1819'), of: WENZHOU.truth.id }, { ...firms('1751'), of: KEQIAO.truth.id }, 1, 1, 0.25),
  // Yueqing's core firms (leaders and firms of 200+) buy most of their moulds in Huangyan, its small makers a few.
  tie.buyFrom({ ...principals(200), of: YUEQING.truth.id }, { ...firms('3525'), of: HUANGYAN.truth.id }, 1, 3, 0.9),
  tie.buyFrom({ ...members('3823'), below: 200, of: YUEQING.truth.id }, { ...firms('3525'), of: HUANGYAN.truth.id }, 1, 1, 0.08),
];
