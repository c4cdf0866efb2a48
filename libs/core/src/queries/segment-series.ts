import { formatDate, parseDate } from '@lifecycle/domain';
import type { DailyTransitionTally, TransitionTally } from '@lifecycle/read-model';

const DAY_MS = 86_400_000;
const FIELDS = ['status', 'loyaltyLevel', 'valueTier'] as const;
type Field = (typeof FIELDS)[number];
export type CountsByField = Record<Field, Record<string, number>>;

export interface SegmentDay {
  date: string;
  /** Customers per value at the end of the day (after every transition with t before the next midnight). */
  sizes: CountsByField;
  /** Transitions into each value during the day (a new customer's first status and tier included). */
  entered: CountsByField;
  /** Transitions out of each value during the day. */
  left: CountsByField;
  /** Status transitions that won a lapsed customer back. */
  reactivations: number;
  /** Customers whose first event fell on the day. */
  newCustomers: number;
}

const emptyCounts = (): CountsByField => ({ status: {}, loyaltyLevel: {}, valueTier: {} });
const add = (counts: Record<string, number>, key: string, n: number): void => {
  const next = (counts[key] ?? 0) + n;
  if (next === 0) delete counts[key];
  else counts[key] = next;
};
const isField = (field: string): field is Field => (FIELDS as readonly string[]).includes(field);

/**
 * Applies tallies to segment sizes. A customer's first event assigns its status and tier (from
 * null) but no loyalty level: it starts at NONE without a transition, so its first status
 * transition also counts it into loyalty level NONE.
 */
function apply(sizes: CountsByField, tally: TransitionTally): void {
  if (!isField(tally.field)) return;
  if (tally.from !== null) add(sizes[tally.field], tally.from, -tally.n);
  add(sizes[tally.field], tally.to, tally.n);
  if (tally.field === 'status' && tally.from === null) add(sizes.loyaltyLevel, 'NONE', tally.n);
}

const clone = (counts: CountsByField): CountsByField => ({
  status: { ...counts.status }, loyaltyLevel: { ...counts.loyaltyLevel }, valueTier: { ...counts.valueTier },
});

/** One entry per date from `from` to `to` (inclusive): `before` holds the tallies before `from`, `daily` those of the range. */
export function segmentSeries(from: string, to: string, before: TransitionTally[], daily: DailyTransitionTally[]): SegmentDay[] {
  const sizes = emptyCounts();
  for (const tally of before) apply(sizes, tally);
  const byDay = new Map<number, DailyTransitionTally[]>();
  for (const tally of daily) byDay.set(tally.day, [...(byDay.get(tally.day) ?? []), tally]);
  const days: SegmentDay[] = [];
  const last = (parseDate(to) as number) / DAY_MS;
  for (let day = (parseDate(from) as number) / DAY_MS; day <= last; day += 1) {
    const entered = emptyCounts();
    const left = emptyCounts();
    let reactivations = 0;
    let newCustomers = 0;
    for (const tally of byDay.get(day) ?? []) {
      apply(sizes, tally);
      if (!isField(tally.field)) continue;
      add(entered[tally.field], tally.to, tally.n);
      if (tally.from !== null) add(left[tally.field], tally.from, tally.n);
      reactivations += tally.reactivations;
      if (tally.field === 'status' && tally.from === null) newCustomers += tally.n;
    }
    days.push({ date: formatDate(day * DAY_MS), sizes: clone(sizes), entered, left, reactivations, newCustomers });
  }
  return days;
}
