import type { LifecycleEvent } from '@lifecycle/domain';
import { appendCallsInTurn, type AppendResult, CLOCK_STREAM, type EventStore, WrongExpectedRevisionError } from '@lifecycle/event-store';
import type { PlannedRequest } from './append-plan.js';
import type { DecisionCache } from './decision-cache.js';
import { type IngestionPlan, planIngestion, rejected } from './ingestion-planner.js';
import type { Candidate, ClockMode, IngestionResult } from './ingestion-result.js';

export interface AppendDeps {
  store: EventStore;
  decisions: DecisionCache;
  baseCurrency: string;
  now: () => number;
}

/** What one submission adds to the plain decisions: the import's clock mode and metadata. */
export interface SubmitSession {
  clock?: ClockMode;
  metadata?: Record<string, string>;
}

const MAX_ATTEMPTS = 8;
/** Upper bound of the random pause before conflict round n: 2^n ms (so at most 128 ms before the last). */
const conflictPause = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));

/**
 * Decides and appends the candidates; the ones that lost a race with another writer (an
 * expected-revision conflict, or a rejection decided on a state that turned out stale) are
 * re-read and re-planned, up to MAX_ATTEMPTS rounds.
 */
export async function appendWithRetry(deps: AppendDeps, candidates: readonly Candidate[], session: SubmitSession): Promise<IngestionResult[]> {
  const results: Array<IngestionResult | undefined> = new Array(candidates.length);
  let pending = candidates.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const retry = await appendRound(deps, candidates, pending, results, session);
    if (retry.length > 0 && attempt >= MAX_ATTEMPTS) {
      for (const index of retry) {
        results[index] = rejected(candidates[index]!, 'conflict', 'the stream kept changing under concurrent writers; retry');
      }
      break;
    }
    // Writers that keep colliding on the same streams fall out of step.
    if (retry.length > 0) await conflictPause(attempt);
    pending = retry;
  }
  return results as IngestionResult[];
}

/** One read, plan and append round; fills the answered results and returns the indexes to retry. */
async function appendRound(
  deps: AppendDeps, candidates: readonly Candidate[], pending: number[], results: Array<IngestionResult | undefined>, session: SubmitSession,
): Promise<number[]> {
  const { store, decisions } = deps;
  const customerIds: string[] = [];
  for (const index of pending) {
    const candidate = candidates[index]!;
    if (candidate.ok && candidate.event.type !== 'DayEnded') customerIds.push(candidate.event.customerId);
  }
  const plan = planIngestion({
    candidates, pending,
    customers: await decisions.customersOf(customerIds),
    clock: await decisions.clockState(),
    clockMode: session.clock, metadata: session.metadata,
    baseCurrency: deps.baseCurrency, now: deps.now(),
  });
  if (session.clock) session.clock.firstDate = plan.firstDate;
  for (const [index, result] of plan.results) results[index] = result;

  let appended: AppendedCalls;
  try {
    appended = await appendCalls(store, plan.calls, candidates);
  } catch (error) {
    // Some of the calls may have gone through: the cached states no longer tell.
    for (const request of plan.calls.flat()) decisions.forget(request.streamId);
    throw error;
  }
  for (const [index, result] of appended.results) results[index] = result;
  keepStates(decisions, plan, appended);

  const retry = appended.retry;
  // A rejection that a stale state can cause (an order another writer stored meanwhile, a tick
  // that fills the gap) stands only once the state it was decided on is known to be current.
  for (const { index, streamId, basedOn } of plan.tentative) {
    let current = !appended.failed.has(streamId);
    if (current && !appended.confirmed.has(streamId)) {
      const stored = await store.streamRevision(streamId);
      current = (stored === 'no_stream' ? -1n : stored) === basedOn;
    }
    if (current) continue;
    decisions.forget(streamId);
    results[index] = undefined;
    retry.push(index);
  }
  return [...new Set(retry)].sort((a, b) => a - b);
}

/** Keeps the planned states of the streams whose every request went through; forgets the others. */
function keepStates(decisions: DecisionCache, plan: IngestionPlan, appended: AppendedCalls): void {
  for (const streamId of appended.failed) decisions.forget(streamId);
  for (const [customerId, decision] of plan.next.customers) {
    if (!appended.failed.has(`customer-${customerId}`)) decisions.keepCustomer(customerId, decision);
  }
  if (plan.calls.some((call) => call.some((r) => r.streamId === CLOCK_STREAM)) && !appended.failed.has(CLOCK_STREAM)) {
    decisions.keepClock(plan.next.clock);
  }
}

interface AppendedCalls {
  results: Map<number, IngestionResult>;
  retry: number[];
  /** Streams not (wholly) appended as planned: a conflict, a request skipped after one, or events another writer stored first. */
  failed: Set<string>;
  /** Streams whose revision before the round an accepted append confirmed. */
  confirmed: Set<string>;
}

/**
 * Appends the planned calls in order, in one go where the store can (one SQLite transaction).
 * A conflicting request is retried with all its candidates; no later request of its stream is
 * appended in this round (its expected revision and first link rest on the failed one), and
 * nothing at all after a failed tick: the store leaves those out (`appendCalls`).
 */
async function appendCalls(store: EventStore, calls: PlannedRequest[][], candidates: readonly Candidate[]): Promise<AppendedCalls> {
  const results = new Map<number, IngestionResult>();
  const retry: number[] = [];
  const failed = new Set<string>();
  const confirmed = new Set<string>();
  const requests = calls.map((call) => call.map(({ streamId, expectedRevision, events }) => ({ streamId, expectedRevision, events })));
  const outcomes = store.appendCalls ? await store.appendCalls(requests, CLOCK_STREAM) : await appendCallsInTurn(store, requests, CLOCK_STREAM);
  calls.forEach((call, c) => call.forEach((request, i) => {
    const outcome = outcomes[c]![i]!;
    if (outcome instanceof WrongExpectedRevisionError) {
      failed.add(request.streamId);
      retry.push(...request.indexes);
      return;
    }
    if (!failed.has(request.streamId)) confirmed.add(request.streamId);
    for (const index of request.indexes) {
      const eventId = (candidates[index] as { event: LifecycleEvent }).event.eventId;
      results.set(index, toResult(request.streamId, eventId, outcome));
    }
    // Stored already by another writer (with other hashes): the planned head is wrong, and so
    // is the plan of the stream's later requests (which the store left out).
    if (outcome.events.some((e) => e.status === 'duplicate')) failed.add(request.streamId);
  }));
  return { results, retry, failed, confirmed };
}

function toResult(streamId: string, eventId: string, outcome: AppendResult): IngestionResult {
  const appended = outcome.events.find((e) => e.eventId.toLowerCase() === eventId.toLowerCase()) ?? outcome.events[0]!;
  if (appended.status === 'duplicate') return { status: 'duplicate', eventId, streamId };
  return {
    status: 'accepted', eventId, streamId,
    revision: appended.revision.toString(), position: appended.position.toString(),
  };
}
