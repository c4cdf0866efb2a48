import { dateOf } from '@lifecycle/domain';
import { type EventStore, WrongExpectedRevisionError } from '@lifecycle/event-store';
import { ADMIN_STREAM } from '../event-log/admin-log.js';
import { occurredAtOf } from '../event-log/event-codec.js';
import { readLogBatches } from '../event-log/read-log-batches.js';
import { planClockAdvance } from './clock-advance-planner.js';
import type { DecisionCache } from './decision-cache.js';
import type { ClockMode } from './ingestion-result.js';

export interface TickOptions {
  /** The import session's clock: an empty clock starts at its first date. */
  clock?: ClockMode;
  /** Refuse (ClockAdvanceLimitError) when more ticks than this would be appended. */
  maxTicks?: number;
}

const MAX_ATTEMPTS = 8;

/**
 * Appends DayEnded for every date after the clock's last date up to `lastDate` (inclusive),
 * re-reading the clock and re-planning when another writer ticked meanwhile. An empty clock
 * starts at the session's first date, else at the date of the log's first event; an empty log
 * does not tick. The caller checks that `lastDate` is over.
 */
export async function tickUntil(store: EventStore, decisions: DecisionCache, lastDate: string, options: TickOptions): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const clock = await decisions.clockState();
    const firstDate = clock.lastDate === null ? (options.clock?.firstDate ?? (await firstEventDate(store))) : null;
    const plan = planClockAdvance({ clock, lastDate, firstDate, maxTicks: options.maxTicks });
    if (plan.request === null) return [];
    try {
      await store.append(plan.request);
      decisions.keepClock(plan.next);
      return plan.dates;
    } catch (error) {
      decisions.refreshClock();
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function firstEventDate(store: EventStore): Promise<string | null> {
  // The admin stream's entries are not part of the history.
  for await (const batch of readLogBatches(store, { batchSize: 100 })) {
    const first = batch.find((e) => e.streamId !== ADMIN_STREAM);
    if (first) return dateOf(occurredAtOf(first));
  }
  return null;
}
