import { days, formatInstant } from '../time/instant.js';
import { npsCategory } from './classifications.js';
import type { CustomerState } from './customer-state.js';

const iso = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

/**
 * The read-model view of a customer. A customer that no tick needed to re-evaluate keeps its
 * classifications, so its evaluation instant is the clock's when that is later, and the
 * day counts follow from it.
 */
export function toProfile(state: CustomerState, clockAsOf: number | null, rulesVersion: string) {
  const t = Math.max(state.t, clockAsOf ?? -Infinity);
  const { facts, evaluation: e } = state;
  return {
    customerId: state.customerId,
    status: state.status,
    loyaltyLevel: state.loyaltyLevel,
    loyaltyReviewAt: iso(state.loyaltyReviewAt),
    valueTier: state.valueTier,
    orderCount: e.orderCount,
    orders12: e.orders12,
    activeMonths12: e.activeMonths12,
    net12: e.net12,
    lifetimeNet: facts.lifetimeNet,
    firstPurchaseAt: iso(e.firstPurchaseAt),
    lastPurchaseAt: iso(e.lastPurchaseAt),
    recencyDays: e.lastPurchaseAt === null ? null : days(e.lastPurchaseAt, t),
    tenureDays: e.firstPurchaseAt === null ? null : days(e.firstPurchaseAt, t),
    t: formatInstant(t),
    latestNpsScore: facts.latestNps?.score ?? null,
    latestNpsCategory: facts.latestNps ? npsCategory(facts.latestNps.score) : null,
    csat12: e.csat12,
    feedbackCount: facts.feedbackCount,
    complaintCount: facts.complaintCount,
    interactionCount: facts.interactionCount,
    interactionsByChannel: facts.interactionsByChannel,
    lastInteractionAt: iso(facts.lastInteractionAt),
    referralCount: facts.referralCount,
    explicitChurnAt: iso(facts.explicitChurnAt),
    profile: {
      ...facts.profile,
      registeredAt: facts.profile.registeredAt === undefined ? null : formatInstant(facts.profile.registeredAt),
    },
    eventCount: state.eventCount,
    nextDueAt: iso(state.nextDueAt),
    rulesVersion,
  };
}

export type CustomerProfile = ReturnType<typeof toProfile>;
