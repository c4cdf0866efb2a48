import type { CustomerState } from '@lifecycle/domain';

/**
 * Rough heap bytes of what the in-memory rebuild holds, measured on V8 for the bench's customers
 * (objects, hidden classes, strings); a bound for REBUILD_MEMORY_MB, not an exact figure.
 */
export const footprint = {
  /** A resident customer: its record, state, evaluation and facts without the lists. */
  customer: (state: CustomerState): number =>
    900 + 110 * state.facts.orders.length + 60 * (state.facts.refunds.length + state.facts.referrals.length + state.facts.csat.length),
  /** A buffered transition with its snapshot. */
  transition: 260,
  /** What every customer keeps after an eviction: its index entry, rank node and due entries. */
  indexEntry: 220,
};
