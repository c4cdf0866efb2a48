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

/** The month keys of one evaluation, reused (cleared on entry): a window holds a dozen months at most, so a list beats a Set. */
const monthScratch: number[] = [];

export function evaluate(facts: CustomerFacts, t: number, rules: RulesConfig): Evaluation {
  // inWindow, written out over the loops: at in (windowStart, t].
  const windowStart = t - rules.windowDays * DAY_MS;
  let orderCount = 0, orders12 = 0, net12 = 0;
  let firstPurchaseAt: number | null = null, lastPurchaseAt: number | null = null;
  const months = monthScratch;
  months.length = 0;
  const orders = facts.orders;
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i];
    const at = order.at;
    const windowed = at <= t && at > windowStart;
    if (windowed) net12 += order.total;
    if (isVoided(order)) continue;
    orderCount += 1;
    if (firstPurchaseAt === null || at < firstPurchaseAt) firstPurchaseAt = at;
    if (lastPurchaseAt === null || at > lastPurchaseAt) lastPurchaseAt = at;
    if (windowed) {
      orders12 += 1;
      const month = monthKey(at);
      if (!months.includes(month)) months.push(month);
    }
  }
  const refunds = facts.refunds;
  for (let i = 0; i < refunds.length; i++) {
    const at = refunds[i].at;
    if (at <= t && at > windowStart) net12 -= refunds[i].amount;
  }

  let csatTotal = 0, csatGood = 0;
  const csat = facts.csat;
  for (let i = 0; i < csat.length; i++) {
    const c = csat[i];
    if (!(c.at <= t && c.at > windowStart)) continue;
    csatTotal += 1;
    if (c.score >= 4) csatGood += 1;
  }

  const tenureDays = firstPurchaseAt === null ? null : days(firstPurchaseAt, t);
  const recencyDays = lastPurchaseAt === null ? null : days(lastPurchaseAt, t);
  const activeMonths12 = months.length;
  let referralInWindow = false;
  for (const at of facts.referrals) if (at <= t && at > windowStart) referralInWindow = true;
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
  // The earliest candidate instant after t; the loops write `earlier` out (no closure or call per item), one call per list.
  let next = Infinity;
  const window = rules.windowDays * DAY_MS;
  next = earliestWindowEnd(facts.orders, window, t, next);
  next = earliestWindowEnd(facts.refunds, window, t, next);
  next = earliestWindowEnd(facts.csat, window, t, next);
  const referrals = facts.referrals;
  for (let i = 0; i < referrals.length; i++) {
    const at = referrals[i] + window;
    if (at > t && at < next) next = at;
  }
  if (facts.latestNps) next = earlier(next, t, facts.latestNps.at + window);
  const { firstPurchaseAt, lastPurchaseAt } = evaluation;
  if (firstPurchaseAt !== null) {
    next = earlier(next, t, firstPurchaseAt + rules.newCustomerDays * DAY_MS);
    next = earlier(next, t, firstPurchaseAt + rules.loyalMinTenureDays * DAY_MS);
  }
  if (lastPurchaseAt !== null) {
    next = earlier(next, t, lastPurchaseAt + (rules.atRiskAfterDays + 1) * DAY_MS);
    next = earlier(next, t, lastPurchaseAt + (rules.inactiveAfterDays + 1) * DAY_MS);
    next = earlier(next, t, lastPurchaseAt + (rules.churnAfterDays + 1) * DAY_MS);
  }
  if (facts.lastQualifyingInteractionAt !== null) {
    next = earlier(next, t, facts.lastQualifyingInteractionAt + (rules.qualifiedWindowDays + 1) * DAY_MS);
  }
  if (held.reviewAt !== null) next = earlier(next, t, held.reviewAt);
  return next === Infinity ? null : next;
}

/** `at` when it is after `t` and before `next`, else `next`. */
const earlier = (next: number, t: number, at: number): number => (at > t && at < next ? at : next);

/** The earliest `at + window` after t among the items, or `next` when none is earlier. */
function earliestWindowEnd(items: ReadonlyArray<{ at: number }>, window: number, t: number, next: number): number {
  for (let i = 0; i < items.length; i++) {
    const at = items[i].at + window;
    if (at > t && at < next) next = at;
  }
  return next;
}
