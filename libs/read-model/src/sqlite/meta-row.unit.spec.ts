import type { ProjectionMeta } from '../read-model.port.js';
import { metaFromRows, metaRows } from './meta-row.js';

const META: ProjectionMeta = {
  checkpoint: 2n ** 62n + 3n,
  clockDate: '2024-04-09',
  clockAsOf: 1712707200000,
  cutoffs: { populationSize: 3, VIP: { net12: 9, customerId: 'a' }, KEY: null, STANDARD: { net12: 1, customerId: 'c' } },
  rulesVersion: 'v1',
};
const EMPTY: ProjectionMeta = { checkpoint: null, clockDate: null, clockAsOf: null, cutoffs: null, rulesVersion: null };

describe('meta rows', () => {
  it('writes only the keys given, nulls as NULL, objects as JSON', () => {
    expect(metaRows({})).toEqual([]);
    expect(metaRows({ checkpoint: 7n, cutoffs: null })).toEqual([{ key: 'checkpoint', value: '7' }, { key: 'cutoffs', value: null }]);
    expect(metaRows({ cutoffs: META.cutoffs })).toEqual([{ key: 'cutoffs', value: JSON.stringify(META.cutoffs) }]);
  });

  it('reads absent keys and NULL values as nulls', () => {
    expect(metaFromRows([])).toEqual(EMPTY);
    expect(metaFromRows([{ key: 'checkpoint', value: null }, { key: 'rulesVersion', value: 'v1' }])).toEqual({ ...EMPTY, rulesVersion: 'v1' });
  });

  it('round-trips every field, the checkpoint exact', () => {
    expect(metaFromRows(metaRows(META))).toEqual(META);
  });
});
