import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChainTemplate } from '../src/model/chain-template.js';
import { builtinClassification } from '../src/model/classifications/index.js';

describe('examples/chain-templates.json', () => {
  it('holds the pork, textile–garment and electronics chains, valid and with GB/T codes that exist', () => {
    const list = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'examples', 'chain-templates.json'), 'utf8')) as unknown[];
    const gbt = builtinClassification('GB/T 4754-2017');
    const ids = list.map((t) => ChainTemplate.parse(t).id);
    expect(ids).toEqual(['pork-yurun', 'textile-garment', 'electronics']);
    for (const t of list.map((x) => ChainTemplate.parse(x))) {
      for (const s of t.stages) for (const c of s.industries) expect(gbt.validate(c).ok, `${t.id}/${s.id}/${c}`).toBe(true);
      expect(t.stages.filter((s) => s.role === 'vertical').map((s) => s.order)).toEqual(t.stages.filter((s) => s.role === 'vertical').map((_, i) => i + 1));
    }
  });
});
