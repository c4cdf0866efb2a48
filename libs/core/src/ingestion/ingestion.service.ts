import {
  addDays, type BusinessEvent, dateOf, dayEndIsFuture, decide, decideDayEnded, evolveDecision, type LifecycleEvent,
  parseInstant, ticksBefore,
} from '@lifecycle/domain';
import {
  type AppendRequest, type AppendResult, CLOCK_STREAM, customerStream, type EventStore, type NewEvent, WrongExpectedRevisionError,
} from '@lifecycle/event-store';
import { ADMIN_STREAM } from '../audit/admin-audit.js';
import { chained } from '../audit/hash-chain.js';
import { toNewEvent } from '../projection/to-lifecycle-event.js';
import { ClockAdvanceLimitError, FutureClockError } from './clock-errors.js';
import { dayEndedEvent } from './day-ended-event.js';
import { DecisionCache } from './decision-cache.js';
import type { Candidate, ClockMode, IngestionResult } from './ingestion-result.js';
import { Mutex } from './mutex.js';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
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

interface Planned {
  index: number;
  request: number;
  eventId: string;
  streamId: string;
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
      pending = retry;
    }
    return results as IngestionResult[];
  }

  /** One planning and append round; returns the indexes to retry after a conflict. */
  private async attempt(
    candidates: Candidate[], pending: number[], results: Array<IngestionResult | undefined>, options: IngestionOptions,
  ): Promise<number[]> {
    const requests: AppendRequest[] = [];
    const planned: Planned[] = [];
    const clock = await this.decisions.clockState();
    const now = this.now();
    const clockRequest = (events: NewEvent[]): number => {
      const expectedRevision = clock.revision < 0n ? 'no_stream' : clock.revision;
      requests.push({ streamId: CLOCK_STREAM, expectedRevision, events: this.chain(clock, events) });
      clock.revision += BigInt(events.length);
      return requests.length - 1;
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
          results[index] = rejected(candidate, 'INVALID_EVENT', `data.date: would leave a gap in the clock; the next date is ${decision.expected}`);
        } else if (decision.kind === 'before-start') {
          results[index] = rejected(candidate, 'INVALID_EVENT', `data.date: before the clock's first date ${decision.firstDate}`);
        } else {
          planned.push({ index, request: clockRequest([this.withMetadata(event, options)]), eventId: event.eventId, streamId: CLOCK_STREAM });
          clock.lastDate = event.data.date;
        }
        continue;
      }
      const customer = await this.decisions.customer(event.customerId);
      const state = customer.state;
      const decision = decide(state, event, this.baseCurrency);
      if (decision.kind === 'duplicate') {
        results[index] = { status: 'duplicate', eventId: event.eventId, streamId: customerStream(event.customerId) };
        continue;
      }
      if (decision.kind === 'reject') {
        results[index] = { status: 'rejected', eventId: event.eventId, ...decision.rejection };
        continue;
      }
      if (options.clock) {
        const date = dateOf(parseInstant(event.occurredAt) as number);
        if (clock.lastDate === null) options.clock.firstDate ??= date;
        const ticks = ticksBefore(clock, date, options.clock.firstDate ?? date);
        if (ticks.length > 0) {
          clockRequest(ticks.map((d) => this.withMetadata(dayEndedEvent(d), options)));
          clock.lastDate = ticks[ticks.length - 1];
        }
      }
      requests.push({
        streamId: customerStream(event.customerId),
        expectedRevision: state.revision < 0n ? 'no_stream' : state.revision,
        events: this.chain(customer, [this.withMetadata(event, options)]),
      });
      planned.push({ index, request: requests.length - 1, eventId: event.eventId, streamId: customerStream(event.customerId) });
      evolveDecision(state, event as BusinessEvent, this.baseCurrency, state.revision + 1n);
    }
    if (requests.length === 0) return [];

    let outcomes: Awaited<ReturnType<EventStore['appendMany']>>;
    try {
      outcomes = await this.store.appendMany(requests);
    } catch (error) {
      // Nothing was appended: forget the decision states evolved above, or a retry of the same
      // event would be answered as a duplicate.
      for (const request of requests) this.forget(request.streamId);
      throw error;
    }
    const retry: number[] = [];
    for (const plan of planned) {
      const outcome = outcomes[plan.request];
      if (outcome instanceof WrongExpectedRevisionError) {
        retry.push(plan.index);
        const event = (candidates[plan.index] as { event: LifecycleEvent }).event;
        if (event.type !== 'DayEnded') this.decisions.refreshCustomer(event.customerId);
        continue;
      }
      results[plan.index] = toResult(plan, outcome);
      // Stored already by another writer: our speculative chain head is wrong.
      if (results[plan.index]?.status === 'duplicate') this.forget(plan.streamId);
    }
    if (outcomes.some((o) => o instanceof WrongExpectedRevisionError)) this.decisions.refreshClock();
    return retry;
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

function toResult(plan: Planned, outcome: AppendResult): IngestionResult {
  const appended = outcome.events.find((e) => e.eventId.toLowerCase() === plan.eventId.toLowerCase()) ?? outcome.events[0];
  if (appended.status === 'duplicate') return { status: 'duplicate', eventId: plan.eventId, streamId: plan.streamId };
  return {
    status: 'accepted', eventId: plan.eventId, streamId: plan.streamId,
    revision: appended.revision.toString(), position: appended.position.toString(),
  };
}

function rejected(candidate: Candidate, code: string, reason: string): IngestionResult {
  const eventId = candidate.ok ? candidate.event.eventId : (candidate.eventId ?? null);
  return { status: 'rejected', eventId, code: code as 'INVALID_EVENT', reason };
}

