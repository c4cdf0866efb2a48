import { INTERACTION_INTENTS } from '../events/event-types.js';
import { churn, interaction, plusDays, purchase, refund, registered } from '../testing/event-builders.js';
import { evaluateAt } from '../testing/histories.js';

const C = 'c1';
const D0 = '2023-01-10T08:00:00.000Z';
const day = (n: number) => plusDays(D0, n);

describe('status rule 3: NEW while tenureDays < 90', () => {
  const history = [purchase(C, D0, 5_000)];

  it('tenure 89 (one ms short of 90 days) → NEW', () => {
    expect(evaluateAt(history, day(90) - 1)).toMatchObject({ tenureDays: 89, status: 'NEW', statusRule: 3 });
  });

  it('tenure 90 → no longer NEW (here ACTIVE, recency 90)', () => {
    expect(evaluateAt(history, day(90))).toMatchObject({ tenureDays: 90, recencyDays: 90, status: 'ACTIVE', statusRule: 4 });
  });
});

describe('status rules 4–7 by recencyDays', () => {
  // tenure is already > 90 at the last purchase, so only recency decides
  const history = [purchase(C, D0, 5_000), purchase(C, day(100), 5_000)];
  const last = (n: number) => plusDays(day(100), n);

  it.each([
    [0, 'ACTIVE', 4], [90, 'ACTIVE', 4],
    [91, 'AT_RISK', 5], [180, 'AT_RISK', 5],
    [181, 'INACTIVE', 6], [270, 'INACTIVE', 6],
    [271, 'CHURNED', 7], [1000, 'CHURNED', 7],
  ])('recencyDays %i → %s (rule %i)', (recency, status, rule) => {
    expect(evaluateAt(history, last(recency))).toMatchObject({ recencyDays: recency, status, statusRule: rule });
  });

  it('recency is whole days (floor): 91 days minus 1 ms is still 90 → ACTIVE', () => {
    expect(evaluateAt(history, last(91) - 1)).toMatchObject({ recencyDays: 90, status: 'ACTIVE' });
  });

  it('recency counts from the last counting order, not from a voided one', () => {
    const voidedLater = [...history, purchase(C, day(200), 800, { orderId: 'late' }), refund(C, day(201), 800, { orderId: 'late' })];
    expect(evaluateAt(voidedLater, last(91))).toMatchObject({ recencyDays: 91, status: 'AT_RISK' });
  });
});

describe('status rule 2: QUALIFIED / PROSPECT without counting orders', () => {
  it('a customer with no events of interest is a PROSPECT', () => {
    expect(evaluateAt([registered(C, D0)], day(1))).toMatchObject({ status: 'PROSPECT', statusRule: 2 });
  });

  it.each(['QUOTE_REQUEST', 'DEMO'] as const)('%s: QUALIFIED for 90 days, PROSPECT from day 91', (intent) => {
    const history = [interaction(C, D0, intent)];
    expect(evaluateAt(history, day(0)).status).toBe('QUALIFIED');
    expect(evaluateAt(history, day(90)).status).toBe('QUALIFIED');
    expect(evaluateAt(history, day(91) - 1).status).toBe('QUALIFIED');
    expect(evaluateAt(history, day(91)).status).toBe('PROSPECT');
  });

  it.each(INTERACTION_INTENTS.filter((i) => i !== 'QUOTE_REQUEST' && i !== 'DEMO'))('%s does not qualify', (intent) => {
    expect(evaluateAt([interaction(C, D0, intent)], day(1)).status).toBe('PROSPECT');
  });

  it('the latest qualifying interaction counts, even when a later non-qualifying one follows', () => {
    const history = [interaction(C, D0, 'DEMO'), interaction(C, day(50), 'QUOTE_REQUEST'), interaction(C, day(60), 'SUPPORT')];
    expect(evaluateAt(history, day(140)).status).toBe('QUALIFIED');
    expect(evaluateAt(history, day(141)).status).toBe('PROSPECT');
  });

  it('a customer whose only order is voided is back to rule 2', () => {
    const history = [interaction(C, D0, 'DEMO'), purchase(C, day(1), 900, { orderId: 'o1' }), refund(C, day(2), 900, { orderId: 'o1' })];
    expect(evaluateAt(history, day(3))).toMatchObject({ orderCount: 0, status: 'QUALIFIED' });
  });

  it('a counting order takes precedence over a qualifying interaction', () => {
    expect(evaluateAt([interaction(C, D0, 'DEMO'), purchase(C, day(1), 900)], day(2)).status).toBe('NEW');
  });
});

describe('status rule 1: explicit churn', () => {
  it('CHURNED right away, whatever recency says', () => {
    expect(evaluateAt([purchase(C, D0, 5_000), churn(C, day(10))], day(10))).toMatchObject({ status: 'CHURNED', statusRule: 1 });
  });

  it('wins over rule 2 for a customer without orders', () => {
    expect(evaluateAt([interaction(C, D0, 'DEMO'), churn(C, day(1))], day(1))).toMatchObject({ status: 'CHURNED', statusRule: 1 });
  });

  it('is lifted by a later counting order', () => {
    const history = [purchase(C, D0, 5_000), churn(C, day(10)), purchase(C, day(20), 3_000)];
    expect(evaluateAt(history, day(20))).toMatchObject({ status: 'NEW', statusRule: 3 });
  });

  it('is not lifted by an order at the same instant (occurredAt must be strictly later)', () => {
    expect(evaluateAt([churn(C, day(10)), purchase(C, day(10), 3_000)], day(10)).status).toBe('CHURNED');
  });

  it('is not lifted by a later order that is voided', () => {
    const history = [
      purchase(C, D0, 5_000), churn(C, day(10)),
      purchase(C, day(20), 3_000, { orderId: 'later' }), refund(C, day(21), 3_000, { orderId: 'later' }),
    ];
    expect(evaluateAt(history, day(19)).status).toBe('CHURNED');
    expect(evaluateAt(history, day(21))).toMatchObject({ status: 'CHURNED', statusRule: 1 });
  });

  it('is lifted by a later order that is only partly refunded', () => {
    const history = [churn(C, D0), purchase(C, day(20), 3_000, { orderId: 'later' }), refund(C, day(21), 2_999, { orderId: 'later' })];
    expect(evaluateAt(history, day(21)).status).toBe('NEW');
  });

  it('uses the declaration with the greatest occurredAt, even if it arrived first', () => {
    const history = [churn(C, day(30)), purchase(C, day(20), 3_000), churn(C, day(5))];
    expect(evaluateAt(history, day(31)).status).toBe('CHURNED');
  });
});
