import { type BusinessEvent, DAY_MS, type DayEndedEvent, formatDate, parseDate } from '@lifecycle/domain';
import { dayEndedEvent } from '../../../libs/core/src/ingestion/day-ended-event.js';
import { planCustomer } from './customer-history.js';
import { materialise } from './materialise.js';
import type { PlannedEvent } from './planned-event.js';
import { Prng } from './prng.js';

export interface LogOptions {
  seed: number;
  customers: number;
  /** Customer ids are `<prefix>-0000042`. */
  prefix: string;
  /** First day of the history (UTC date). */
  startDate: string;
  days: number;
}

/** About two years, ending well before today so no event is "in the future". */
export const DEFAULT_WINDOW = { startDate: '2024-10-01', days: 730 } as const;

export type LogEvent = BusinessEvent | DayEndedEvent;

/** A deterministic history of `customers` customers, sorted by occurredAt (ties keep plan order). */
export class GeneratedLog {
  readonly plans: PlannedEvent[];
  readonly startMs: number;
  readonly endMs: number;

  constructor(readonly options: LogOptions) {
    this.startMs = parseDate(options.startDate) as number;
    this.endMs = this.startMs + options.days * DAY_MS;
    const rng = new Prng(options.seed);
    const window = { startMs: this.startMs, endMs: this.endMs, customers: options.customers };
    const plans: PlannedEvent[] = [];
    for (let customer = 0; customer < options.customers; customer++) {
      for (const plan of planCustomer(customer, window, rng)) plans.push(plan);
    }
    this.plans = plans.sort((a, b) => a.at - b.at);
  }

  /** Business events only, in log order. */
  *businessEvents(limit = Infinity): Generator<BusinessEvent> {
    const { seed, prefix } = this.options;
    const count = Math.min(limit, this.plans.length);
    for (let i = 0; i < count; i++) yield materialise(this.plans[i], i, seed, prefix);
  }

  /**
   * The log with the clock: DayEnded{D} follows the last event of day D, for every day of the
   * window (so a day without events still ticks). Stops after `limit` events, ticks included.
   */
  *withTicks(limit = Infinity): Generator<LogEvent> {
    const { seed, prefix } = this.options;
    let emitted = 0;
    let dayEnd = this.startMs + DAY_MS;
    for (let i = 0; i <= this.plans.length && emitted < limit; ) {
      const plan = this.plans[i];
      if (plan === undefined && dayEnd > this.endMs) return;
      if (plan === undefined || plan.at >= dayEnd) {
        yield dayEndedEvent(formatDate(dayEnd - DAY_MS));
        dayEnd += DAY_MS;
      } else {
        yield materialise(plan, i, seed, prefix);
        i++;
      }
      emitted++;
    }
  }
}
