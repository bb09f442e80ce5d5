/** The Lorenz curve and Gini coefficient of a candidate's firm sizes (employees): `lorenzCurve`, `gini`. */
import { gini } from '../../measures/concentration/gini.js';
import { lorenzCurve } from '../../measures/concentration/lorenz-curve.js';
import type { Bilingual, Chart, LorenzData } from '../types.js';
import type { FirmRow } from './context.js';
import { b, notComputed, numOr0, thin, unavailable } from './util.js';

export function lorenzChart(firms: FirmRow[]): Chart<LorenzData> {
  const sizes = firms.map((f) => f.employees).filter((e): e is number => e !== null && Number.isFinite(e));
  const missing = firms.length - sizes.length;
  if (sizes.length < 2) return unavailable(b(`fewer than 2 firms with employees (${sizes.length})`, `有从业人员数据的企业少于 2 家（${sizes.length} 家）`));
  let l: ReturnType<typeof lorenzCurve>;
  let g: ReturnType<typeof gini>;
  try {
    l = lorenzCurve(sizes);
    g = gini(sizes);
  } catch (e) {
    return unavailable(notComputed(e, 'Lorenz curve not computed', '无法计算洛伦兹曲线'));
  }
  const idx = thin(l.value.population.length, 400);
  const notes: Bilingual[] = missing ? [b(`${missing} firm(s) without employees left out`, `${missing} 家企业缺少从业人员数据，未计入`)] : [];
  return {
    available: true,
    data: { population: idx.map((k) => numOr0(l.value.population[k])), share: idx.map((k) => numOr0(l.value.share[k])), gini: numOr0(g.value.gini), firms: sizes.length, size: 'employees' },
    params: { size: 'employees', firms: sizes.length },
    source: b('firms of the candidate (employees)', '候选内企业（从业人员）'),
    notes,
  };
}
