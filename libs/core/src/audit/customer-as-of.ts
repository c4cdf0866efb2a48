import {
  applyBusinessEvent, applyDayEnd, assignTier, type BusinessEvent, type CustomerProfile, type CustomerState, type Cutoffs,
  type DayEndedEvent, dayEndAsOf, formatInstant, parseInstant, type RulesConfig, rulesVersion, toProfile, type Transition,
} from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import type { QueryStore } from '@lifecycle/read-model';
import { toLifecycleEvent } from '../projection/to-lifecycle-event.js';

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
  events: EventStore, readModel: QueryStore, customerId: string, at: number, rules: RulesConfig,
): Promise<AsOf | null> {
  const [own, clock, allCutoffs] = await Promise.all([
    events.readStream(customerStream(customerId)),
    events.readStream(CLOCK_STREAM),
    readModel.allCutoffs(),
  ]);
  const cutoffsByDate = new Map(allCutoffs.map((c) => [c.date, c.cutoffs]));
  const mine = own.filter((e) => (parseInstant(String(e.data.occurredAt)) as number) <= at);
  if (mine.length === 0) return null;
  const ticks = clock.filter((e) => dayEndAsOf((toLifecycleEvent(e) as DayEndedEvent).data.date) <= at);
  const merged: RecordedEvent[] = [...mine, ...ticks].sort((a, b) => (a.position < b.position ? -1 : 1));

  let state: CustomerState | undefined;
  let clockAsOf: number | null = null;
  let clockDate: string | null = null;
  let cutoffs: Cutoffs | null = null;
  const transitions: Transition[] = [];
  for (const recorded of merged) {
    const event = toLifecycleEvent(recorded);
    if (event.type === 'DayEnded') {
      clockDate = event.data.date;
      clockAsOf = dayEndAsOf(clockDate);
      cutoffs = cutoffsByDate.get(clockDate) ?? cutoffs;
      if (!state) continue;
      const step = applyDayEnd(state, clockDate, clockAsOf, rules);
      state = step.state;
      transitions.push(...step.transitions);
      const tr = assignTier(state, cutoffs, clockDate, clockAsOf);
      if (tr) transitions.push(tr);
      continue;
    }
    const step = applyBusinessEvent(state, event as BusinessEvent, { clockAsOf, cutoffs, rules });
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
