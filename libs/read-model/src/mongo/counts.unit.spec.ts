import { segmentCountsFrom, transitionCountsFrom } from './counts.js';

describe('mongo counts', () => {
  it('turns the segment facet into counts, whatever integer type the server returned', () => {
    expect(segmentCountsFrom({
      status: [{ _id: 'NEW', n: 2 }, { _id: 'ACTIVE', n: 1n }],
      loyaltyLevel: [{ _id: 'NONE', n: 3 }],
      valueTier: [{ _id: 'SMALL', n: 1 }, { _id: 'NONE', n: 2 }],
    })).toEqual({ customers: 3, status: { NEW: 2, ACTIVE: 1 }, loyaltyLevel: { NONE: 3 }, valueTier: { SMALL: 1, NONE: 2 } });
    expect(segmentCountsFrom(undefined)).toEqual({ customers: 0, status: {}, loyaltyLevel: {}, valueTier: {} });
  });

  it('splits transitions into initial assignments and changes', () => {
    expect(transitionCountsFrom({
      byField: [
        { _id: { field: 'status', initial: true }, n: 8 },
        { _id: { field: 'status', initial: false }, n: 5n },
        { _id: { field: 'loyaltyLevel', initial: false }, n: 4 },
      ],
      reactivations: [{ n: 1 }],
    })).toEqual({ byField: { status: 5, loyaltyLevel: 4 }, initial: { status: 8 }, reactivations: 1 });
    expect(transitionCountsFrom({ byField: [], reactivations: [] })).toEqual({ byField: {}, initial: {}, reactivations: 0 });
    expect(transitionCountsFrom(undefined)).toEqual({ byField: {}, initial: {}, reactivations: 0 });
  });
});
