import { BSON, Long } from 'mongodb';
import type { ProjectionMeta } from '../read-model.port.js';
import { fromMetaDocument, META_ID, metaSet } from './meta-document.js';

const META: ProjectionMeta = {
  checkpoint: 2n ** 62n + 3n,
  clockDate: '2024-04-09',
  clockAsOf: 1712707200000,
  cutoffs: { populationSize: 3, VIP: { net12: 9, customerId: 'a' }, KEY: null, STANDARD: { net12: 1, customerId: 'c' } },
  rulesVersion: 'v1',
};

describe('meta documents', () => {
  it('sets only the fields given, nulls included', () => {
    expect(metaSet({})).toEqual({});
    expect(metaSet({ checkpoint: 7n })).toEqual({ checkpoint: Long.fromBigInt(7n) });
    expect(metaSet({ checkpoint: null, cutoffs: null, clockAsOf: null })).toEqual({ checkpoint: null, cutoffs: null, clockAsOf: null });
  });

  it('reads a missing document or missing fields as nulls', () => {
    const empty = { checkpoint: null, clockDate: null, clockAsOf: null, cutoffs: null, rulesVersion: null };
    expect(fromMetaDocument(null)).toEqual(empty);
    expect(fromMetaDocument({ _id: META_ID })).toEqual(empty);
    expect(fromMetaDocument({ _id: META_ID, rulesVersion: 'v1' })).toEqual({ ...empty, rulesVersion: 'v1' });
  });

  it('round-trips every field through BSON, the checkpoint exact', () => {
    const stored = BSON.deserialize(BSON.serialize({ _id: META_ID, ...metaSet(META) }), { useBigInt64: true });
    expect(fromMetaDocument(stored as never)).toEqual(META);
  });
});
