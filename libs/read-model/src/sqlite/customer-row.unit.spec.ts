import { toProfile } from '@lifecycle/domain';
import { buildFixture } from '../contract-fixtures.js';
import type { CustomerRecord, ProjectionMeta } from '../read-model.port.js';
import { type CustomerRow, customerRowParams, profileOfRow, storedFields, toCustomerRecord } from './customer-row.js';

const { records } = buildFixture();
const record = (id: string): CustomerRecord => records.get(id) as CustomerRecord;
const rowOf = (r: CustomerRecord): CustomerRow => {
  const params = customerRowParams(r);
  return { customer_id: params.id, state: params.state, last_position: params.pos, tier_dirty: BigInt(params.dirty) };
};

describe('customer rows', () => {
  it('lifts the indexed columns out of the state', () => {
    const r = { ...record('11'), tierDirty: true };
    expect(r.state.nextDueAt).not.toBeNull();
    expect(customerRowParams(r)).toEqual({
      id: '11', status: 'NEW', level: 'REPEAT', tier: 'VIP', net12: 9000, due: r.state.nextDueAt,
      pos: r.lastPosition, dirty: 1, state: JSON.stringify(r.state),
    });
  });

  it('writes a null next_due_at when nothing is due, so the partial index leaves the customer out', () => {
    const r = record('1');
    expect(r.state.nextDueAt).toBeNull();
    expect(customerRowParams(r)).toMatchObject({ due: null, dirty: 0 });
  });

  it('round-trips every record, positions beyond 2^53 exact', () => {
    for (const r of records.values()) {
      expect(r.lastPosition > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(toCustomerRecord(rowOf(r))).toEqual(r);
      expect(toCustomerRecord(rowOf({ ...r, tierDirty: true })).tierDirty).toBe(true);
    }
  });

  it('reads tier_dirty and last_position given as numbers (without safeIntegers)', () => {
    const r = record('3');
    const row = { ...rowOf(r), last_position: 5, tier_dirty: 1 };
    expect(toCustomerRecord(row)).toEqual({ state: r.state, lastPosition: 5n, tierDirty: true });
  });

  it('builds the profile with the clock and rules version of the meta', () => {
    const r = record('10');
    const meta: ProjectionMeta = { checkpoint: 1n, clockDate: '2024-04-09', clockAsOf: 1712707200000, cutoffs: null, rulesVersion: 'v7' };
    expect(profileOfRow(rowOf(r), meta)).toEqual(toProfile(r.state, 1712707200000, 'v7'));
    expect(profileOfRow(rowOf(r), { ...meta, rulesVersion: null })).toEqual(toProfile(r.state, 1712707200000, ''));
  });

  it('gives stored fields with integers as strings and the state parsed', () => {
    const r = record('9');
    expect(storedFields({ customer_id: '9', net12: 5000n, next_due_at: null, state: JSON.stringify(r.state) }))
      .toEqual({ customer_id: '9', net12: '5000', next_due_at: null, state: r.state });
  });
});
