import { churn, plusDays, purchase } from '../testing/event-builders.js';
import { RULES } from '../testing/histories.js';
import { DAY_MS } from '../time/instant.js';
import { applyBusinessEvent, applyDayEnd, type CustomerState } from './customer-state.js';
import { holdLevel } from './evaluate.js';

const YEAR = 365 * DAY_MS;
const T = Date.UTC(2024, 0, 1);
const R = T + 100 * DAY_MS; // a review instant

describe('holdLevel', () => {
  it('rises at once and sets reviewAt = t + 365 days', () => {
    expect(holdLevel({ level: 'NONE', reviewAt: null }, 'ONE_TIME', T, RULES)).toEqual({ level: 'ONE_TIME', reviewAt: T + YEAR });
    expect(holdLevel({ level: 'REPEAT', reviewAt: R }, 'ADVOCATE', T, RULES)).toEqual({ level: 'ADVOCATE', reviewAt: T + YEAR });
  });

  it('does not drop before reviewAt', () => {
    expect(holdLevel({ level: 'LOYAL', reviewAt: R }, 'ONE_TIME', R - 1, RULES)).toEqual({ level: 'LOYAL', reviewAt: R });
  });

  it('steps down one level at reviewAt, even when q is lower, and moves reviewAt a year on', () => {
    expect(holdLevel({ level: 'LOYAL', reviewAt: R }, 'ONE_TIME', R, RULES)).toEqual({ level: 'REPEAT', reviewAt: R + YEAR });
  });

  it('keeps the level at a review when q is equal, and still moves reviewAt on', () => {
    expect(holdLevel({ level: 'LOYAL', reviewAt: R }, 'LOYAL', R, RULES)).toEqual({ level: 'LOYAL', reviewAt: R + YEAR });
  });

  it('passes several reviews in one evaluation (one step each)', () => {
    const held = { level: 'ADVOCATE' as const, reviewAt: R };
    expect(holdLevel(held, 'ONE_TIME', R + YEAR - 1, RULES)).toEqual({ level: 'LOYAL', reviewAt: R + YEAR });
    expect(holdLevel(held, 'ONE_TIME', R + 2 * YEAR, RULES)).toEqual({ level: 'ONE_TIME', reviewAt: R + 3 * YEAR });
  });

  it('never steps below q, however many reviews pass', () => {
    expect(holdLevel({ level: 'ADVOCATE', reviewAt: R }, 'REPEAT', R + 5 * YEAR, RULES)).toEqual({ level: 'REPEAT', reviewAt: R + 6 * YEAR });
  });

  it('resets to NONE with no reviewAt when q = NONE, even before the review', () => {
    expect(holdLevel({ level: 'LOYAL', reviewAt: R }, 'NONE', R - DAY_MS, RULES)).toEqual({ level: 'NONE', reviewAt: null });
  });
});

describe('held level through the projection steps', () => {
  const ctx = { clockAsOf: null, cutoffs: null, rules: RULES };
  const C = 'c1';
  const D0 = Date.UTC(2023, 0, 10);
  const D10 = plusDays(D0, 10);

  const afterTwoPurchases = (): CustomerState => {
    const first = applyBusinessEvent(undefined, purchase(C, D0, 1_000), ctx).state;
    return applyBusinessEvent(first, purchase(C, D10, 1_000), ctx).state;
  };

  it('REPEAT is earned at the second purchase, held after the first order leaves W(t), stepped down at review', () => {
    const repeat = afterTwoPurchases();
    expect(repeat).toMatchObject({ loyaltyLevel: 'REPEAT', loyaltyReviewAt: D10 + YEAR });

    const held = applyDayEnd(repeat, '2024-01-09', D0 + YEAR, RULES);
    expect(held.state.evaluation.qualifiedLevel).toBe('ONE_TIME');
    expect(held.state.loyaltyLevel).toBe('REPEAT');
    expect(held.transitions.filter((tr) => tr.field === 'loyaltyLevel')).toEqual([]);

    const reviewed = applyDayEnd(held.state, '2024-01-19', D10 + YEAR, RULES);
    expect(reviewed.state).toMatchObject({ loyaltyLevel: 'ONE_TIME', loyaltyReviewAt: D10 + 2 * YEAR });
    expect(reviewed.transitions).toContainEqual(expect.objectContaining({ field: 'loyaltyLevel', from: 'REPEAT', to: 'ONE_TIME', cause: { dayEnded: '2024-01-19' } }));
  });

  it('an explicit churn does not touch the loyalty level (q stays ONE_TIME or above)', () => {
    const churned = applyBusinessEvent(afterTwoPurchases(), churn(C, plusDays(D0, 20)), ctx);
    expect(churned.state).toMatchObject({ status: 'CHURNED', loyaltyLevel: 'REPEAT' });
  });
});
