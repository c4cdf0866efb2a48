import { type ClockState, type DecisionState, evolveDecision, initialDecisionState } from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore } from '@lifecycle/event-store';
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
 * A stale entry is caught by the expected-revision check on append and refreshed. Entries are
 * replaced, never changed in place: a planned round works on copies and the states after it
 * are kept only once its appends went through.
 */
export class DecisionCache {
  private readonly customers = new Map<string, CustomerDecision>();
  private clock: ClockDecisionState | null = null;
  /** Customers whose stream changed under us: read on next use, whatever the index says. */
  private readonly mustRead = new Set<string>();

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
      decision.state = evolveDecision(decision.state, toBusinessEvent(recorded), this.baseCurrency, recorded.revision);
      decision.lastHash = recorded.metadata.hash ?? null;
    }
    this.keepCustomer(customerId, decision);
    this.mustRead.delete(customerId);
    return decision;
  }

  /**
   * The states of the given customers: cached, else read from the store; a customer the
   * store's index of streams does not know gets an empty state without a read. A customer
   * forgotten after a conflict is always read (the index may not have seen that append yet).
   */
  async customersOf(customerIds: Iterable<string>): Promise<Map<string, CustomerDecision>> {
    const states = new Map<string, CustomerDecision>();
    const uncached = new Set<string>();
    for (const customerId of customerIds) {
      if (states.has(customerId)) continue;
      const cached = this.customers.get(customerId);
      if (cached) states.set(customerId, cached);
      else uncached.add(customerId);
    }
    const indexable = [...uncached].filter((customerId) => !this.mustRead.has(customerId));
    const existing = indexable.length > 0 && this.store.existingStreams ? await this.store.existingStreams(indexable.map(customerStream)) : null;
    for (const customerId of uncached) {
      if (existing && !this.mustRead.has(customerId) && !existing.has(customerStream(customerId))) {
        const fresh: CustomerDecision = { state: initialDecisionState(), lastHash: null };
        this.keepCustomer(customerId, fresh);
        states.set(customerId, fresh);
      } else states.set(customerId, await this.customer(customerId));
    }
    return states;
  }

  /** Keeps a customer's state after an append that went through. */
  keepCustomer(customerId: string, decision: CustomerDecision): void {
    if (!this.customers.has(customerId) && this.customers.size >= this.maxEntries) {
      this.customers.delete(this.customers.keys().next().value as string);
    }
    this.customers.set(customerId, decision);
  }

  refreshCustomer(customerId: string): void {
    this.customers.delete(customerId);
    this.mustRead.add(customerId);
  }

  async clockState(): Promise<ClockDecisionState> {
    if (this.clock) return this.clock;
    const last = await readLastClockEvent(this.store);
    this.clock = { revision: last?.revision ?? -1n, lastDate: last?.date ?? null, lastHash: last?.recorded.metadata.hash ?? null };
    return this.clock;
  }

  keepClock(clock: ClockDecisionState): void {
    this.clock = clock;
  }

  refreshClock(): void {
    this.clock = null;
  }

  /** Drops a stream's state (customer or clock): the next use reads it from the store. */
  forget(streamId: string): void {
    if (streamId === CLOCK_STREAM) this.refreshClock();
    else this.refreshCustomer(streamId.slice('customer-'.length));
  }
}
