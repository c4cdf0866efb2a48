import {
  type BusinessEvent, type ClockState, type DayEndedEvent, type DecisionState, evolveDecision, initialDecisionState,
} from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore } from '@lifecycle/event-store';
import { toLifecycleEvent } from '../projection/to-lifecycle-event.js';

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
    for (const recorded of await this.store.readStream(customerStream(customerId))) {
      evolveDecision(decision.state, toLifecycleEvent(recorded) as BusinessEvent, this.baseCurrency, recorded.revision);
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
    const revision = await this.store.streamRevision(CLOCK_STREAM);
    let lastDate: string | null = null;
    let lastHash: string | null = null;
    if (revision !== 'no_stream') {
      const [last] = await this.store.readStream(CLOCK_STREAM, revision, 1);
      lastDate = (toLifecycleEvent(last) as DayEndedEvent).data.date;
      lastHash = last.metadata.hash ?? null;
    }
    this.clock = { revision: revision === 'no_stream' ? -1n : revision, lastDate, lastHash };
    return this.clock;
  }

  refreshClock(): void {
    this.clock = null;
  }
}
