import {
  type BusinessEvent, type ClockState, type DayEndedEvent, type DecisionState, evolveDecision, initialDecisionState,
} from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore } from '@lifecycle/event-store';
import { toLifecycleEvent } from '../projection/to-lifecycle-event.js';

/**
 * Decision states folded from the customers' streams, kept with the revision they reflect.
 * A stale entry is caught by the expected-revision check on append and refreshed.
 */
export class DecisionCache {
  private readonly customers = new Map<string, DecisionState>();
  private clock: ClockState | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly baseCurrency: string,
    private readonly maxEntries = 500_000,
  ) {}

  async customer(customerId: string): Promise<DecisionState> {
    const cached = this.customers.get(customerId);
    if (cached) return cached;
    const state = await this.catchUp(customerId, initialDecisionState());
    if (this.customers.size >= this.maxEntries) this.customers.delete(this.customers.keys().next().value as string);
    this.customers.set(customerId, state);
    return state;
  }

  async refreshCustomer(customerId: string): Promise<void> {
    this.customers.delete(customerId);
  }

  async clockState(): Promise<ClockState> {
    if (this.clock) return this.clock;
    const revision = await this.store.streamRevision(CLOCK_STREAM);
    let lastDate: string | null = null;
    if (revision !== 'no_stream') {
      const [last] = await this.store.readStream(CLOCK_STREAM, revision, 1);
      lastDate = (toLifecycleEvent(last) as DayEndedEvent).data.date;
    }
    this.clock = { revision: revision === 'no_stream' ? -1n : revision, lastDate };
    return this.clock;
  }

  refreshClock(): void {
    this.clock = null;
  }

  private async catchUp(customerId: string, state: DecisionState): Promise<DecisionState> {
    const events = await this.store.readStream(customerStream(customerId), state.revision + 1n);
    for (const recorded of events) {
      evolveDecision(state, toLifecycleEvent(recorded) as BusinessEvent, this.baseCurrency, recorded.revision);
    }
    return state;
  }
}
