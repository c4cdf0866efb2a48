import type { RulesConfig } from '../rules/rules-config.js';
import { DAY_MS, days, monthKey } from '../time/instant.js';
import { type LoyaltyLevel, type Status, levelRank, LOYALTY_LEVELS } from './classifications.js';
import type { CustomerFacts, OrderFact } from './customer-facts.js';

/** The derived facts of section 3 and the classifications of sections 4 and 5 at instant `t`. */
export interface Evaluation {
  t: number;
  status: Status;
  /** Which status rule matched (1–7), for explanations. */
  statusRule: number;
  qualifiedLevel: LoyaltyLevel;
  orderCount: number;
  orders12: number;
  activeMonths12: number;
  net12: number;
  firstPurchaseAt: number | null;
  lastPurchaseAt: number | null;
  recencyDays: number | null;
  tenureDays: number | null;
  csat12: number | null;
  referralInWindow: boolean;
  promoterNpsInWindow: boolean;
}

export const isVoided = (order: OrderFact): boolean => order.refundCount > 0 && order.refunded >= order.total;

/** `W(t) = (t − windowDays, t]`. */
export const inWindow = (at: number, t: number, rules: RulesConfig): boolean => at <= t && at > t - rules.windowDays * DAY_MS;

export function evaluate(facts: CustomerFacts, t: number, rules: RulesConfig): Evaluation {
  let orderCount = 0, orders12 = 0, net12 = 0;
  let firstPurchaseAt: number | null = null, lastPurchaseAt: number | null = null;
  const months = new Set<number>();
  for (const order of facts.orders) {
    const windowed = inWindow(order.at, t, rules);
    if (windowed) net12 += order.total;
    if (isVoided(order)) continue;
    orderCount += 1;
    if (firstPurchaseAt === null || order.at < firstPurchaseAt) firstPurchaseAt = order.at;
    if (lastPurchaseAt === null || order.at > lastPurchaseAt) lastPurchaseAt = order.at;
    if (windowed) {
      orders12 += 1;
      months.add(monthKey(order.at));
    }
  }
  for (const refund of facts.refunds) if (inWindow(refund.at, t, rules)) net12 -= refund.amount;

  let csatTotal = 0, csatGood = 0;
  for (const c of facts.csat) {
    if (!inWindow(c.at, t, rules)) continue;
    csatTotal += 1;
    if (c.score >= 4) csatGood += 1;
  }

  const tenureDays = firstPurchaseAt === null ? null : days(firstPurchaseAt, t);
  const recencyDays = lastPurchaseAt === null ? null : days(lastPurchaseAt, t);
  const activeMonths12 = months.size;
  const referralInWindow = facts.referrals.some((at) => inWindow(at, t, rules));
  const promoterNpsInWindow = facts.latestNps !== null && facts.latestNps.score >= 9 && inWindow(facts.latestNps.at, t, rules);

  const [status, statusRule] = statusAt(facts, t, rules, orderCount, tenureDays, recencyDays);

  let qualifiedLevel: LoyaltyLevel = 'NONE';
  if (orderCount > 0) qualifiedLevel = 'ONE_TIME';
  if (orders12 >= 2) qualifiedLevel = 'REPEAT';
  const loyal = orders12 >= rules.loyalMinOrders && activeMonths12 >= rules.loyalMinActiveMonths
    && tenureDays !== null && tenureDays >= rules.loyalMinTenureDays;
  if (loyal) qualifiedLevel = referralInWindow || promoterNpsInWindow ? 'ADVOCATE' : 'LOYAL';

  return {
    t, status, statusRule, qualifiedLevel, orderCount, orders12, activeMonths12, net12,
    firstPurchaseAt, lastPurchaseAt, recencyDays, tenureDays,
    csat12: csatTotal === 0 ? null : csatGood / csatTotal,
    referralInWindow, promoterNpsInWindow,
  };
}

function statusAt(
  facts: CustomerFacts, t: number, rules: RulesConfig,
  orderCount: number, tenureDays: number | null, recencyDays: number | null,
): [Status, number] {
  const churnAt = facts.explicitChurnAt;
  if (churnAt !== null && !facts.orders.some((o) => !isVoided(o) && o.at > churnAt)) return ['CHURNED', 1];
  if (orderCount === 0) {
    const q = facts.lastQualifyingInteractionAt;
    return [q !== null && days(q, t) <= rules.qualifiedWindowDays ? 'QUALIFIED' : 'PROSPECT', 2];
  }
  if ((tenureDays as number) < rules.newCustomerDays) return ['NEW', 3];
  const recency = recencyDays as number;
  if (recency <= rules.atRiskAfterDays) return ['ACTIVE', 4];
  if (recency <= rules.inactiveAfterDays) return ['AT_RISK', 5];
  if (recency <= rules.churnAfterDays) return ['INACTIVE', 6];
  return ['CHURNED', 7];
}

/** The held loyalty level (section 5): earned at once, held for a year, then stepped down one level at a time. */
export interface HeldLevel {
  level: LoyaltyLevel;
  reviewAt: number | null;
}

export function holdLevel(held: HeldLevel, qualified: LoyaltyLevel, t: number, rules: RulesConfig): HeldLevel {
  const validity = rules.levelValidityDays * DAY_MS;
  if (qualified === 'NONE') return { level: 'NONE', reviewAt: null };
  const q = levelRank(qualified);
  let level = levelRank(held.level);
  if (q > level) return { level: qualified, reviewAt: t + validity };
  let reviewAt = held.reviewAt;
  while (reviewAt !== null && t >= reviewAt) {
    if (q < level) level = Math.max(q, level - 1);
    reviewAt += validity;
  }
  return { level: LOYALTY_LEVELS[level], reviewAt };
}

/**
 * The earliest instant after `t` at which the evaluation or the held level can change without
 * a new event (section 7), or null when nothing can. Conservative: an earlier instant only
 * costs an evaluation that changes nothing.
 */
export function nextDueAt(facts: CustomerFacts, evaluation: Evaluation, held: HeldLevel, rules: RulesConfig): number | null {
  const t = evaluation.t;
  let next = Infinity;
  const consider = (at: number): void => {
    if (at > t && at < next) next = at;
  };
  const window = rules.windowDays * DAY_MS;
  for (const order of facts.orders) consider(order.at + window);
  for (const refund of facts.refunds) consider(refund.at + window);
  for (const c of facts.csat) consider(c.at + window);
  for (const at of facts.referrals) consider(at + window);
  if (facts.latestNps) consider(facts.latestNps.at + window);
  const { firstPurchaseAt, lastPurchaseAt } = evaluation;
  if (firstPurchaseAt !== null) {
    consider(firstPurchaseAt + rules.newCustomerDays * DAY_MS);
    consider(firstPurchaseAt + rules.loyalMinTenureDays * DAY_MS);
  }
  if (lastPurchaseAt !== null) {
    consider(lastPurchaseAt + (rules.atRiskAfterDays + 1) * DAY_MS);
    consider(lastPurchaseAt + (rules.inactiveAfterDays + 1) * DAY_MS);
    consider(lastPurchaseAt + (rules.churnAfterDays + 1) * DAY_MS);
  }
  if (facts.lastQualifyingInteractionAt !== null) {
    consider(facts.lastQualifyingInteractionAt + (rules.qualifiedWindowDays + 1) * DAY_MS);
  }
  if (held.reviewAt !== null) consider(held.reviewAt);
  return next === Infinity ? null : next;
}
