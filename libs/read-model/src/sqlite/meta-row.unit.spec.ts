import { EMPTY_META as EMPTY, SAMPLE_META as META } from '../meta-fixtures.js';
import { metaFromRows, metaRows } from './meta-row.js';

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
