import { buildFixture } from '../../../read-model/src/contract-fixtures.js';
import { expectedTallies } from '../../../read-model/src/stats.contract-helpers.js';
import type { DailyTransitionTally, StoredTransition } from '@lifecycle/read-model';
import { segmentSeries } from './segment-series.js';

const DAY = 86_400_000;
const fixture = buildFixture();
const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
const tallies = (filter: (tr: StoredTransition) => boolean) => expectedTallies(fixture.transitions.filter(filter));
const dailyTallies = (from: string, to: string) =>
  expectedTallies(fixture.transitions.filter((tr) => tr.t >= midnight(from) && tr.t < midnight(to) + DAY), DAY) as DailyTransitionTally[];

/** Segment counts of the fixture's final states, as /segments gives them. */
function finalCounts() {
  const counts = { status: {} as Record<string, number>, loyaltyLevel: {} as Record<string, number>, valueTier: {} as Record<string, number> };
  for (const { state } of fixture.records.values()) {
    counts.status[state.status] = (counts.status[state.status] ?? 0) + 1;
    counts.loyaltyLevel[state.loyaltyLevel] = (counts.loyaltyLevel[state.loyaltyLevel] ?? 0) + 1;
    counts.valueTier[state.valueTier] = (counts.valueTier[state.valueTier] ?? 0) + 1;
  }
  return counts;
}

describe('segmentSeries', () => {
  it('ends with the sizes of the final states, loyalty level NONE included (it has no initial transition)', () => {
    const days = segmentSeries('2024-01-01', '2024-04-10', [], dailyTallies('2024-01-01', '2024-04-10'));
    expect(days).toHaveLength(101);
    expect(days[0].date).toBe('2024-01-01');
    expect(days[100].date).toBe('2024-04-10');
    expect(days[100].sizes).toEqual(finalCounts());
    expect(days[100].sizes.loyaltyLevel.NONE).toBe(2);
    // The day-end of 2024-04-09 takes effect at its asOf, midnight of the 10th.
    expect(days[99].sizes.status.ACTIVE).toBeUndefined();
    expect(days[100].entered.status).toEqual({ ACTIVE: 1 });
    expect(days[100].left.status).toEqual({ NEW: 1 });
  });

  it('starts from the tallies before the range and gives the same days as a series from the start', () => {
    const whole = segmentSeries('2024-01-01', '2024-04-10', [], dailyTallies('2024-01-01', '2024-04-10'));
    const part = segmentSeries('2024-01-06', '2024-01-12', tallies((tr) => tr.t < midnight('2024-01-06')), dailyTallies('2024-01-06', '2024-01-12'));
    expect(part).toEqual(whole.slice(5, 12));
  });

  it('counts new customers, entries, exits and reactivations per day', () => {
    const days = segmentSeries('2024-01-01', '2024-01-31', [], dailyTallies('2024-01-01', '2024-01-31'));
    expect(days[0].newCustomers).toBe(8);
    expect(days[0].entered.status.PROSPECT).toBe(8);
    expect(days.reduce((sum, d) => sum + d.reactivations, 0)).toBe(1);
    // Customer 5 is declared churned on day 2 and buys again on day 6.
    expect(days[2].entered.status.CHURNED).toBe(1);
    expect(days[6]).toMatchObject({ reactivations: 1, left: { status: { CHURNED: 1 } } });
    for (const day of days) {
      const inflow = Object.values(day.entered.status).reduce((a, b) => a + b, 0);
      const outflow = Object.values(day.left.status).reduce((a, b) => a + b, 0);
      expect(inflow - outflow).toBe(day.newCustomers);
    }
  });

  it('gives empty days where nothing happened, with the sizes carried over', () => {
    const days = segmentSeries('2024-02-01', '2024-02-03', tallies((tr) => tr.t < midnight('2024-02-01')), []);
    expect(days.map((d) => d.date)).toEqual(['2024-02-01', '2024-02-02', '2024-02-03']);
    expect(days[2]).toEqual({ ...days[0], date: '2024-02-03' });
    expect(days[0].entered).toEqual({ status: {}, loyaltyLevel: {}, valueTier: {} });
    expect(Object.values(days[0].sizes.status).reduce((a, b) => a + b, 0)).toBe(8);
  });
});
