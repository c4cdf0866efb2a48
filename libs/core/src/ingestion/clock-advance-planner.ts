import { addDays, ticksBefore } from '@lifecycle/domain';
import { type AppendRequest, CLOCK_STREAM } from '@lifecycle/event-store';
import { ClockAdvanceLimitError } from './clock-errors.js';
import { dayEndedEvent } from './day-ended-event.js';
import type { ClockDecisionState } from './decision-cache.js';
import { chainEvents, withMetadata } from './event-encoding.js';

export interface ClockAdvanceInput {
  clock: ClockDecisionState;
  /** The last date to tick (inclusive). */
  lastDate: string;
  /** Where an empty clock starts (the session's or the log's first date); null: the log is empty, nothing ticks. */
  firstDate: string | null;
  /** Refuse (ClockAdvanceLimitError) when more ticks than this would be appended. */
  maxTicks?: number;
}

export interface ClockAdvancePlan {
  dates: string[];
  /** The clock's append, or null when nothing ticks. */
  request: AppendRequest | null;
  /** The clock once the request is appended. */
  next: ClockDecisionState;
}

/** The DayEnded ticks after the clock's last date up to `lastDate`, chained onto the clock's head. Pure. */
export function planClockAdvance({ clock, lastDate, firstDate, maxTicks }: ClockAdvanceInput): ClockAdvancePlan {
  const none: ClockAdvancePlan = { dates: [], request: null, next: clock };
  if (clock.lastDate === null && firstDate === null) return none;
  const dates = ticksBefore(clock, addDays(lastDate, 1), firstDate ?? lastDate);
  if (dates.length === 0) return none;
  if (maxTicks !== undefined && dates.length > maxTicks) {
    throw new ClockAdvanceLimitError(dates.length, maxTicks, addDays(dates[maxTicks - 1]!, 1));
  }
  const chain = chainEvents(clock.lastHash, dates.map((date) => withMetadata(dayEndedEvent(date))));
  return {
    dates,
    request: { streamId: CLOCK_STREAM, expectedRevision: clock.revision < 0n ? 'no_stream' : clock.revision, events: chain.events },
    next: { revision: clock.revision + BigInt(dates.length), lastDate: dates[dates.length - 1]!, lastHash: chain.lastHash },
  };
}
