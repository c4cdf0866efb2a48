import { ceilShare, type RulesConfig } from '../rules/rules-config.js';
import type { ValueTier } from '../customer/classifications.js';

/** A position in the ranking: net12 descending, then customerId ascending (ordinal). */
export interface RankKey {
  net12: number;
  customerId: string;
}

/** The (net12, customerId) of the last customer ranked into each tier; null when the tier is empty. */
export interface Cutoffs {
  populationSize: number;
  VIP: RankKey | null;
  KEY: RankKey | null;
  STANDARD: RankKey | null;
}

export const RANKED_TIERS = ['VIP', 'KEY', 'STANDARD'] as const;
export type RankedTier = (typeof RANKED_TIERS)[number];

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` ranks before `b`. */
export const compareRank = (a: RankKey, b: RankKey): number => (a.net12 !== b.net12 ? b.net12 - a.net12 : ordinal(a.customerId, b.customerId));

/** `(n, id)` reaches cutoff `(cn, cid)` when `n > cn`, or `n = cn` and `id ≤ cid`. */
export const reaches = (key: RankKey, cutoff: RankKey): boolean => compareRank(key, cutoff) <= 0;

/** The tier of a customer against the cutoffs in force (section 6); null cutoffs mean "no cutoffs yet". */
export function tierFor(key: RankKey, cutoffs: Cutoffs | null): ValueTier {
  if (key.net12 <= 0) return 'NONE';
  if (cutoffs === null || cutoffs.populationSize === 0) return 'SMALL';
  for (const tier of RANKED_TIERS) {
    const cutoff = cutoffs[tier];
    if (cutoff && reaches(key, cutoff)) return tier;
  }
  return 'SMALL';
}

/**
 * The rank (1-based) of the last customer of each tier that the ranking does not leave empty,
 * for a population of `n`: `ceil(share·n)`, exact.
 */
export function cutoffRanks(n: number, rules: RulesConfig): Array<[RankedTier, number]> {
  const shares: Record<RankedTier, string> = { VIP: rules.vipShare, KEY: rules.keyShare, STANDARD: rules.standardShare };
  const ranks: Array<[RankedTier, number]> = [];
  let previous = 0;
  for (const tier of RANKED_TIERS) {
    const rank = Math.min(ceilShare(shares[tier], n), n);
    if (rank > previous) {
      ranks.push([tier, rank]);
      previous = rank;
    }
  }
  return ranks;
}

/** The cutoffs of a population sorted in ranking order. */
export function cutoffsOf(ranked: RankKey[], rules: RulesConfig): Cutoffs {
  const cutoffs: Cutoffs = { populationSize: ranked.length, VIP: null, KEY: null, STANDARD: null };
  for (const [tier, rank] of cutoffRanks(ranked.length, rules)) cutoffs[tier] = ranked[rank - 1];
  return cutoffs;
}

/**
 * The last rank key that is still in `tier` or above ("effective boundary"), or null when no
 * key is: a customer is in `tier` or above exactly when it reaches this key.
 */
export function effectiveBoundary(cutoffs: Cutoffs | null, tier: RankedTier): RankKey | null {
  if (cutoffs === null) return null;
  let boundary: RankKey | null = null;
  for (const t of RANKED_TIERS) {
    if (cutoffs[t]) boundary = cutoffs[t];
    if (t === tier) break;
  }
  return boundary;
}
