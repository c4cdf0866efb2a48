import { type ClockState, type DecisionState, evolveDecision, initialDecisionState } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import { readLastClockEvent } from '../event-log/clock-ticks.js';
import { readCustomerEvents } from '../event-log/customer-events.js';
import { toBusinessEvent } from '../event-log/event-codec.js';

/** A stream's decision state with the hash of its last event, the next event's chain link. */
export interface CustomerDecision {
  state: DecisionState;
  lastHash: string | null;
}

export interface ClockDecisionState extends ClockState {
  lastHash: string | null;
}

/**
 * Decision states folded from the customers' streams, kept with the revision they reflect.
 * A stale entry is caught by the expected-revision check on append and refreshed.
 */
export class DecisionCache {
  private readonly customers = new Map<string, CustomerDecision>();
  private clock: ClockDecisionState | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly baseCurrency: string,
    private readonly maxEntries = 500_000,
  ) {}

  async customer(customerId: string): Promise<CustomerDecision> {
    const cached = this.customers.get(customerId);
    if (cached) return cached;
    const decision: CustomerDecision = { state: initialDecisionState(), lastHash: null };
    for (const recorded of await readCustomerEvents(this.store, customerId)) {
      evolveDecision(decision.state, toBusinessEvent(recorded), this.baseCurrency, recorded.revision);
      decision.lastHash = recorded.metadata.hash ?? null;
    }
    if (this.customers.size >= this.maxEntries) this.customers.delete(this.customers.keys().next().value as string);
    this.customers.set(customerId, decision);
    return decision;
  }

  refreshCustomer(customerId: string): void {
    this.customers.delete(customerId);
  }

  async clockState(): Promise<ClockDecisionState> {
    if (this.clock) return this.clock;
    const last = await readLastClockEvent(this.store);
    this.clock = { revision: last?.revision ?? -1n, lastDate: last?.date ?? null, lastHash: last?.recorded.metadata.hash ?? null };
    return this.clock;
  }

  refreshClock(): void {
    this.clock = null;
  }
}
