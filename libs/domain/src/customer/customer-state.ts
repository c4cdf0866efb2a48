import type { BusinessEvent } from '../events/event-types.js';
import type { RulesConfig } from '../rules/rules-config.js';
import { parseInstant } from '../time/instant.js';
import { type Cutoffs, tierFor } from '../tiers/cutoffs.js';
import type { LoyaltyLevel, Status, ValueTier } from './classifications.js';
import { applyToFacts, type CustomerFacts, emptyFacts, pruneFacts } from './customer-facts.js';
import { type Evaluation, evaluate, holdLevel, nextDueAt } from './evaluate.js';

/** A customer as the projection holds it: facts plus the classifications at its last evaluation. */
export interface CustomerState {
  customerId: string;
  facts: CustomerFacts;
  /** The evaluation instant of the last evaluation (never goes backwards). */
  t: number;
  status: Status;
  loyaltyLevel: LoyaltyLevel;
  loyaltyReviewAt: number | null;
  valueTier: ValueTier;
  evaluation: Evaluation;
  nextDueAt: number | null;
  eventCount: number;
}

export type TransitionField = 'status' | 'loyaltyLevel' | 'valueTier';
export type TransitionCause = { eventId: string } | { dayEnded: string };

export interface Transition {
  customerId: string;
  field: TransitionField;
  from: string | null;
  to: string;
  t: number;
  cause: TransitionCause;
  reactivation?: true;
}

/** What the projection knows besides the customer: the clock and the cutoffs in force. */
export interface ProjectionContext {
  /** asOf of the last DayEnded processed, or null before the first. */
  clockAsOf: number | null;
  cutoffs: Cutoffs | null;
  rules: RulesConfig;
}

export interface Step {
  state: CustomerState;
  transitions: Transition[];
}

const WIN_BACK_FROM = new Set<Status>(['AT_RISK', 'INACTIVE', 'CHURNED']);

/*
 * The steps below return new states and never change the state they are given (they fill in
 * only the state they have just built). A new state shares with the previous one what did not
 * change (facts lists, the profile), so no caller may mutate a state either.
 */

/** A business event for the customer: facts, evaluation at `max(clock, t_prev, occurredAt)`, tier against the cutoffs in force. */
export function applyBusinessEvent(previous: CustomerState | undefined, event: BusinessEvent, ctx: ProjectionContext): Step {
  const { rules } = ctx;
  const occurredAt = parseInstant(event.occurredAt) as number;
  const facts = applyToFacts(previous ? previous.facts : emptyFacts(), event, rules.baseCurrency, occurredAt);
  const t = Math.max(ctx.clockAsOf ?? -Infinity, previous?.t ?? -Infinity, occurredAt);
  const cause = { eventId: event.eventId };
  const { state, transitions } = reevaluate(event.customerId, previous, facts, t, cause, rules);
  state.eventCount = (previous?.eventCount ?? 0) + 1;
  const tier = tierFor({ net12: state.evaluation.net12, customerId: state.customerId }, ctx.cutoffs);
  if (previous === undefined || tier !== previous.valueTier) {
    transitions.push(transition(state.customerId, 'valueTier', previous?.valueTier ?? null, tier, t, cause));
  }
  state.valueTier = tier;
  if (event.type === 'PurchaseCompleted') {
    for (const tr of transitions) if (tr.field === 'status' && WIN_BACK_FROM.has(tr.from as Status)) tr.reactivation = true;
  }
  return { state, transitions };
}

/** Evaluation at a DayEnded (status and loyalty; the tier follows from the re-rank). */
export function applyDayEnd(previous: CustomerState, date: string, asOf: number, rules: RulesConfig): Step {
  const t = Math.max(asOf, previous.t);
  return reevaluate(previous.customerId, previous, previous.facts, t, { dayEnded: date }, rules);
}

/** The tier after a re-rank with new cutoffs: the same state and no transition when it does not change. */
export function assignTier(state: CustomerState, cutoffs: Cutoffs | null, date: string, asOf: number): Step {
  const tier = tierFor({ net12: state.evaluation.net12, customerId: state.customerId }, cutoffs);
  if (tier === state.valueTier) return { state, transitions: [] };
  const tr = transition(state.customerId, 'valueTier', state.valueTier, tier, Math.max(asOf, state.t), { dayEnded: date });
  return { state: { ...state, valueTier: tier }, transitions: [tr] };
}

/** Status and loyalty at `t`: a new state (tier and event count as in the previous one) and its transitions. */
function reevaluate(
  customerId: string, previous: CustomerState | undefined, given: CustomerFacts, t: number,
  cause: TransitionCause, rules: RulesConfig,
): Step {
  const facts = pruneFacts(given, t, rules.windowDays * 86_400_000);
  const evaluation = evaluate(facts, t, rules);
  const held = holdLevel(
    { level: previous?.loyaltyLevel ?? 'NONE', reviewAt: previous?.loyaltyReviewAt ?? null },
    evaluation.qualifiedLevel, t, rules,
  );
  const transitions: Transition[] = [];
  if (previous === undefined || previous.status !== evaluation.status) {
    transitions.push(transition(customerId, 'status', previous?.status ?? null, evaluation.status, t, cause));
  }
  const fromLevel = previous?.loyaltyLevel ?? 'NONE';
  if (held.level !== fromLevel) transitions.push(transition(customerId, 'loyaltyLevel', fromLevel, held.level, t, cause));
  const state: CustomerState = {
    customerId,
    facts,
    t,
    status: evaluation.status,
    loyaltyLevel: held.level,
    loyaltyReviewAt: held.reviewAt,
    valueTier: previous?.valueTier ?? 'NONE',
    evaluation,
    nextDueAt: nextDueAt(facts, evaluation, held, rules),
    eventCount: previous?.eventCount ?? 0,
  };
  return { state, transitions };
}

function transition(
  customerId: string, field: TransitionField, from: string | null, to: string, t: number, cause: TransitionCause,
): Transition {
  return { customerId, field, from, to, t, cause };
}
