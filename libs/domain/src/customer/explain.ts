import type { RulesConfig } from '../rules/rules-config.js';
import { formatInstant } from '../time/instant.js';
import { type Cutoffs, RANKED_TIERS, reaches } from '../tiers/cutoffs.js';
import type { CustomerState } from './customer-state.js';
import { evaluate } from './evaluate.js';

export interface Explanation {
  field: 'status' | 'loyaltyLevel' | 'valueTier';
  value: string;
  rule: string;
  figures: Record<string, unknown>;
  text: string;
}

/** Why the customer has its status, loyalty level and value tier: the rule that matched and the figures it used. */
export function explain(state: CustomerState, clockAsOf: number | null, cutoffs: Cutoffs | null, rules: RulesConfig): Explanation[] {
  const t = Math.max(state.t, clockAsOf ?? -Infinity);
  const e = evaluate(state.facts, t, rules);
  return [explainStatus(state, e, rules), explainLoyalty(state, e, t, rules), explainTier(state, e.net12, cutoffs)];
}

function explainStatus(state: CustomerState, e: ReturnType<typeof evaluate>, rules: RulesConfig): Explanation {
  const status = state.status;
  const base = { field: 'status' as const, value: status };
  const { recencyDays: r, tenureDays } = e;
  switch (e.statusRule) {
    case 1: {
      const at = formatInstant(state.facts.explicitChurnAt as number);
      return { ...base, rule: 'explicit churn', figures: { explicitChurnAt: at, churnReason: state.facts.churnReason },
        text: `${status} because churn was declared at ${at} (${state.facts.churnReason}) and no counting order came after it` };
    }
    case 2: {
      const q = state.facts.lastQualifyingInteractionAt;
      const figures = { orderCount: 0, lastQualifyingInteractionAt: q === null ? null : formatInstant(q), qualifiedWindowDays: rules.qualifiedWindowDays };
      return status === 'QUALIFIED'
        ? { ...base, rule: 'no counting order, recent quote request or demo', figures,
            text: `QUALIFIED because there is no counting order and the last quote request or demo (${figures.lastQualifyingInteractionAt}) is within ${rules.qualifiedWindowDays} days` }
        : { ...base, rule: 'no counting order', figures,
            text: `PROSPECT because there is no counting order and no quote request or demo within ${rules.qualifiedWindowDays} days` };
    }
    case 3:
      return { ...base, rule: 'tenureDays < newCustomerDays', figures: { tenureDays, newCustomerDays: rules.newCustomerDays },
        text: `NEW because tenureDays ${tenureDays} < newCustomerDays ${rules.newCustomerDays}` };
    case 4:
      return { ...base, rule: 'recencyDays ≤ atRiskAfterDays', figures: { recencyDays: r, atRiskAfterDays: rules.atRiskAfterDays },
        text: `ACTIVE because recencyDays ${r} ≤ atRiskAfterDays ${rules.atRiskAfterDays}` };
    case 5:
      return { ...base, rule: 'atRiskAfterDays < recencyDays ≤ inactiveAfterDays',
        figures: { recencyDays: r, atRiskAfterDays: rules.atRiskAfterDays, inactiveAfterDays: rules.inactiveAfterDays },
        text: `AT_RISK because recencyDays ${r} > atRiskAfterDays ${rules.atRiskAfterDays} and ≤ inactiveAfterDays ${rules.inactiveAfterDays}` };
    case 6:
      return { ...base, rule: 'inactiveAfterDays < recencyDays ≤ churnAfterDays',
        figures: { recencyDays: r, inactiveAfterDays: rules.inactiveAfterDays, churnAfterDays: rules.churnAfterDays },
        text: `INACTIVE because recencyDays ${r} > inactiveAfterDays ${rules.inactiveAfterDays} and ≤ churnAfterDays ${rules.churnAfterDays}` };
    default:
      return { ...base, rule: 'recencyDays > churnAfterDays', figures: { recencyDays: r, churnAfterDays: rules.churnAfterDays },
        text: `CHURNED because recencyDays ${r} > churnAfterDays ${rules.churnAfterDays}` };
  }
}

function explainLoyalty(state: CustomerState, e: ReturnType<typeof evaluate>, t: number, rules: RulesConfig): Explanation {
  const reviewAt = state.loyaltyReviewAt === null ? null : formatInstant(state.loyaltyReviewAt);
  const figures = {
    qualifiedLevel: e.qualifiedLevel, orders12: e.orders12, loyalMinOrders: rules.loyalMinOrders,
    activeMonths12: e.activeMonths12, loyalMinActiveMonths: rules.loyalMinActiveMonths,
    tenureDays: e.tenureDays, loyalMinTenureDays: rules.loyalMinTenureDays,
    referralInWindow: e.referralInWindow, promoterNpsInWindow: e.promoterNpsInWindow, reviewAt,
  };
  const qualified = qualifiedText(e, rules);
  const held = state.loyaltyLevel === e.qualifiedLevel
    ? `qualifies for ${e.qualifiedLevel} (${qualified})`
    : `holds ${state.loyaltyLevel} until its review at ${reviewAt} while qualifying for ${e.qualifiedLevel} (${qualified}); a review steps down one level at a time`;
  return {
    field: 'loyaltyLevel', value: state.loyaltyLevel,
    rule: state.loyaltyLevel === e.qualifiedLevel ? 'qualified level' : 'held level (reviewed every levelValidityDays)',
    figures: { ...figures, evaluatedAt: formatInstant(t) },
    text: `${state.loyaltyLevel}: ${held}`,
  };
}

function qualifiedText(e: ReturnType<typeof evaluate>, rules: RulesConfig): string {
  const loyal = `orders12 ${e.orders12} ≥ ${rules.loyalMinOrders}, activeMonths12 ${e.activeMonths12} ≥ ${rules.loyalMinActiveMonths}, tenureDays ${e.tenureDays} ≥ ${rules.loyalMinTenureDays}`;
  switch (e.qualifiedLevel) {
    case 'ADVOCATE': return `${loyal}, and ${e.referralInWindow ? 'a referral' : 'a latest NPS ≥ 9'} within the window`;
    case 'LOYAL': return loyal;
    case 'REPEAT': return `orders12 ${e.orders12} ≥ 2`;
    case 'ONE_TIME': return `orderCount ${e.orderCount} ≥ 1, orders12 ${e.orders12} < 2`;
    default: return 'no counting order';
  }
}

function explainTier(state: CustomerState, net12: number, cutoffs: Cutoffs | null): Explanation {
  const key = { net12, customerId: state.customerId };
  const base = { field: 'valueTier' as const, value: state.valueTier };
  if (net12 <= 0) return { ...base, rule: 'net12 ≤ 0', figures: { net12 }, text: `NONE because net12 ${net12} ≤ 0` };
  if (cutoffs === null || cutoffs.populationSize === 0) {
    return { ...base, rule: 'no cutoffs yet', figures: { net12 }, text: `SMALL because net12 ${net12} > 0 and no ranking has been made yet` };
  }
  const reached = RANKED_TIERS.filter((tier) => cutoffs[tier] && reaches(key, cutoffs[tier]!));
  const show = (tier: string) => {
    const c = cutoffs[tier as 'VIP'];
    return c ? `${tier} cutoff (${c.net12}, ${c.customerId})` : `${tier} (empty)`;
  };
  const figures = { net12, populationSize: cutoffs.populationSize, cutoffs: { VIP: cutoffs.VIP, KEY: cutoffs.KEY, STANDARD: cutoffs.STANDARD } };
  const text = reached.length > 0
    ? `${state.valueTier} because (net12 ${net12}, ${state.customerId}) reaches the ${show(reached[0])}` +
      (reached[0] === 'VIP' ? '' : ` but not the ${RANKED_TIERS.slice(0, RANKED_TIERS.indexOf(reached[0])).map(show).join(' or ')}`)
    : `${state.valueTier} because (net12 ${net12}, ${state.customerId}) reaches none of the cutoffs: ${RANKED_TIERS.map(show).join(', ')}`;
  return { ...base, rule: 'rank against the cutoffs (net12 desc, customerId asc)', figures, text };
}
