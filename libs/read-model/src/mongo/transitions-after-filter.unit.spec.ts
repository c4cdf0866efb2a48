import { endOfPosition, keyOf } from '../transition-key.js';
import { transitionsAfterFilter } from './queries.js';
import { transitionId } from './transition-document.js';

describe('transitionsAfter as an _id range', () => {
  const id = (position: bigint, field: 'status' | 'loyaltyLevel' | 'valueTier', customerId: string) => transitionId(position, customerId, field);
  const inRange = (filter: ReturnType<typeof transitionsAfterFilter>, value: string) =>
    value < filter._id.$lt && (filter._id.$gt === undefined || value > filter._id.$gt);

  it('selects the ids after a key and at positions up to `until`, in the order of TransitionKey', () => {
    const filter = transitionsAfterFilter(keyOf({ position: 10n, field: 'loyaltyLevel', customerId: 'b' }), 11n, {});
    expect(inRange(filter, id(10n, 'loyaltyLevel', 'b'))).toBe(false);
    expect(inRange(filter, id(10n, 'loyaltyLevel', 'a'))).toBe(false);
    expect(inRange(filter, id(10n, 'status', 'z'))).toBe(false);
    expect(inRange(filter, id(10n, 'loyaltyLevel', 'ba'))).toBe(true);
    expect(inRange(filter, id(10n, 'valueTier', 'a'))).toBe(true);
    expect(inRange(filter, id(11n, 'valueTier', 'zzz'))).toBe(true);
    expect(inRange(filter, id(12n, 'status', ''))).toBe(false);
    expect(inRange(filter, id(100n, 'status', 'a'))).toBe(false);
  });

  it('skips the rest of a position after an end-of-position key, and reads from the start without one', () => {
    const after = transitionsAfterFilter(endOfPosition(10n), 2n ** 62n, {});
    expect(inRange(after, id(10n, 'valueTier', '\u{10FFFF}'))).toBe(false);
    expect(inRange(after, id(11n, 'status', ''))).toBe(true);
    expect(transitionsAfterFilter(null, 5n, {})._id).toEqual({ $lt: '0000000000000000006' });
  });

  it('adds the filter fields, reactivation false as "not true" (the flag is absent then)', () => {
    expect(transitionsAfterFilter(null, 5n, { field: 'status', from: 'NEW', to: 'ACTIVE', reactivation: false })).toEqual({
      _id: { $lt: '0000000000000000006' }, field: 'status', from: 'NEW', to: 'ACTIVE', reactivation: { $ne: true },
    });
    expect(transitionsAfterFilter(null, 5n, { reactivation: true })).toMatchObject({ reactivation: true });
  });
});
