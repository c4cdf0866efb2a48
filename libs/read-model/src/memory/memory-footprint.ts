import type { CustomerState } from '@lifecycle/domain';

/**
 * Rough heap bytes of what the in-memory rebuild holds, calibrated on V8 against the heap after
 * a full GC for the bench's quick log (20,000 customers, 196,000 transitions buffered); a bound
 * for REBUILD_MEMORY_MB, not an exact figure.
 */
export const footprint = {
  /** A resident customer: its record, state, evaluation and facts without the lists. */
  customer: (state: CustomerState): number =>
    1500 + 180 * state.facts.orders.length + 100 * (state.facts.refunds.length + state.facts.referrals.length + state.facts.csat.length),
  /** A buffered transition with its snapshot. */
  transition: 420,
  /** What every customer keeps after an eviction: its index entry, rank node and due entries. */
  indexEntry: 220,
};
