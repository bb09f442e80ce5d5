/**
 * Planting the five kinds of structure into a test-bed world, each in industries of its own,
 * from the concepts of docs/diagnosis.md (seed essay 1) and nothing else:
 *
 * - cluster 产业集群: firms of one related field (two classes of one division) packed around a
 *   centre, local SMEs tied to each other, with institutions tied to them (Porter's three
 *   elements on top of agglomeration);
 * - agglomeration 产业集聚: firms of one class packed around a centre, with no planted ties and
 *   no institutions (proximity only);
 * - chain 产业链: three stages (three divisions) spread like the whole economy, with supply and
 *   subcontract ties from each stage to the next (linkages, no spatial condition);
 * - park 工业园区: a designated park polygon holding firms mostly owned from outside and founded
 *   after its designation, trading with firms in another province, not with each other;
 * - concentration 产业集中: a class whose output three giant plants in far-apart counties hold,
 *   beside small firms spread like the economy, no ties (aspatial dominance).
 */
import type { Strength } from './params.js';
import type { Rng } from './rng.js';
import { PROVINCE, round2, round6, World, type County, type Firm } from './world.js';

export interface Planted {
  kind: 'cluster' | 'agglomeration' | 'chain' | 'park' | 'concentration';
  name: string;
  industries: string[];
  firmIds: string[];
}

/** Counties handed out to structures, each once: interior ones for compact structures. */
export class Sites {
  private readonly used = new Set<string>();
  constructor(private readonly w: World) {}
  take(interior: boolean, farFrom: County[] = [], minKm = 0): County {
    const p = PROVINCE;
    const free = this.w.counties.filter((c, i) => !this.used.has(c.code)
      && (!interior || (i % p.cols > 0 && i % p.cols < p.cols - 1 && Math.floor(i / p.cols) > 0 && Math.floor(i / p.cols) < p.rows - 1))
      && farFrom.every((o) => World.km(centreOf(c), centreOf(o)) >= minKm));
    if (free.length === 0) throw new Error('test bed: no free county for a structure');
    const c = this.w.rng.pick(free);
    this.used.add(c.code);
    return c;
  }
}

const centreOf = (c: County): [number, number] => [c.x0 + PROVINCE.dLon / 2, c.y0 + PROVINCE.dLat / 2];
function siteCentre(rng: Rng, c: County): [number, number] {
  return [c.x0 + PROVINCE.dLon * rng.range(0.4, 0.6), c.y0 + PROVINCE.dLat * rng.range(0.4, 0.6)];
}
/** Two distinct classes of division `d`, in different groups. */
function twoClasses(w: World, d: string): [string, string] {
  const g = 1 + w.rng.int(4);
  return [w.classOf(d, g), w.classOf(d, g + 1 + w.rng.int(4))];
}
const ids = (fs: Firm[]): string[] => fs.map((f) => f.id);

export function plantCluster(w: World, s: Strength, n: number, site: County): Planted {
  const { rng } = w;
  const classes = twoClasses(w, w.takeDivision('planted'));
  const centre = siteCentre(rng, site);
  const members: Firm[] = [];
  for (let i = 0; i < n; i++) {
    const leader = i < 3;
    members.push(w.addFirm(i < 0.6 * n ? classes[0] : classes[1], w.insideProvince(w.offset(centre, s.spreadKm)), {
      employees: leader ? 300 + rng.int(300) : Math.max(2, Math.round(rng.logNormal(30, 0.7))),
      ownership: rng.chance(0.9) ? 'local' : 'external_domestic',
      functions: leader ? ['production', 'rnd', 'marketing'] : ['production', ...(rng.chance(0.15) ? ['rnd'] : [])],
      patents: leader ? 5 + rng.int(10) : rng.chance(0.3) ? 1 + rng.int(3) : 0,
    }));
  }
  for (let k = Math.round(s.tiesPerFirm * n); k > 0; k--) {
    const x = rng.u();
    w.tie(rng.pick(members), rng.pick(members), x < 0.5 ? 'supply' : x < 0.85 ? 'subcontract' : x < 0.93 ? 'technology' : 'joint_rnd');
  }
  const types = rng.shuffled(['chamber', 'association', 'public_service', 'research', 'training']).slice(0, s.institutionTypes);
  const institutions = types.map((t) => w.addInstitution(t, w.insideProvince(w.offset(centre, 1))));
  for (const f of members) {
    if (!rng.chance(s.institutionLinkedShare)) continue;
    const inst = rng.pick(institutions);
    if (inst.type === 'chamber' || inst.type === 'association') w.tie(f, inst, 'membership');
    else w.tie(inst, f, 'service');
  }
  return { kind: 'cluster', name: `cluster ${classes.join('+')} @${site.code}`, industries: classes, firmIds: ids(members) };
}

export function plantAgglomeration(w: World, s: Strength, n: number, site: County): Planted {
  const { rng } = w;
  const cls = w.classOf(w.takeDivision('planted'));
  const centre = siteCentre(rng, site);
  const members = Array.from({ length: n }, () => w.addFirm(cls, w.insideProvince(w.offset(centre, s.spreadKm)), {
    employees: Math.max(2, Math.round(rng.logNormal(25, 0.9))),
  }));
  return { kind: 'agglomeration', name: `agglomeration ${cls} @${site.code}`, industries: [cls], firmIds: ids(members) };
}

export function plantChain(w: World, s: Strength, n: number): Planted {
  const { rng } = w;
  const stages = [w.takeDivision('planted'), w.takeDivision('planted'), w.takeDivision('planted')].map((d) => w.classOf(d));
  const sizes = [Math.round(0.3 * n), n - 2 * Math.round(0.3 * n), Math.round(0.3 * n)];
  const firms = stages.map((cls, i) => Array.from({ length: sizes[i] }, () => w.addFirm(cls, w.economyPoint())));
  for (let k = Math.round(s.tiesPerFirm * n); k > 0; k--) {
    const i = rng.int(2);
    w.tie(rng.pick(firms[i]), rng.pick(firms[i + 1]), rng.chance(0.8) ? 'supply' : 'subcontract');
  }
  return { kind: 'chain', name: `chain ${stages.join('→')}`, industries: stages, firmIds: firms.flatMap(ids) };
}

export function plantPark(w: World, s: Strength, n: number, site: County, parkNoiseShare: number, background: string[]): Planted {
  const { rng } = w;
  const division = w.takeDivision('planted');
  const classes = twoClasses(w, division);
  const centre = siteCentre(rng, site);
  const [hx, hy] = World.kmToDegrees(Math.max(4, Math.sqrt(n) * 0.9) / 2);
  const ring: [number, number][] = [[centre[0] - hx, centre[1] - hy], [centre[0] + hx, centre[1] - hy], [centre[0] + hx, centre[1] + hy], [centre[0] - hx, centre[1] + hy], [centre[0] - hx, centre[1] - hy]];
  const id = `P${String(w.parks.length + 1).padStart(2, '0')}`;
  const designated = 2008;
  w.parks.push({ id, name: `园区${id}`, level: 'provincial', designated, region: site.code, ring: ring.map(([x, y]) => [round6(x), round6(y)]) });
  const inPark = (): [number, number] => [centre[0] + hx * rng.range(-0.95, 0.95), centre[1] + hy * rng.range(-0.95, 0.95)];
  const members = Array.from({ length: n }, (_, i) => w.addFirm(classes[i % 2], inPark(), {
    employees: Math.max(5, Math.round(rng.logNormal(120, 0.7))),
    ownership: rng.chance(s.externalShare) ? (rng.chance(0.5) ? 'foreign' : 'external_domestic') : 'local',
    founded: rng.chance(0.8) ? designated + 1 + rng.int(16) : 1995 + rng.int(designated - 1995),
    park: id,
  }));
  const partnerClass = w.classOf(division, 9);
  const partners = Array.from({ length: Math.max(5, Math.round(0.4 * n)) }, () => w.addFirm(partnerClass, w.elsewherePoint(), { ownership: 'local' }));
  for (let k = Math.round(s.tiesPerFirm * n); k > 0; k--) {
    if (k % 2 === 0) w.tie(rng.pick(partners), rng.pick(members), 'supply');
    else w.tie(rng.pick(members), rng.pick(partners), rng.chance(0.5) ? 'supply' : 'subcontract');
  }
  // unrelated firms of the background inside the polygon, without a park code
  for (let k = Math.round(parkNoiseShare * n); k > 0; k--) w.addFirm(rng.pick(background), inPark());
  return { kind: 'park', name: `park ${id} ${classes.join('+')}`, industries: classes, firmIds: ids(members) };
}

export function plantConcentration(w: World, s: Strength, n: number, sites: County[], siblingFactor: number): Planted {
  const { rng } = w;
  const d = w.takeDivision('planted');
  const g = 1 + rng.int(8);
  const cls = w.classOf(d, g, 1);
  const sibling = w.classOf(d, g, 2);
  const small = Array.from({ length: n - sites.length }, () => w.addFirm(cls, w.economyPoint(), { employees: Math.max(1, Math.round(rng.logNormal(15, 0.8))) }));
  const smallOutput = small.reduce((a, f) => a + f.output, 0);
  const giantOutput = (s.giantShare / (1 - s.giantShare)) * smallOutput;
  const split = [0.45, 0.33, 0.22];
  const giants = sites.map((c, i) => {
    const output = round2(giantOutput * split[i % split.length]);
    return w.addFirm(cls, siteCentre(rng, c), {
      output, employees: Math.max(500, Math.round(output / 60)), ownership: i === 0 ? 'state' : 'local', functions: ['production', 'marketing'],
    });
  });
  // a larger, spread-out sibling class of the same 3-digit group (noise: it hides the class at group level)
  for (let k = Math.round(siblingFactor * n); k > 0; k--) w.addFirm(sibling, w.economyPoint(), { employees: Math.max(1, Math.round(rng.logNormal(15, 0.8))) });
  return { kind: 'concentration', name: `concentration ${cls}`, industries: [cls], firmIds: [...ids(giants), ...ids(small)] };
}
