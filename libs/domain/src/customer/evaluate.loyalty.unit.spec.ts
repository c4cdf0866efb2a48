import { nps, plusDays, purchase, referral, refund } from '../testing/event-builders.js';
import { evaluateAt } from '../testing/histories.js';

const C = 'c1';

describe('qualified level q(t): NONE, ONE_TIME, REPEAT', () => {
  const T = '2024-06-15T00:00:00.000Z';
  const before = (n: number) => plusDays(T, -n);

  it('NONE without a counting order (a voided order does not count)', () => {
    expect(evaluateAt([], T).qualifiedLevel).toBe('NONE');
    const voided = [purchase(C, before(10), 500, { orderId: 'o' }), refund(C, before(9), 500, { orderId: 'o' })];
    expect(evaluateAt(voided, T).qualifiedLevel).toBe('NONE');
  });

  it('ONE_TIME with one counting order, even long out of the window', () => {
    expect(evaluateAt([purchase(C, before(10), 500)], T).qualifiedLevel).toBe('ONE_TIME');
    expect(evaluateAt([purchase(C, before(2000), 500)], T).qualifiedLevel).toBe('ONE_TIME');
  });

  it('REPEAT at orders12 = 2; ONE_TIME when one of the two has left W(t)', () => {
    expect(evaluateAt([purchase(C, before(364), 500), purchase(C, before(1), 500)], T)).toMatchObject({ orders12: 2, qualifiedLevel: 'REPEAT' });
    expect(evaluateAt([purchase(C, before(365), 500), purchase(C, before(1), 500)], T)).toMatchObject({ orders12: 1, qualifiedLevel: 'ONE_TIME' });
  });

  it('a voided order does not make a repeat', () => {
    const history = [purchase(C, before(20), 500), purchase(C, before(10), 500, { orderId: 'v' }), refund(C, before(9), 500, { orderId: 'v' })];
    expect(evaluateAt(history, T).qualifiedLevel).toBe('ONE_TIME');
  });
});

describe('qualified level q(t): LOYAL needs orders12 ≥ 4, activeMonths12 ≥ 3 and tenure ≥ 180 together', () => {
  const F = '2024-01-10T00:00:00.000Z';
  const T180 = plusDays(F, 180);
  // four orders in three months (Jan, Feb, Mar×2), first on F
  const loyal = [
    purchase(C, F, 1_000), purchase(C, '2024-02-10T00:00:00Z', 1_000),
    purchase(C, '2024-03-10T00:00:00Z', 1_000), purchase(C, '2024-03-20T00:00:00Z', 1_000),
  ];

  it('all three met at tenure 180 → LOYAL', () => {
    expect(evaluateAt(loyal, T180)).toMatchObject({ orders12: 4, activeMonths12: 3, tenureDays: 180, qualifiedLevel: 'LOYAL' });
  });

  it('tenure 179 → REPEAT', () => {
    expect(evaluateAt(loyal, T180 - 1)).toMatchObject({ tenureDays: 179, qualifiedLevel: 'REPEAT' });
  });

  it('three orders → REPEAT', () => {
    expect(evaluateAt(loyal.slice(0, 3), T180)).toMatchObject({ orders12: 3, qualifiedLevel: 'REPEAT' });
  });

  it('four orders in two months → REPEAT', () => {
    const twoMonths = [...loyal.slice(0, 2), purchase(C, '2024-02-11T00:00:00Z', 1_000), purchase(C, '2024-02-12T00:00:00Z', 1_000)];
    expect(evaluateAt(twoMonths, T180)).toMatchObject({ orders12: 4, activeMonths12: 2, qualifiedLevel: 'REPEAT' });
  });

  it('tenure counts from the first counting order ever, even outside W(t)', () => {
    const history = [purchase(C, '2020-01-01T00:00:00Z', 1_000), ...loyal.slice(1), purchase(C, '2024-04-01T00:00:00Z', 1_000)];
    expect(evaluateAt(history, '2024-04-02T00:00:00Z')).toMatchObject({ orders12: 4, activeMonths12: 3, qualifiedLevel: 'LOYAL' });
  });
});

describe('qualified level q(t): ADVOCATE = LOYAL and (a referral in W(t) or latest NPS ≥ 9 in W(t))', () => {
  const F = '2024-01-10T00:00:00.000Z';
  const T = plusDays(F, 200);
  const loyal = [
    purchase(C, F, 1_000), purchase(C, '2024-02-10T00:00:00Z', 1_000),
    purchase(C, '2024-03-10T00:00:00Z', 1_000), purchase(C, '2024-03-20T00:00:00Z', 1_000),
  ];
  const q = (...extra: Parameters<typeof evaluateAt>[0]) => evaluateAt([...loyal, ...extra], T).qualifiedLevel;

  it('LOYAL alone', () => {
    expect(q()).toBe('LOYAL');
  });

  it('a referral in W(t) → ADVOCATE; exactly 365 days before t it is out → LOYAL', () => {
    expect(q(referral(C, plusDays(T, -364)))).toBe('ADVOCATE');
    expect(q(referral(C, plusDays(T, -365)))).toBe('LOYAL');
  });

  it('a referral or a promoter NPS without LOYAL gives nothing more', () => {
    expect(evaluateAt([...loyal.slice(0, 3), referral(C, F), nps(C, F, 10)], T).qualifiedLevel).toBe('REPEAT');
  });

  it.each([[9, 'ADVOCATE'], [10, 'ADVOCATE'], [8, 'LOYAL'], [0, 'LOYAL']])('latest NPS %i → %s', (score, level) => {
    expect(q(nps(C, plusDays(T, -30), score))).toBe(level);
  });

  it('the latest NPS of all time decides: a later detractor cancels an earlier promoter', () => {
    expect(q(nps(C, plusDays(T, -30), 10), nps(C, plusDays(T, -10), 3))).toBe('LOYAL');
  });

  it('"latest" is by occurredAt, not by log order', () => {
    expect(q(nps(C, plusDays(T, -10), 3), nps(C, plusDays(T, -30), 10))).toBe('LOYAL');
    expect(q(nps(C, plusDays(T, -10), 10), nps(C, plusDays(T, -30), 3))).toBe('ADVOCATE');
  });

  it('an NPS tie at the same instant goes to the later one in the log', () => {
    const at = plusDays(T, -10);
    expect(q(nps(C, at, 9), nps(C, at, 3))).toBe('LOYAL');
    expect(q(nps(C, at, 3), nps(C, at, 9))).toBe('ADVOCATE');
  });

  it('a promoter NPS has to be in W(t)', () => {
    expect(q(nps(C, plusDays(T, -365) + 1, 10))).toBe('ADVOCATE');
    expect(q(nps(C, plusDays(T, -365), 10))).toBe('LOYAL');
  });
});
