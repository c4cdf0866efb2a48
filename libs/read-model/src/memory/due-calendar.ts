const DAY_MS = 86_400_000;

/** The UTC day (as a day number) whose end, midnight, is the first DayEnded asOf at or after `at`. */
const dayOf = (at: number): number => Math.ceil(at / DAY_MS);

/**
 * The due set as a calendar: customers bucketed by the day of their nextDueAt. A DayEnded takes
 * the buckets up to its asOf (a customer stays in its bucket until its nextDueAt moves), so a
 * move costs two set operations and a tick only touches the days since the last one.
 */
export class DueCalendar {
  private readonly buckets = new Map<number, Set<string>>();
  /** No bucket below this day holds anyone. */
  private lowest = Infinity;

  /** Moves a customer from its old nextDueAt to its new one (null: not due). */
  move(customerId: string, from: number | null, to: number | null): void {
    if (from !== null) this.buckets.get(dayOf(from))?.delete(customerId);
    if (to === null) return;
    const day = dayOf(to);
    let bucket = this.buckets.get(day);
    if (!bucket) this.buckets.set(day, (bucket = new Set()));
    bucket.add(customerId);
    if (day < this.lowest) this.lowest = day;
  }

  /** Customers with nextDueAt ≤ asOf (`dueAtOf` gives a customer's current one), in no order. */
  dueAt(asOf: number, dueAtOf: (customerId: string) => number | null): string[] {
    const last = dayOf(asOf);
    const ids: string[] = [];
    if (this.lowest > last) return ids;
    // Walk the days, or the buckets when the days since the lowest are more than the buckets.
    const days = last - this.lowest + 1 <= this.buckets.size
      ? Array.from({ length: last - this.lowest + 1 }, (_, i) => this.lowest + i)
      : [...this.buckets.keys()].filter((day) => day <= last).sort((a, b) => a - b);
    let lowest = last + 1;
    for (const day of days) {
      const bucket = this.buckets.get(day);
      if (!bucket) continue;
      if (bucket.size === 0) {
        this.buckets.delete(day);
        continue;
      }
      for (const id of bucket) if (day < last || (dueAtOf(id) as number) <= asOf) ids.push(id);
      if (day < lowest) lowest = day;
    }
    // Buckets after `last` were not walked; last + 1 is still a bound below them.
    this.lowest = lowest;
    return ids;
  }
}
