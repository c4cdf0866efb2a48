import {
  applyBusinessEvent, applyDayEnd, assignTier, type BusinessEvent, compareRank, type CustomerState, type Cutoffs, cutoffsOf,
  dayEndAsOf, type LifecycleEvent, type RulesConfig, type Transition,
} from '@lifecycle/domain';

/**
 * The specification taken literally: at every DayEnded every customer is evaluated, then the
 * whole population is sorted and re-ranked. No due set, no range scans.
 */
export function bruteForce(events: LifecycleEvent[], rules: RulesConfig) {
  const customers = new Map<string, CustomerState>();
  const transitions: Transition[] = [];
  const cutoffsByDate = new Map<string, Cutoffs>();
  let clockAsOf: number | null = null;
  let cutoffs: Cutoffs | null = null;
  const byId = () => [...customers.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  for (const event of events) {
    if (event.type !== 'DayEnded') {
      const step = applyBusinessEvent(customers.get(event.customerId), event as BusinessEvent, { clockAsOf, cutoffs, rules });
      customers.set(event.customerId, step.state);
      transitions.push(...step.transitions);
      continue;
    }
    const { date } = event.data;
    const asOf = dayEndAsOf(date);
    for (const id of byId()) {
      const step = applyDayEnd(customers.get(id) as CustomerState, date, asOf, rules);
      customers.set(id, step.state);
      transitions.push(...step.transitions);
    }
    const ranked = [...customers.values()]
      .filter((c) => c.evaluation.net12 > 0)
      .map((c) => ({ net12: c.evaluation.net12, customerId: c.customerId }))
      .sort(compareRank);
    cutoffs = cutoffsOf(ranked, rules);
    cutoffsByDate.set(date, cutoffs);
    for (const id of byId()) {
      const step = assignTier(customers.get(id) as CustomerState, cutoffs, date, asOf);
      customers.set(id, step.state);
      transitions.push(...step.transitions);
    }
    clockAsOf = asOf;
  }
  return { customers, transitions, cutoffsByDate, clockAsOf };
}
