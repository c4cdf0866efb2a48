import { InvalidCursorError } from '../cursor.js';
import { decodeIdCursor, dueFilter, encodeIdCursor, rankRangeFilter, segmentFilter, transitionsFilter } from './queries.js';

describe('mongo queries', () => {
  it('bounds the rank range (after, until] with net12 brackets and customerId ties', () => {
    expect(rankRangeFilter(null, { net12: 500, customerId: '10' })).toEqual({
      net12: { $gt: 0, $gte: 500 },
      $or: [{ net12: { $gt: 500 } }, { net12: 500, _id: { $lte: '10' } }],
    });
    expect(rankRangeFilter({ net12: 900, customerId: '11' }, { net12: 500, customerId: '9' })).toEqual({
      net12: { $gt: 0, $gte: 500, $lte: 900 },
      $and: [
        { $or: [{ net12: { $lt: 900 } }, { net12: 900, _id: { $gt: '11' } }] },
        { $or: [{ net12: { $gt: 500 } }, { net12: 500, _id: { $lte: '9' } }] },
      ],
    });
  });

  it('selects due customers at or before asOf, within the partial index', () => {
    expect(dueFilter(123)).toEqual({ nextDueAt: { $exists: true, $lte: 123 } });
  });

  it('combines the segment filters and pages after a customerId', () => {
    expect(segmentFilter({}, null)).toEqual({});
    expect(segmentFilter({ status: 'NEW', loyaltyLevel: 'REPEAT', valueTier: 'VIP' }, '10')).toEqual({
      status: 'NEW', loyaltyLevel: 'REPEAT', valueTier: 'VIP', _id: { $gt: '10' },
    });
    expect(segmentFilter({ status: '', valueTier: 'SMALL' }, null)).toEqual({ valueTier: 'SMALL' });
  });

  it("pages a customer's transitions after an id", () => {
    expect(transitionsFilter('c', null)).toEqual({ customerId: 'c' });
    expect(transitionsFilter('c', 'x')).toEqual({ customerId: 'c', _id: { $gt: 'x' } });
  });

  it('round-trips id cursors and rejects anything else', () => {
    const id = '0000000000000000042:1:c/ü';
    const cursor = encodeIdCursor(id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeIdCursor(cursor)).toBe(id);
    expect(decodeIdCursor(null)).toBeNull();
    expect(decodeIdCursor('')).toBeNull();
    expect(() => decodeIdCursor('%%%')).toThrow(InvalidCursorError);
    expect(() => decodeIdCursor(Buffer.from('17').toString('base64url'))).toThrow(InvalidCursorError);
  });
});
