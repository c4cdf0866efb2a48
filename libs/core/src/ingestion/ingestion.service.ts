import {
  addDays, type BusinessEvent, dateOf, dayEndIsFuture, decide, decideDayEnded, evolveDecision, type LifecycleEvent,
  parseInstant, ticksBefore,
} from '@lifecycle/domain';
import {
  type AppendResult, CLOCK_STREAM, customerStream, type EventStore, type NewEvent, WrongExpectedRevisionError,
} from '@lifecycle/event-store';
import { ADMIN_STREAM } from '../event-log/admin-log.js';
import { toNewEvent } from '../event-log/event-codec.js';
import { chained } from '../event-log/hash-chain.js';
import { type DecidedEvent, planAppendCalls, type PlannedRequest } from './append-plan.js';
import { ClockAdvanceLimitError, FutureClockError } from './clock-errors.js';
import { dayEndedEvent } from './day-ended-event.js';
import { DecisionCache } from './decision-cache.js';
import type { Candidate, ClockMode, IngestionResult } from './ingestion-result.js';
import { Mutex } from './mutex.js';

/** A rejection decided on a state that may be stale; `basedOn` is that state's stored revision. */
interface Tentative {
  index: number;
  streamId: string;
  basedOn: bigint;
}

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
/** Upper bound of the random pause before conflict round n: 2^n ms (so at most 128 ms before the last). */
const conflictPause = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
/** Most candidates appended together by a group commit (a POST /events batch holds up to 1,000). */
const GROUP_LIMIT = 1000;

export interface IngestionOptions {
  /** Tick the clock before each appended event (history import, spec section 9). */
  clock?: ClockMode;
  /** Added to every appended event's metadata (e.g. source). */
  metadata?: Record<string, string>;
  /** tickUntil: refuse (ClockAdvanceLimitError) when more ticks than this would be appended. */
  maxTicks?: number;
}

/**
 * The command side: decides every candidate against its customer's history (spec section
 * 10's order) and appends the accepted ones with their expected revisions, retrying the ones
 * that lost a race with another writer. In-process callers are serialised, so conflicts only
 * come from other processes.
 */
export class IngestionService {
  private readonly mutex = new Mutex();
  readonly decisions: DecisionCache;

  constructor(
    private readonly store: EventStore,
    private readonly baseCurrency: string,
    private readonly now: () => number,
  ) {
    this.decisions = new DecisionCache(store, baseCurrency);
  }

  submit(candidates: Candidate[], options: IngestionOptions = {}): Promise<IngestionResult[]> {
    if (options.clock || options.metadata) return this.mutex.run(() => this.submitNow(candidates, options));
    return new Promise<IngestionResult[]>((resolve, reject) => {
      this.waiting.push({ candidates, resolve, reject });
      // After the I/O phase, so the requests that arrived in this turn of the event loop join.
      if (this.waiting.length === 1) setImmediate(() => void this.mutex.run(() => this.submitWaiting()));
    });
  }

  /** Submissions without options waiting for the mutex; the next turn takes them together. */
  private waiting: Array<{ candidates: Candidate[]; resolve: (results: IngestionResult[]) => void; reject: (error: unknown) => void }> = [];

  /**
   * Group commit: the submissions that queued while the previous one held the mutex (concurrent
   * HTTP requests) are decided in arrival order and appended in one transaction, as one batch
   * of up to GROUP_LIMIT candidates would be; each gets its own slice of the results.
   */
  private async submitWaiting(): Promise<void> {
    let size = 0;
    let taken = 0;
    while (taken < this.waiting.length && (taken === 0 || size + this.waiting[taken].candidates.length <= GROUP_LIMIT)) {
      size += this.waiting[taken].candidates.length;
      taken += 1;
    }
    const group = this.waiting.splice(0, taken);
    if (this.waiting.length > 0) void this.mutex.run(() => this.submitWaiting());
    try {
      const results = await this.submitNow(group.flatMap((g) => g.candidates), {});
      let offset = 0;
      for (const g of group) {
        g.resolve(results.slice(offset, offset + g.candidates.length));
        offset += g.candidates.length;
      }
    } catch (error) {
      for (const g of group) g.reject(error);
    }
  }

  /**
   * Appends DayEnded for every date after the clock's last date up to `lastDate` (inclusive).
   * An empty clock starts at the session's first date, else at the date of the log's first
   * event; an empty log does not tick.
   */
  tickUntil(lastDate: string, options: IngestionOptions = {}): Promise<string[]> {
    if (dayEndIsFuture(lastDate, this.now())) return Promise.reject(new FutureClockError(lastDate, this.now()));
    return this.mutex.run(async () => {
      for (let attempt = 1; ; attempt++) {
        const clock = await this.decisions.clockState();
        const first = clock.lastDate === null ? (options.clock?.firstDate ?? (await this.firstEventDate())) : null;
        if (clock.lastDate === null && first === null) return [];
        const dates = ticksBefore(clock, addDays(lastDate, 1), first ?? lastDate);
        if (dates.length === 0) return [];
        if (options.maxTicks !== undefined && dates.length > options.maxTicks) {
          throw new ClockAdvanceLimitError(dates.length, options.maxTicks, addDays(dates[options.maxTicks - 1], 1));
        }
        try {
          await this.store.append({
            streamId: CLOCK_STREAM,
            expectedRevision: clock.revision < 0n ? 'no_stream' : clock.revision,
            events: this.chain(clock, dates.map((date) => this.withMetadata(dayEndedEvent(date), options))),
          });
          this.decisions.refreshClock();
          return dates;
        } catch (error) {
          this.decisions.refreshClock();
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    });
  }

  private async firstEventDate(): Promise<string | null> {
    // The admin stream's entries are not part of the history.
    for (let after: bigint | undefined; ;) {
      const batch = await this.store.readAll({ after, maxCount: 100 });
      const first = batch.find((e) => e.streamId !== ADMIN_STREAM);
      if (first) return dateOf(parseInstant(String(first.data.occurredAt)) as number);
      if (batch.length === 0) return null;
      after = batch[batch.length - 1].position;
    }
  }

  private async submitNow(candidates: Candidate[], options: IngestionOptions): Promise<IngestionResult[]> {
    const results: Array<IngestionResult | undefined> = new Array(candidates.length);
    let pending = candidates.map((_, index) => index);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const retry = await this.attempt(candidates, pending, results, options);
      if (retry.length > 0 && attempt >= MAX_ATTEMPTS) {
        for (const index of retry) {
          results[index] = rejected(candidates[index], 'conflict', 'the stream kept changing under concurrent writers; retry');
        }
        break;
      }
      // Writers that keep colliding on the same streams fall out of step.
      if (retry.length > 0) await conflictPause(attempt);
      pending = retry;
    }
    return results as IngestionResult[];
  }

  /** One planning and append round; returns the indexes to retry after a conflict. */
  private async attempt(
    candidates: Candidate[], pending: number[], results: Array<IngestionResult | undefined>, options: IngestionOptions,
  ): Promise<number[]> {
    const decided = await this.decideRound(candidates, pending, results, options);
    const calls = planAppendCalls(decided.events, (streamId) => decided.revisionBefore.get(streamId) ?? -1n);
    const appended = await this.appendCalls(calls, candidates, results);
    const retry = appended.retry;
    // A rejection that a stale state can cause (an order another writer stored meanwhile, a tick
    // that fills the gap) stands only once the state it was decided on is known to be current.
    for (const { index, streamId, basedOn } of decided.tentative) {
      let current = !appended.failed.has(streamId);
      if (current && !appended.confirmed.has(streamId)) {
        const stored = await this.store.streamRevision(streamId);
        current = (stored === 'no_stream' ? -1n : stored) === basedOn;
      }
      if (current) continue;
      this.forget(streamId);
      results[index] = undefined;
      retry.push(index);
    }
    return [...new Set(retry)].sort((a, b) => a - b);
  }

  /**
   * Decides the pending candidates in order against the cached states, evolving them as if each
   * accepted event were appended; returns the accepted events (with the import's ticks) and each
   * touched stream's revision before the round.
   */
  private async decideRound(
    candidates: Candidate[], pending: number[], results: Array<IngestionResult | undefined>, options: IngestionOptions,
  ): Promise<{ events: DecidedEvent[]; revisionBefore: Map<string, bigint>; tentative: Tentative[] }> {
    const events: DecidedEvent[] = [];
    const revisionBefore = new Map<string, bigint>();
    const tentative: Tentative[] = [];
    const clock = await this.decisions.clockState();
    revisionBefore.set(CLOCK_STREAM, clock.revision);
    const now = this.now();
    const tick = (index: number | null, event: NewEvent): void => {
      events.push({ index, streamId: CLOCK_STREAM, event });
      clock.revision += 1n;
    };

    for (const index of pending) {
      const candidate = candidates[index];
      if (!candidate.ok) {
        results[index] = { status: 'rejected', eventId: candidate.eventId ?? null, ...candidate.rejection };
        continue;
      }
      const event = candidate.event;
      if ((parseInstant(event.occurredAt) as number) > now + FUTURE_TOLERANCE_MS) {
        results[index] = rejected(candidate, 'FUTURE_EVENT', 'occurredAt: more than 5 minutes after the server clock');
        continue;
      }
      if (event.type === 'DayEnded' && dayEndIsFuture(event.data.date, now)) {
        results[index] = rejected(candidate, 'FUTURE_EVENT', 'data.date: the day is not over yet (its end is more than 5 minutes after the server clock)');
        continue;
      }
      if (event.type === 'DayEnded') {
        const decision = decideDayEnded(clock, event.data.date);
        if (decision.kind === 'duplicate') results[index] = { status: 'duplicate', eventId: event.eventId, streamId: CLOCK_STREAM };
        else if (decision.kind === 'gap') {
          tentative.push({ index, streamId: CLOCK_STREAM, basedOn: revisionBefore.get(CLOCK_STREAM)! });
          results[index] = rejected(candidate, 'INVALID_EVENT', `data.date: would leave a gap in the clock; the next date is ${decision.expected}`);
        } else if (decision.kind === 'before-start') {
          results[index] = rejected(candidate, 'INVALID_EVENT', `data.date: before the clock's first date ${decision.firstDate}`);
        } else {
          tick(index, this.withMetadata(event, options));
          clock.lastDate = event.data.date;
        }
        continue;
      }
      const streamId = customerStream(event.customerId);
      const customer = await this.decisions.customer(event.customerId);
      const state = customer.state;
      const decision = decide(state, event, this.baseCurrency);
      if (decision.kind === 'duplicate') {
        results[index] = { status: 'duplicate', eventId: event.eventId, streamId };
        continue;
      }
      if (decision.kind === 'reject') {
        if (decision.rejection.code === 'UNKNOWN_ORDER') tentative.push({ index, streamId, basedOn: revisionBefore.get(streamId) ?? state.revision });
        results[index] = { status: 'rejected', eventId: event.eventId, ...decision.rejection };
        continue;
      }
      if (options.clock) {
        const date = dateOf(parseInstant(event.occurredAt) as number);
        if (clock.lastDate === null) options.clock.firstDate ??= date;
        const ticks = ticksBefore(clock, date, options.clock.firstDate ?? date);
        for (const d of ticks) tick(null, this.withMetadata(dayEndedEvent(d), options));
        if (ticks.length > 0) clock.lastDate = ticks[ticks.length - 1];
      }
      if (!revisionBefore.has(streamId)) revisionBefore.set(streamId, state.revision);
      events.push({ index, streamId, event: this.withMetadata(event, options) });
      evolveDecision(state, event as BusinessEvent, this.baseCurrency, state.revision + 1n);
    }
    return { events, revisionBefore, tentative };
  }

  /**
   * Chains and appends the planned calls in order. A conflicting request is retried with all
   * its candidates; no later request of its stream is appended in this round (its expected
   * revision and first link rest on the failed one), and nothing at all after a failed tick.
   * Returns the indexes to retry.
   */
  private async appendCalls(
    calls: PlannedRequest[][], candidates: Candidate[], results: Array<IngestionResult | undefined>,
  ): Promise<{ retry: number[]; failed: Set<string>; confirmed: Set<string> }> {
    const retry: number[] = [];
    const failed = new Set<string>();
    /** Streams whose revision before the round an accepted append confirmed. */
    const confirmed = new Set<string>();
    for (const call of calls) {
      const requests = failed.has(CLOCK_STREAM) ? [] : call.filter((r) => !failed.has(r.streamId));
      for (const skipped of call.filter((r) => !requests.includes(r))) {
        retry.push(...skipped.indexes);
        // Its decision state was evolved for events that are not appended now.
        failed.add(skipped.streamId);
      }
      if (requests.length === 0) continue;
      for (const request of requests) request.events = this.chain(await this.head(request.streamId), request.events);
      let outcomes: Array<AppendResult | WrongExpectedRevisionError>;
      try {
        outcomes = await this.store.appendMany(requests.map(({ streamId, expectedRevision, events }) => ({ streamId, expectedRevision, events })));
      } catch (error) {
        // Nothing of this call was appended: forget the decision states evolved for the round,
        // or a retry of the same event would be answered as a duplicate.
        for (const request of calls.flat()) this.forget(request.streamId);
        throw error;
      }
      requests.forEach((request, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof WrongExpectedRevisionError) {
          failed.add(request.streamId);
          retry.push(...request.indexes);
          this.forget(request.streamId);
          return;
        }
        if (!failed.has(request.streamId)) confirmed.add(request.streamId);
        for (const index of request.indexes) {
          const eventId = (candidates[index] as { event: LifecycleEvent }).event.eventId;
          results[index] = toResult(request.streamId, eventId, outcome);
        }
        // Stored already by another writer: our speculative head is wrong, and so is the plan of
        // the stream's later requests.
        if (outcome.events.some((e) => e.status === 'duplicate')) {
          failed.add(request.streamId);
          this.forget(request.streamId);
        }
      });
    }
    // Streams skipped before being chained still hold their speculative states.
    for (const streamId of failed) this.forget(streamId);
    return { retry, failed, confirmed };
  }

  /** The chain head of a stream: the cached decision state's last hash. */
  private async head(streamId: string): Promise<{ lastHash: string | null }> {
    if (streamId === CLOCK_STREAM) return this.decisions.clockState();
    return this.decisions.customer(streamId.slice('customer-'.length));
  }

  private forget(streamId: string): void {
    if (streamId === CLOCK_STREAM) this.decisions.refreshClock();
    else this.decisions.refreshCustomer(streamId.slice('customer-'.length));
  }

  /** Links each event to the previous one of its stream (tamper evidence) and advances the head. */
  private chain(head: { lastHash: string | null }, events: NewEvent[]): NewEvent[] {
    return events.map((event) => {
      const linked = chained(head.lastHash, event);
      head.lastHash = linked.metadata.hash;
      return linked;
    });
  }

  private withMetadata(event: LifecycleEvent, options: IngestionOptions): NewEvent {
    return toNewEvent(event, { ...(event.metadata ?? {}), ...(options.metadata ?? {}) });
  }
}

function toResult(streamId: string, eventId: string, outcome: AppendResult): IngestionResult {
  const appended = outcome.events.find((e) => e.eventId.toLowerCase() === eventId.toLowerCase()) ?? outcome.events[0];
  if (appended.status === 'duplicate') return { status: 'duplicate', eventId, streamId };
  return {
    status: 'accepted', eventId, streamId,
    revision: appended.revision.toString(), position: appended.position.toString(),
  };
}

function rejected(candidate: Candidate, code: string, reason: string): IngestionResult {
  const eventId = candidate.ok ? candidate.event.eventId : (candidate.eventId ?? null);
  return { status: 'rejected', eventId, code: code as 'INVALID_EVENT', reason };
}

