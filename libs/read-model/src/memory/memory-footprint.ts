import type { CustomerState } from '@lifecycle/domain';

/**
 * Rough resident bytes of what the in-memory rebuild holds, so that REBUILD_MEMORY_MB bounds the
 * process's growth, not only its live heap: calibrated on the RSS growth of bench scenario 4's
 * rebuild (quick and full logs, page caches left out). The live heap after a full GC is about
 * half of it; the rest is garbage awaiting a major GC and the heap's slack. A bound, not an exact figure.
 */
export const footprint = {
  /** A resident customer: its record, state, evaluation and facts without the lists. */
  customer: (state: CustomerState): number =>
    4500 + 540 * state.facts.orders.length + 300 * (state.facts.refunds.length + state.facts.referrals.length + state.facts.csat.length),
  /** A buffered transition with its snapshot. */
  transition: 1260,
  /** What every customer keeps after an eviction: its entry, rank key and due-calendar slot. */
  indexEntry: 660,
};
