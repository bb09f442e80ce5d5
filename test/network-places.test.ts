import { describe, expect, it } from 'vitest';
import { insideRadius, parsePlace, type LoadedFirmNetwork } from '../src/load/firm-network.js';
import { firmNetwork } from '../src/measures/network/index.js';

describe('places', () => {
  it('parses region, park, radius and all; rejects the rest with E_OPTION', () => {
    expect(parsePlace('region:3303')).toEqual({ kind: 'region', code: '3303' });
    expect(parsePlace('park:P01')).toEqual({ kind: 'park', id: 'P01' });
    expect(parsePlace('radius:118.8, 32.05, 200')).toEqual({ kind: 'radius', lon: 118.8, lat: 32.05, km: 200 });
    expect(parsePlace('all')).toEqual({ kind: 'all' });
    for (const bad of ['radius:200,32,5', 'radius:1,2', 'county:1', 'region:']) expect(() => parsePlace(bad)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
  it('the chain radius is centred on the mean of the inside firms (1° of latitude ≈ 111.2 km)', () => {
    const net = firmNetwork([{ id: 'a', inside: true }, { id: 'b', inside: true }, { id: 'c', inside: false }, { id: 'd', inside: false }], []);
    const loaded = {
      net, place: { kind: 'region', code: 'x' }, lon: Float64Array.of(120, 120, 120, 120), lat: Float64Array.of(30, 30.2, 31.05, 32.5),
    } as unknown as LoadedFirmNetwork;
    const r = insideRadius(loaded, 110);
    expect(r.center).toEqual([120, 30.1]);
    // c is 0.95° ≈ 105.6 km from the centre, d 2.4° ≈ 267 km
    expect(Array.from(r.inside)).toEqual([1, 1, 1, 0]);
    expect(Array.from(insideRadius(loaded, 100).inside)).toEqual([1, 1, 0, 0]);
  });
});
