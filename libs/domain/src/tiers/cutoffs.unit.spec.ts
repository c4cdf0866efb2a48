import { RULES } from '../testing/histories.js';
import { compareRank, type Cutoffs, cutoffRanks, cutoffsOf, effectiveBoundary, type RankKey, reaches, tierFor } from './cutoffs.js';

const key = (net12: number, customerId: string): RankKey => ({ net12, customerId });

describe('ranking order', () => {
  it('puts the higher net12 first, then customerId ascending by ordinal comparison ("10" < "9")', () => {
    const keys = [key(100, '9'), key(200, 'z'), key(100, '10'), key(100, 'A'), key(100, 'a')];
    expect([...keys].sort(compareRank).map((k) => k.customerId)).toEqual(['z', '10', '9', 'A', 'a']);
  });

  it('reaches a cutoff with a greater net12, or an equal net12 and an id ≤ the cutoff id', () => {
    const cutoff = key(100, '9');
    expect(reaches(key(101, 'zzz'), cutoff)).toBe(true);
    expect(reaches(key(100, '9'), cutoff)).toBe(true);
    expect(reaches(key(100, '10'), cutoff)).toBe(true);
    expect(reaches(key(100, '90'), cutoff)).toBe(false);
    expect(reaches(key(99, '0'), cutoff)).toBe(false);
    expect(reaches(key(100, '9'), key(100, '10'))).toBe(false);
  });
});

describe('tierFor (a business event between two DayEnded)', () => {
  const cutoffs: Cutoffs = { populationSize: 100, VIP: key(1000, 'm'), KEY: key(500, 'm'), STANDARD: key(100, 'm') };

  it('is NONE when net12 ≤ 0, with or without cutoffs', () => {
    expect(tierFor(key(0, 'a'), cutoffs)).toBe('NONE');
    expect(tierFor(key(-5, 'a'), null)).toBe('NONE');
  });

  it('is SMALL when there are no cutoffs, or the population was empty', () => {
    expect(tierFor(key(1_000_000, 'a'), null)).toBe('SMALL');
    expect(tierFor(key(1_000_000, 'a'), { populationSize: 0, VIP: null, KEY: null, STANDARD: null })).toBe('SMALL');
  });

  it.each([
    [1000, 'm', 'VIP'], [1000, 'n', 'KEY'], [1001, 'z', 'VIP'],
    [500, 'a', 'KEY'], [500, 'n', 'STANDARD'],
    [100, 'm', 'STANDARD'], [100, 'n', 'SMALL'], [1, 'a', 'SMALL'],
  ])('(%i, %s) → %s: the highest tier whose cutoff it reaches', (net12, id, tier) => {
    expect(tierFor(key(net12, id), cutoffs)).toBe(tier);
  });

  it('skips a tier with no cutoff', () => {
    const noKey: Cutoffs = { populationSize: 20, VIP: key(1000, 'a'), KEY: null, STANDARD: key(100, 'a') };
    expect(tierFor(key(999, 'a'), noKey)).toBe('STANDARD');
    const vipOnly: Cutoffs = { populationSize: 5, VIP: key(1000, 'a'), KEY: null, STANDARD: null };
    expect(tierFor(key(999, 'a'), vipOnly)).toBe('SMALL');
  });
});

describe('cutoffRanks: ceil(share·N), tiers the ranking leaves empty omitted', () => {
  it.each([
    [0, []],
    [1, [['VIP', 1]]], // ceil(.05) = ceil(.2) = 1: KEY and STANDARD are empty
    [5, [['VIP', 1]]], // ceil(.25) = 1, ceil(1.0) = 1 exactly
    [20, [['VIP', 1], ['STANDARD', 4]]], // ceil(1.0) = 1: KEY is empty
    [21, [['VIP', 1], ['KEY', 2], ['STANDARD', 5]]], // ceil(.21), ceil(1.05), ceil(4.2)
    [100, [['VIP', 1], ['KEY', 5], ['STANDARD', 20]]],
    [101, [['VIP', 2], ['KEY', 6], ['STANDARD', 21]]],
  ])('N = %i', (n, expected) => {
    expect(cutoffRanks(n, RULES)).toEqual(expected);
  });

  it('never goes past N (share 1)', () => {
    expect(cutoffRanks(3, { ...RULES, vipShare: '0.5', keyShare: '1', standardShare: '1' })).toEqual([['VIP', 2], ['KEY', 3]]);
  });
});

describe('cutoffsOf', () => {
  /** N customers "1".."N"; groups of five share a net12, so ties are broken by id ordinal. */
  const population = (n: number): RankKey[] =>
    Array.from({ length: n }, (_, i) => key(1000 - 10 * Math.floor(i / 5), String(i + 1))).sort(compareRank);

  /** The tier of rank k by the DayEnded rule of section 6 (1/100, 5/100, 20/100 as integer ceilings). */
  const tierOfRank = (k: number, n: number): string =>
    k <= Math.ceil(n / 100) ? 'VIP' : k <= Math.ceil(n / 20) ? 'KEY' : k <= Math.ceil(n / 5) ? 'STANDARD' : 'SMALL';

  it('breaks net12 ties by ordinal id', () => {
    expect(population(10).map((k) => k.customerId)).toEqual(['1', '2', '3', '4', '5', '10', '6', '7', '8', '9']);
  });

  it('takes the last customer of each non-empty tier', () => {
    const ranked = population(21);
    expect(cutoffsOf(ranked, RULES)).toEqual({ populationSize: 21, VIP: ranked[0], KEY: ranked[1], STANDARD: ranked[4] });
    expect(cutoffsOf(population(5), RULES)).toEqual({ populationSize: 5, VIP: population(5)[0], KEY: null, STANDARD: null });
    expect(cutoffsOf([], RULES)).toEqual({ populationSize: 0, VIP: null, KEY: null, STANDARD: null });
  });

  it.each([1, 5, 20, 21, 100, 101, 250])('N = %i: tierFor against the cutoffs gives every ranked customer its rank tier', (n) => {
    const ranked = population(n);
    const cutoffs = cutoffsOf(ranked, RULES);
    ranked.forEach((k, i) => expect([k.customerId, tierFor(k, cutoffs)]).toEqual([k.customerId, tierOfRank(i + 1, n)]));
  });
});

describe('effectiveBoundary', () => {
  const full: Cutoffs = { populationSize: 100, VIP: key(1000, 'a'), KEY: key(500, 'a'), STANDARD: key(100, 'a') };

  it('is the tier’s own cutoff when it has one', () => {
    expect(effectiveBoundary(full, 'VIP')).toEqual(key(1000, 'a'));
    expect(effectiveBoundary(full, 'KEY')).toEqual(key(500, 'a'));
    expect(effectiveBoundary(full, 'STANDARD')).toEqual(key(100, 'a'));
  });

  it('falls back to the nearest higher non-empty tier', () => {
    const noKey: Cutoffs = { ...full, KEY: null };
    expect(effectiveBoundary(noKey, 'KEY')).toEqual(key(1000, 'a'));
    expect(effectiveBoundary(noKey, 'STANDARD')).toEqual(key(100, 'a'));
    expect(effectiveBoundary({ ...full, KEY: null, STANDARD: null }, 'STANDARD')).toEqual(key(1000, 'a'));
  });

  it('is null without cutoffs or with an empty population', () => {
    expect(effectiveBoundary(null, 'VIP')).toBeNull();
    expect(effectiveBoundary({ populationSize: 0, VIP: null, KEY: null, STANDARD: null }, 'STANDARD')).toBeNull();
  });

  it('agrees with tierFor: in the tier or above exactly when the boundary is reached', () => {
    const noKey: Cutoffs = { populationSize: 20, VIP: key(1000, 'a'), KEY: null, STANDARD: key(100, 'a') };
    const order = ['VIP', 'KEY', 'STANDARD', 'SMALL'];
    for (const k of [key(2000, 'z'), key(1000, 'a'), key(1000, 'b'), key(100, 'a'), key(100, 'b'), key(5, 'a')]) {
      for (const tier of ['VIP', 'KEY', 'STANDARD'] as const) {
        const boundary = effectiveBoundary(noKey, tier);
        const atOrAbove = order.indexOf(tierFor(k, noKey)) <= order.indexOf(tier);
        expect(boundary !== null && reaches(k, boundary)).toBe(atOrAbove);
      }
    }
  });
});
