import { addDays, dayEndAsOf, formatInstant } from '@lifecycle/domain';

/** A clock advance whose last tick's day is not over yet (spec section 2): the clock would run ahead of time. */
export class FutureClockError extends Error {
  readonly code = 'FUTURE_EVENT';
  constructor(readonly lastDate: string, readonly now: number) {
    super(`until: ${addDays(lastDate, 1)} is more than 5 minutes after the server clock (${formatInstant(now)}); the latest allowed is ${latestUntil(now)}`);
    this.name = 'FutureClockError';
  }
}

/** A clock advance that would append more ticks than one request may. */
export class ClockAdvanceLimitError extends Error {
  readonly code = 'CLOCK_ADVANCE_TOO_LARGE';
  constructor(readonly ticks: number, readonly max: number, readonly furthest: string) {
    super(`until: would append ${ticks} DayEnded ticks, more than the ${max} one advance may (CLOCK_ADVANCE_MAX_TICKS); advance to ${furthest} first`);
    this.name = 'ClockAdvanceLimitError';
  }
}

/** The latest `until` a clock advance accepts at `now`: today's UTC date once the day is (nearly) over, else today. */
export function latestUntil(now: number): string {
  const today = formatInstant(now).slice(0, 10);
  return dayEndAsOf(today) <= now + 5 * 60_000 ? addDays(today, 1) : today;
}
