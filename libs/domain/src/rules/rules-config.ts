import { createHash } from 'node:crypto';

/** The rules configuration of section 8. Shares are decimal strings so that ceil(share·N) is exact. */
export interface RulesConfig {
  newCustomerDays: number;
  atRiskAfterDays: number;
  inactiveAfterDays: number;
  churnAfterDays: number;
  qualifiedWindowDays: number;
  windowDays: number;
  loyalMinOrders: number;
  loyalMinActiveMonths: number;
  loyalMinTenureDays: number;
  levelValidityDays: number;
  vipShare: string;
  keyShare: string;
  standardShare: string;
  baseCurrency: string;
}

export const DEFAULT_RULES: Omit<RulesConfig, 'baseCurrency'> = {
  newCustomerDays: 90,
  atRiskAfterDays: 90,
  inactiveAfterDays: 180,
  churnAfterDays: 270,
  qualifiedWindowDays: 90,
  windowDays: 365,
  loyalMinOrders: 4,
  loyalMinActiveMonths: 3,
  loyalMinTenureDays: 180,
  levelValidityDays: 365,
  vipShare: '0.01',
  keyShare: '0.05',
  standardShare: '0.20',
};

export const defaultRules = (baseCurrency: string): RulesConfig => ({ ...DEFAULT_RULES, baseCurrency });

const INTEGER_KEYS = [
  'newCustomerDays', 'atRiskAfterDays', 'inactiveAfterDays', 'churnAfterDays', 'qualifiedWindowDays',
  'windowDays', 'loyalMinOrders', 'loyalMinActiveMonths', 'loyalMinTenureDays', 'levelValidityDays',
] as const;
const SHARE_KEYS = ['vipShare', 'keyShare', 'standardShare'] as const;
const SHARE = /^(0(\.\d+)?|1(\.0+)?)$/;

/** Checks a configuration; returns one message per bad value (empty when valid). */
export function checkRules(rules: RulesConfig): string[] {
  const problems: string[] = [];
  for (const key of INTEGER_KEYS) {
    const v = rules[key];
    if (!Number.isInteger(v) || v < 0) problems.push(`${key}: must be an integer >= 0 (got ${String(v)})`);
  }
  for (const key of SHARE_KEYS) {
    if (!SHARE.test(String(rules[key]))) problems.push(`${key}: must be a decimal in [0, 1] such as 0.05 (got ${String(rules[key])})`);
  }
  if (problems.length === 0) {
    const [v, k, s] = SHARE_KEYS.map((key) => Number(rules[key]));
    if (!(v <= k && k <= s)) problems.push('shares: must satisfy vipShare <= keyShare <= standardShare');
    if (!(rules.atRiskAfterDays <= rules.inactiveAfterDays && rules.inactiveAfterDays <= rules.churnAfterDays)) {
      problems.push('days: must satisfy atRiskAfterDays <= inactiveAfterDays <= churnAfterDays');
    }
  }
  if (!/^[A-Z]{3}$/.test(rules.baseCurrency)) problems.push(`baseCurrency: must be an ISO-4217 code (got ${rules.baseCurrency})`);
  return problems;
}

/** A stable hash of the configuration: key order does not matter, any value change does. */
export function rulesVersion(rules: RulesConfig): string {
  const canonical = Object.keys(rules)
    .sort()
    .map((key) => {
      const value = rules[key as keyof RulesConfig];
      // '0.20' and '0.2' are the same share.
      return [key, (SHARE_KEYS as readonly string[]).includes(key) ? String(Number(value)) : String(value)];
    });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** ceil(share·n) in exact integer arithmetic, with the share given as a decimal string. */
export function ceilShare(share: string, n: number): number {
  const [whole, fraction = ''] = share.split('.');
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole) * denominator + BigInt(fraction || '0');
  const product = numerator * BigInt(n);
  return Number((product + denominator - 1n) / denominator);
}
