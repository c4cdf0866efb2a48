import { addDays, dayEndAsOf } from '../time/instant.js';

/** The clock stream holds each date at most once, in increasing order, with no gaps once started. */
export interface ClockState {
  revision: bigint;
  lastDate: string | null;
}

export type ClockDecision =
  | { kind: 'accept' }
  | { kind: 'duplicate' }
  | { kind: 'gap'; expected: string }
  | { kind: 'before-start'; firstDate: string };

export function decideDayEnded(clock: ClockState, date: string): ClockDecision {
  if (clock.lastDate === null) return { kind: 'accept' };
  // Without gaps, the clock's first date follows from its last date and revision.
  const firstDate = addDays(clock.lastDate, -Number(clock.revision));
  if (date < firstDate) return { kind: 'before-start', firstDate };
  if (date <= clock.lastDate) return { kind: 'duplicate' };
  const next = addDays(clock.lastDate, 1);
  return date === next ? { kind: 'accept' } : { kind: 'gap', expected: next };
}

/** The dates to tick before an event on `date` is appended: every date after the last tick and before `date`. */
export function ticksBefore(clock: ClockState, date: string, firstDate: string): string[] {
  const dates: string[] = [];
  let next = clock.lastDate === null ? firstDate : addDays(clock.lastDate, 1);
  while (next < date) {
    dates.push(next);
    next = addDays(next, 1);
  }
  return dates;
}

/** How far after the server's clock an event (or a day's end) may lie: spec section 2. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** A DayEnded for `date` is in the future while its as-of (the next UTC midnight) is more than the tolerance after `now`. */
export const dayEndIsFuture = (date: string, now: number): boolean => dayEndAsOf(date) > now + FUTURE_TOLERANCE_MS;
