import { csat, plusDays, purchase, refund } from '../testing/event-builders.js';
import { evaluateAt, factsOf } from '../testing/histories.js';

const C = 'c1';
const T = '2024-06-15T12:00:00.000Z';
const before = (n: number) => plusDays(T, -n);

describe('the window W(t) = (t − 365 days, t]', () => {
  it('an order exactly 365 days before t is out; 1 ms later it is in', () => {
    const out = evaluateAt([purchase(C, before(365), 5_000)], T);
    expect(out).toMatchObject({ orders12: 0, net12: 0, activeMonths12: 0, orderCount: 1 });
    const inside = evaluateAt([purchase(C, before(365) + 1, 5_000)], T);
    expect(inside).toMatchObject({ orders12: 1, net12: 5_000, activeMonths12: 1, orderCount: 1 });
  });

  it('an order at t itself is in', () => {
    expect(evaluateAt([purchase(C, T, 5_000)], T)).toMatchObject({ orders12: 1, net12: 5_000 });
  });
});

describe('net12 on a cash basis', () => {
  it('a refund in W(t) of an order before W(t) makes net12 negative', () => {
    const history = [purchase(C, before(400), 5_000, { orderId: 'o1' }), refund(C, before(10), 3_000, { orderId: 'o1' })];
    expect(evaluateAt(history, T)).toMatchObject({ net12: -3_000, orders12: 0, orderCount: 1 });
  });

  it('a refund before W(t) of an order that is also before W(t) no longer counts', () => {
    const history = [purchase(C, before(380), 5_000, { orderId: 'o1' }), refund(C, before(370), 5_000, { orderId: 'o1' })];
    expect(evaluateAt(history, T).net12).toBe(0);
  });

  it('orders minus refunds, both in W(t)', () => {
    const history = [
      purchase(C, before(300), 5_000, { orderId: 'o1' }), purchase(C, before(200), 2_000, { orderId: 'o2' }),
      refund(C, before(10), 1_500, { orderId: 'o1' }),
    ];
    expect(evaluateAt(history, T).net12).toBe(5_500);
  });

  it('orphan refunds (no orderId) are subtracted but void nothing', () => {
    const history = [purchase(C, before(30), 2_000), refund(C, before(5), 2_000)];
    expect(evaluateAt(history, T)).toMatchObject({ net12: 0, orders12: 1, orderCount: 1 });
  });

  it('voided orders still count in net12 (with their refunds)', () => {
    const history = [purchase(C, before(30), 2_000, { orderId: 'o1' }), refund(C, before(5), 2_000, { orderId: 'o1' })];
    expect(evaluateAt(history, T)).toMatchObject({ net12: 0, orders12: 0, orderCount: 0 });
    const refundedLater = [purchase(C, before(30), 2_000, { orderId: 'o1' }), refund(C, plusDays(T, 5), 2_000, { orderId: 'o1' })];
    expect(evaluateAt(refundedLater, plusDays(T, 5)).net12).toBe(0);
  });

  it('uses base-currency amounts for non-base currencies', () => {
    const history = [
      purchase(C, before(30), 9_000, { currency: 'EUR', baseAmountMinor: 10_000, orderId: 'o1' }),
      refund(C, before(5), 900, { currency: 'EUR', baseAmountMinor: 1_000, orderId: 'o1' }),
    ];
    expect(evaluateAt(history, T).net12).toBe(9_000);
    expect(factsOf(history).lifetimeNet).toBe(9_000);
  });
});

describe('lifetimeNet', () => {
  it('is all order totals (voided included) minus all refunds (orphans included), whatever the window', () => {
    const history = [
      purchase(C, before(1000), 5_000, { orderId: 'old' }),
      purchase(C, before(500), 2_000, { orderId: 'voided' }), refund(C, before(499), 2_000, { orderId: 'voided' }),
      purchase(C, before(10), 3_000), refund(C, before(2), 700),
    ];
    expect(factsOf(history).lifetimeNet).toBe(5_000 + 2_000 - 2_000 + 3_000 - 700);
    expect(evaluateAt(history, T).net12).toBe(3_000 - 700);
  });
});

describe('activeMonths12: distinct UTC months of counting orders in W(t)', () => {
  it('counts a month once however many orders it has', () => {
    const history = [purchase(C, '2024-05-01T00:00:00Z', 1), purchase(C, '2024-05-20T00:00:00Z', 1), purchase(C, '2024-05-31T23:59:59.999Z', 1)];
    expect(evaluateAt(history, T)).toMatchObject({ orders12: 3, activeMonths12: 1 });
  });

  it('splits months at UTC midnight, whatever the offset the event was written with', () => {
    const history = [purchase(C, '2024-04-30T23:59:59.999Z', 1), purchase(C, '2024-05-01T00:30:00+01:00', 1)];
    // the second one is 2024-04-30T23:30Z: same UTC month
    expect(evaluateAt(history, T).activeMonths12).toBe(1);
    expect(evaluateAt([...history, purchase(C, '2024-05-01T00:00:00Z', 1)], T).activeMonths12).toBe(2);
  });

  it('tells the same month of two years apart', () => {
    const history = [purchase(C, '2023-06-20T00:00:00Z', 1), purchase(C, '2024-06-01T00:00:00Z', 1)];
    expect(evaluateAt(history, T)).toMatchObject({ orders12: 2, activeMonths12: 2 });
  });

  it('ignores voided orders and orders outside W(t)', () => {
    const history = [
      purchase(C, '2023-01-10T00:00:00Z', 1),
      purchase(C, '2024-03-10T00:00:00Z', 500, { orderId: 'v' }), refund(C, '2024-03-11T00:00:00Z', 500, { orderId: 'v' }),
      purchase(C, '2024-04-10T00:00:00Z', 1),
    ];
    expect(evaluateAt(history, T)).toMatchObject({ orders12: 1, activeMonths12: 1 });
  });
});

describe('voided orders', () => {
  const order = (id: string, n: number, total = 1_000) => purchase(C, before(n), total, { orderId: id });

  it('fully refunded by one refund: not counting, first and last purchase move', () => {
    const history = [order('a', 30), order('b', 20), order('c', 10), refund(C, before(5), 1_000, { orderId: 'a' })];
    expect(evaluateAt(history, T)).toMatchObject({ orderCount: 2, orders12: 2, firstPurchaseAt: before(20), lastPurchaseAt: before(10) });
    const lastVoided = [...history, refund(C, before(4), 1_000, { orderId: 'c' })];
    expect(evaluateAt(lastVoided, T)).toMatchObject({ orderCount: 1, firstPurchaseAt: before(20), lastPurchaseAt: before(20) });
  });

  it('fully refunded by two refunds: voided only once the second one arrives', () => {
    const first = [order('a', 30), order('b', 20), refund(C, before(5), 400, { orderId: 'b' })];
    expect(evaluateAt(first, T)).toMatchObject({ orderCount: 2, lastPurchaseAt: before(20) });
    const both = [...first, refund(C, before(4), 600, { orderId: 'b' })];
    expect(evaluateAt(both, T)).toMatchObject({ orderCount: 1, lastPurchaseAt: before(30) });
  });

  it('partly refunded (1 minor unit short): still counting', () => {
    const history = [order('a', 30), refund(C, before(5), 999, { orderId: 'a' })];
    expect(evaluateAt(history, T)).toMatchObject({ orderCount: 1, orders12: 1, net12: 1 });
  });

  it('a zero-total order with no refund counts', () => {
    const e = evaluateAt([order('free', 10, 0)], T);
    expect(e).toMatchObject({ orderCount: 1, orders12: 1, net12: 0, status: 'NEW', qualifiedLevel: 'ONE_TIME' });
  });

  it('an order refunded in a foreign currency is voided by base amounts', () => {
    const history = [
      purchase(C, before(30), 10_000, { orderId: 'a' }),
      refund(C, before(5), 1, { orderId: 'a', currency: 'JPY', baseAmountMinor: 10_000 }),
    ];
    expect(evaluateAt(history, T).orderCount).toBe(0);
  });
});

describe('csat12', () => {
  it('is the share of CSAT ≥ 4 in W(t), or null without any', () => {
    expect(evaluateAt([purchase(C, before(1), 1)], T).csat12).toBeNull();
    const history = [csat(C, before(400), 5), csat(C, before(30), 4), csat(C, before(20), 3), csat(C, before(10), 5), csat(C, before(5), 1)];
    expect(evaluateAt(history, T).csat12).toBe(0.5);
  });
});
