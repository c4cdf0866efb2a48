import { BSON, Long } from 'mongodb';
import { buildFixture } from '../contract-fixtures.js';
import type { CustomerRecord } from '../read-model.port.js';
import { customerGuard, customerUpdate, fromCustomerDocument } from './customer-document.js';

const { records } = buildFixture();
const record = (id: string): CustomerRecord => records.get(id) as CustomerRecord;

describe('customer documents', () => {
  it('guards on the id and a stored position at or behind the record', () => {
    const r = record('11');
    expect(customerGuard(r)).toEqual({ _id: '11', lastPosition: { $lte: Long.fromBigInt(r.lastPosition) } });
  });

  it('sets the indexed fields lifted out of the state', () => {
    const r = { ...record('11'), tierDirty: true };
    expect(r.state.nextDueAt).not.toBeNull();
    expect(customerUpdate(r)).toEqual({
      $set: {
        status: 'NEW', loyaltyLevel: 'REPEAT', valueTier: 'VIP', net12: 9000, nextDueAt: r.state.nextDueAt,
        lastPosition: Long.fromBigInt(r.lastPosition), tierDirty: true, state: r.state,
      },
    });
  });

  it('unsets nextDueAt when nothing is due, so the partial index leaves the customer out', () => {
    const r = record('1');
    expect(r.state.nextDueAt).toBeNull();
    const update = customerUpdate(r);
    expect(update.$set).not.toHaveProperty('nextDueAt');
    expect(update).toHaveProperty('$unset', { nextDueAt: '' });
  });

  it('round-trips a record through BSON as the driver writes and reads it', () => {
    for (const r of records.values()) {
      const stored = BSON.deserialize(BSON.serialize({ _id: r.state.customerId, ...customerUpdate(r).$set }, { ignoreUndefined: true }), { useBigInt64: true });
      expect(typeof stored.lastPosition).toBe('bigint');
      expect(fromCustomerDocument(stored as never)).toEqual(r);
    }
  });

  it('reads a missing tierDirty as false', () => {
    const r = record('3');
    expect(fromCustomerDocument({ state: r.state, lastPosition: 5n } as never)).toEqual({ state: r.state, lastPosition: 5n, tierDirty: false });
  });
});
