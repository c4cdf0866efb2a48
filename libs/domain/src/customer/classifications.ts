export const STATUSES = ['PROSPECT', 'QUALIFIED', 'NEW', 'ACTIVE', 'AT_RISK', 'INACTIVE', 'CHURNED'] as const;
export type Status = (typeof STATUSES)[number];

/** Ordered: the index is the level's rank. */
export const LOYALTY_LEVELS = ['NONE', 'ONE_TIME', 'REPEAT', 'LOYAL', 'ADVOCATE'] as const;
export type LoyaltyLevel = (typeof LOYALTY_LEVELS)[number];
export const levelRank = (level: LoyaltyLevel): number => LOYALTY_LEVELS.indexOf(level);

export const VALUE_TIERS = ['VIP', 'KEY', 'STANDARD', 'SMALL', 'NONE'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export const NPS_CATEGORIES = ['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const;
export type NpsCategory = (typeof NPS_CATEGORIES)[number];
export const npsCategory = (score: number): NpsCategory => (score >= 9 ? 'PROMOTER' : score >= 7 ? 'PASSIVE' : 'DETRACTOR');
