import {
  type BusinessEvent, dateOf, dayEndIsFuture, decide, decideDayEnded, type DecisionState, evolveDecision, FUTURE_TOLERANCE_MS,
  type LifecycleEvent, parseInstant, ticksBefore,
} from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type NewEvent } from '@lifecycle/event-store';
import { type DecidedEvent, planAppendCalls, type PlannedRequest } from './append-plan.js';
import type { ClockDecisionState, CustomerDecision } from './decision-cache.js';
import { dayEndedEvent } from './day-ended-event.js';
import { chainEvents, withMetadata } from './event-encoding.js';
import type { Candidate, IngestionResult } from './ingestion-result.js';

/** A rejection decided on a state that may be stale; `basedOn` is that state's stored revision. */
export interface Tentative {
  index: number;
  streamId: string;
  basedOn: bigint;
}

export interface PlanInput {
  candidates: readonly Candidate[];
  /** The candidates to decide in this round, in submission order. */
  pending: readonly number[];
  /** The decision state of every customer the pending candidates name (an empty state for a new one). */
  customers: ReadonlyMap<string, CustomerDecision>;
  clock: ClockDecisionState;
  /** Import with the clock on: tick before each accepted event; `firstDate` starts an empty clock. */
  clockMode?: { firstDate: string | null };
  /** Added to every appended event's metadata. */
  metadata?: Record<string, string>;
  baseCurrency: string;
  now: number;
}

export interface IngestionPlan {
  /** The answers known without appending: rejections and duplicates, by candidate index. */
  results: Map<number, IngestionResult>;
  /** The append calls in order, their events already chained to their streams' heads. */
  calls: PlannedRequest[][];
  tentative: Tentative[];
  /** Each stream's state once every planned request is appended (only the streams the plan appends to). */
  next: { customers: Map<string, CustomerDecision>; clock: ClockDecisionState };
  /** The clock mode's first date after the round (set when the clock was empty). */
  firstDate: string | null;
}

/**
 * Decides one round (spec section 10's order: validation, future check, duplicate, order
 * checks) against the given states, as if each accepted event were appended in turn, and plans
 * the appends. Pure: the given states are never changed; the states after the round are new
 * values in `next`, for the caller to keep once the appends went through.
 */
export function planIngestion(input: PlanInput): IngestionPlan {
  const { candidates, baseCurrency, now } = input;
  const results = new Map<number, IngestionResult>();
  const events: DecidedEvent[] = [];
  const tentative: Tentative[] = [];
  const revisionBefore = new Map<string, bigint>([[CLOCK_STREAM, input.clock.revision]]);
  const nextCustomers = new Map<string, CustomerDecision>();
  const clock: ClockDecisionState = { ...input.clock };
  let firstDate = input.clockMode?.firstDate ?? null;
  const encode = (event: LifecycleEvent): NewEvent => withMetadata(event, input.metadata);
  const tick = (index: number | null, event: NewEvent, date: string): void => {
    events.push({ index, streamId: CLOCK_STREAM, event });
    clock.revision += 1n;
    clock.lastDate = date;
  };
  /** The state the round decides on: the evolved copy once the round accepted an event of the customer. */
  const stateOf = (customerId: string): DecisionState => {
    const decision = nextCustomers.get(customerId) ?? input.customers.get(customerId);
    if (!decision) throw new Error(`planIngestion: no decision state for customer ${customerId}`);
    return decision.state;
  };

  for (const index of input.pending) {
    const candidate = candidates[index]!;
    if (!candidate.ok) {
      results.set(index, { status: 'rejected', eventId: candidate.eventId ?? null, ...candidate.rejection });
      continue;
    }
    const event = candidate.event;
    if ((parseInstant(event.occurredAt) as number) > now + FUTURE_TOLERANCE_MS) {
      results.set(index, rejected(candidate, 'FUTURE_EVENT', 'occurredAt: more than 5 minutes after the server clock'));
      continue;
    }
    if (event.type === 'DayEnded') {
      const date = event.data.date;
      if (dayEndIsFuture(date, now)) {
        results.set(index, rejected(candidate, 'FUTURE_EVENT', 'data.date: the day is not over yet (its end is more than 5 minutes after the server clock)'));
        continue;
      }
      const decision = decideDayEnded(clock, date);
      if (decision.kind === 'duplicate') results.set(index, { status: 'duplicate', eventId: event.eventId, streamId: CLOCK_STREAM });
      else if (decision.kind === 'gap') {
        tentative.push({ index, streamId: CLOCK_STREAM, basedOn: input.clock.revision });
        results.set(index, rejected(candidate, 'INVALID_EVENT', `data.date: would leave a gap in the clock; the next date is ${decision.expected}`));
      } else if (decision.kind === 'before-start') {
        results.set(index, rejected(candidate, 'INVALID_EVENT', `data.date: before the clock's first date ${decision.firstDate}`));
      } else tick(index, encode(event), date);
      continue;
    }

    const streamId = customerStream(event.customerId);
    const state = stateOf(event.customerId);
    const before = input.customers.get(event.customerId)!.state.revision;
    const decision = decide(state, event, baseCurrency);
    if (decision.kind === 'duplicate') {
      results.set(index, { status: 'duplicate', eventId: event.eventId, streamId });
      continue;
    }
    if (decision.kind === 'reject') {
      // Another writer may have stored the order meanwhile; every other rejection holds on a newer state too.
      if (decision.rejection.code === 'UNKNOWN_ORDER') tentative.push({ index, streamId, basedOn: before });
      results.set(index, { status: 'rejected', eventId: event.eventId, ...decision.rejection });
      continue;
    }
    if (input.clockMode) {
      const date = dateOf(parseInstant(event.occurredAt) as number);
      if (clock.lastDate === null) firstDate ??= date;
      for (const d of ticksBefore(clock, date, firstDate ?? date)) tick(null, encode(dayEndedEvent(d)), d);
    }
    revisionBefore.set(streamId, before);
    events.push({ index, streamId, event: encode(event) });
    const own = nextCustomers.get(event.customerId) ?? copyDecision(input.customers.get(event.customerId)!);
    if (event.type === 'PurchaseRefunded' && event.data.orderId !== undefined) ownOrder(own.state, event.data.orderId);
    own.state = evolveDecision(own.state, event as BusinessEvent, baseCurrency, own.state.revision + 1n);
    nextCustomers.set(event.customerId, own);
  }

  const calls = planAppendCalls(events, (streamId) => revisionBefore.get(streamId) ?? -1n);
  // Chain each request onto its stream's head; a stream's later requests continue its chain.
  const heads = new Map<string, string | null>();
  const headOf = (streamId: string): string | null => {
    if (heads.has(streamId)) return heads.get(streamId)!;
    return streamId === CLOCK_STREAM ? input.clock.lastHash : input.customers.get(streamId.slice('customer-'.length))!.lastHash;
  };
  for (const request of calls.flat()) {
    const chain = chainEvents(headOf(request.streamId), request.events);
    request.events = chain.events;
    heads.set(request.streamId, chain.lastHash);
  }
  for (const [customerId, decision] of nextCustomers) decision.lastHash = heads.get(customerStream(customerId)) ?? decision.lastHash;
  if (heads.has(CLOCK_STREAM)) clock.lastHash = heads.get(CLOCK_STREAM)!;

  return { results, calls, tentative, next: { customers: nextCustomers, clock }, firstDate };
}

/**
 * A copy the round may evolve without touching the cached state. The orders are shared until
 * a refund changes one (see ownOrder): copying every order of every customer of every round
 * was a visible share of the planner's time.
 */
function copyDecision({ state, lastHash }: CustomerDecision): CustomerDecision {
  return { state: { revision: state.revision, eventIds: new Set(state.eventIds), orders: new Map(state.orders) }, lastHash };
}

/** The refund's order as an object of the copy's own: evolveDecision adds to the order it finds. */
function ownOrder(state: DecisionState, orderId: string): void {
  const order = state.orders.get(orderId);
  if (order) state.orders.set(orderId, { ...order });
}

export function rejected(candidate: Candidate, code: string, reason: string): IngestionResult {
  const eventId = candidate.ok ? candidate.event.eventId : (candidate.eventId ?? null);
  return { status: 'rejected', eventId, code: code as 'INVALID_EVENT', reason };
}
