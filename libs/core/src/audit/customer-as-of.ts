import {
  applyBusinessEvent, applyDayEnd, assignTier, type CustomerProfile, type CustomerState, type Cutoffs,
  formatInstant, type RulesConfig, rulesVersion, toProfile, type Transition,
} from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { QueryStore } from '@lifecycle/read-model';
import { type ClockTick, ClockTicks } from '../event-log/clock-ticks.js';
import { readCustomerEvents } from '../event-log/customer-events.js';
import { occurredAtOf, toBusinessEvent } from '../event-log/event-codec.js';

export interface AsOf {
  at: string;
  /** The last DayEnded at or before `at`. */
  clockDate: string | null;
  profile: CustomerProfile;
  transitions: Transition[];
}

/**
 * What was true of a customer at instant `at`: its events with occurredAt ≤ at and the
 * DayEnded ticks with asOf ≤ at, folded in log order with the projector's own steps, the tier
 * taken from the cutoffs stored for each tick's date. Null when the customer had no event yet.
 */
export async function customerAsOf(
  events: EventStore, readModel: QueryStore, customerId: string, at: number, rules: RulesConfig, clock = new ClockTicks(events),
): Promise<AsOf | null> {
  const [own, ticks, allCutoffs] = await Promise.all([
    readCustomerEvents(events, customerId),
    clock.upTo(at),
    readModel.allCutoffs(),
  ]);
  const cutoffsByDate = new Map(allCutoffs.map((c) => [c.date, c.cutoffs]));
  const mine = own.filter((e) => occurredAtOf(e) <= at);
  if (mine.length === 0) return null;
  const merged: Array<RecordedEvent | ClockTick> = [...mine, ...ticks].sort((a, b) => (a.position < b.position ? -1 : 1));

  let state: CustomerState | undefined;
  let clockAsOf: number | null = null;
  let clockDate: string | null = null;
  let cutoffs: Cutoffs | null = null;
  const transitions: Transition[] = [];
  for (const item of merged) {
    if ('date' in item) {
      clockDate = item.date;
      clockAsOf = item.asOf;
      cutoffs = cutoffsByDate.get(clockDate) ?? cutoffs;
      if (!state) continue;
      const step = applyDayEnd(state, clockDate, clockAsOf, rules);
      state = step.state;
      transitions.push(...step.transitions);
      const tiered = assignTier(state, cutoffs, clockDate, clockAsOf);
      state = tiered.state;
      transitions.push(...tiered.transitions);
      continue;
    }
    const step = applyBusinessEvent(state, toBusinessEvent(item), { clockAsOf, cutoffs, rules });
    state = step.state;
    transitions.push(...step.transitions);
  }
  return {
    at: formatInstant(at),
    clockDate,
    profile: toProfile(state as CustomerState, clockAsOf, rulesVersion(rules)),
    transitions,
  };
}
