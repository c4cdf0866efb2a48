import { BSON } from 'mongodb';
import { buildFixture } from '../contract-fixtures.js';
import type { StoredTransition } from '../read-model.port.js';
import { fromTransitionDocument, toTransitionDocument, transitionId } from './transition-document.js';

describe('transition documents', () => {
  it('derives the id from position, field and customer, so a redelivery rewrites the same id', () => {
    expect(transitionId(42n, 'c-1', 'loyaltyLevel')).toBe('0000000000000000042:1:c-1');
    expect(transitionId(2n ** 63n - 1n, 'x', 'valueTier')).toBe('9223372036854775807:2:x');
    expect(() => transitionId(-1n, 'x', 'status')).toThrow(RangeError);
  });

  it("sorts a customer's ids in log order, then in the order a step emits its fields", () => {
    const ids = [
      transitionId(10n, 'c', 'valueTier'), transitionId(9n, 'c', 'valueTier'), transitionId(100n, 'c', 'status'),
      transitionId(10n, 'c', 'status'), transitionId(10n, 'c', 'loyaltyLevel'),
    ];
    expect([...ids].sort()).toEqual([ids[1], ids[3], ids[4], ids[0], ids[2]]);
  });

  it('gives the fixture transitions distinct ids in their stored order per customer', () => {
    const { transitions } = buildFixture();
    const docs = transitions.map(toTransitionDocument);
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
    for (const customerId of new Set(transitions.map((tr) => tr.customerId))) {
      const own = docs.filter((d) => d.customerId === customerId).map((d) => d._id);
      expect([...own].sort()).toEqual(own);
    }
  });

  it('round-trips every transition through BSON, causes and reactivations included', () => {
    const { transitions } = buildFixture();
    expect(transitions.some((tr) => tr.reactivation)).toBe(true);
    expect(transitions.some((tr) => 'dayEnded' in tr.cause)).toBe(true);
    for (const tr of transitions) {
      const stored = BSON.deserialize(BSON.serialize(toTransitionDocument(tr)), { useBigInt64: true });
      expect(fromTransitionDocument(stored as never)).toEqual(tr);
    }
  });

  it('stores the initial from as an explicit null, which the counts group on', () => {
    const tr: StoredTransition = { customerId: 'c', field: 'status', from: null, to: 'PROSPECT', t: 1, cause: { eventId: 'e' }, position: 3n };
    const doc = toTransitionDocument(tr);
    expect(doc).toHaveProperty('from', null);
    expect(doc).not.toHaveProperty('reactivation');
  });
});
