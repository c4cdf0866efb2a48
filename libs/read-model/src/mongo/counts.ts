import type { SegmentCounts } from '../read-model.port.js';

interface Bucket<K> {
  _id: K;
  n: number | bigint;
}

const byKey = (group: string) => [{ $group: { _id: group, n: { $sum: 1 } } }] as const;

/** One pass over the customers, grouped three ways. */
export const SEGMENT_COUNTS_PIPELINE = [
  { $facet: { status: byKey('$status'), loyaltyLevel: byKey('$loyaltyLevel'), valueTier: byKey('$valueTier') } },
];

export interface SegmentFacet {
  status: Array<Bucket<string>>;
  loyaltyLevel: Array<Bucket<string>>;
  valueTier: Array<Bucket<string>>;
}

const record = (buckets: Array<Bucket<string>> = []): Record<string, number> =>
  Object.fromEntries(buckets.map((b) => [b._id, Number(b.n)]));

export function segmentCountsFrom(facet: SegmentFacet | undefined): SegmentCounts {
  const status = record(facet?.status);
  return {
    customers: Object.values(status).reduce((a, b) => a + b, 0),
    status,
    loyaltyLevel: record(facet?.loyaltyLevel),
    valueTier: record(facet?.valueTier),
  };
}

/** Transitions by field, split into initial assignments (from null) and changes; and the reactivations. */
export const TRANSITION_COUNTS_PIPELINE = [
  {
    $facet: {
      byField: [{ $group: { _id: { field: '$field', initial: { $eq: ['$from', null] } }, n: { $sum: 1 } } }],
      reactivations: [{ $match: { reactivation: true } }, { $count: 'n' }],
    },
  },
];

export interface TransitionFacet {
  byField: Array<Bucket<{ field: string; initial: boolean }>>;
  reactivations: Array<{ n: number | bigint }>;
}

export function transitionCountsFrom(facet: TransitionFacet | undefined) {
  const byField: Record<string, number> = {};
  const initial: Record<string, number> = {};
  for (const { _id, n } of facet?.byField ?? []) {
    const target = _id.initial ? initial : byField;
    target[_id.field] = (target[_id.field] ?? 0) + Number(n);
  }
  return { byField, initial, reactivations: Number(facet?.reactivations[0]?.n ?? 0) };
}
