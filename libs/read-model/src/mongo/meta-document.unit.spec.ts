import { BSON, Long } from 'mongodb';
import { SAMPLE_META as META } from '../meta-fixtures.js';
import { fromMetaDocument, META_ID, metaSet } from './meta-document.js';

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
