import { dayEndIsFuture } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import { appendWithRetry } from './append-with-retry.js';
import { FutureClockError } from './clock-errors.js';
import { DecisionCache } from './decision-cache.js';
import { createGroupCommitQueue, type SubmitOptions } from './group-commit-queue.js';
import type { Candidate, IngestionResult } from './ingestion-result.js';
import { type TickOptions, tickUntil } from './tick-until.js';

export type { SubmitOptions } from './group-commit-queue.js';
export type { TickOptions } from './tick-until.js';

/**
 * The command side: decides every candidate against its customer's history (spec section
 * 10's order) and appends the accepted ones with their expected revisions, retrying the ones
 * that lost a race with another writer. In-process callers take turns (the group-commit
 * queue), so conflicts only come from other processes.
 */
export interface Ingestion {
  /** Decision states, for the import's clock checks. */
  readonly decisions: DecisionCache;
  submit(candidates: Candidate[], options?: SubmitOptions): Promise<IngestionResult[]>;
  /** Appends DayEnded for every date after the clock's last date up to `lastDate` (inclusive). */
  tickUntil(lastDate: string, options?: TickOptions): Promise<string[]>;
}

export function createIngestion(store: EventStore, baseCurrency: string, now: () => number): Ingestion {
  const decisions = new DecisionCache(store, baseCurrency);
  const queue = createGroupCommitQueue((candidates, session) => appendWithRetry({ store, decisions, baseCurrency, now }, candidates, session));
  return {
    decisions,
    submit: (candidates, options) => queue.submit(candidates, options),
    tickUntil(lastDate, options = {}) {
      if (dayEndIsFuture(lastDate, now())) return Promise.reject(new FutureClockError(lastDate, now()));
      return queue.exclusive(() => tickUntil(store, decisions, lastDate, options));
    },
  };
}
