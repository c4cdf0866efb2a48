import type { BusinessEvent } from '../events/event-types.js';
import { churn, interaction, plusDays, purchase, refund, registered } from '../testing/event-builders.js';
import { RULES } from '../testing/histories.js';
import { dayEndAsOf, formatDate } from '../time/instant.js';
import type { Cutoffs } from '../tiers/cutoffs.js';
import { applyBusinessEvent, applyDayEnd, assignTier, type CustomerState, type ProjectionContext } from './customer-state.js';

const C = 'c1';
const D0 = Date.UTC(2023, 0, 10, 12);
const day = (n: number) => plusDays(D0, n);
const noClock: ProjectionContext = { clockAsOf: null, cutoffs: null, rules: RULES };

/** Applies events in log order from an empty customer; returns the last step and every transition. */
function replay(events: BusinessEvent[], ctx: ProjectionContext = noClock) {
  let state: CustomerState | undefined;
  const all = [];
  for (const event of events) {
    const step = applyBusinessEvent(state, event, ctx);
    state = step.state;
    all.push(...step.transitions);
  }
  return { state: state as CustomerState, transitions: all };
}

/** A DayEnded whose asOf is at or just after `at`: the date is the UTC day before asOf. */
const dayEndAt = (state: CustomerState, at: number) => {
  const date = formatDate(Math.ceil(at / 86_400_000) * 86_400_000 - 86_400_000);
  return applyDayEnd(state, date, dayEndAsOf(date), RULES);
};

describe('first event', () => {
  it('logs status and valueTier with from null, and no loyalty transition while it stays NONE', () => {
    const reg = registered(C, D0);
    const { state, transitions } = applyBusinessEvent(undefined, reg, noClock);
    expect(transitions).toEqual([
      { customerId: C, field: 'status', from: null, to: 'PROSPECT', t: D0, cause: { eventId: reg.eventId } },
      { customerId: C, field: 'valueTier', from: null, to: 'NONE', t: D0, cause: { eventId: reg.eventId } },
    ]);
    expect(state).toMatchObject({ loyaltyLevel: 'NONE', loyaltyReviewAt: null, eventCount: 1 });
  });

  it('a first purchase logs loyalty from NONE, and the tier is SMALL before any cutoffs', () => {
    const { transitions } = replay([purchase(C, D0, 1_000)]);
    expect(transitions.map(({ field, from, to }) => [field, from, to])).toEqual([
      ['status', null, 'NEW'], ['loyaltyLevel', 'NONE', 'ONE_TIME'], ['valueTier', null, 'SMALL'],
    ]);
  });

  it('an event that changes nothing logs nothing', () => {
    const { state } = replay([purchase(C, D0, 1_000)]);
    const step = applyBusinessEvent(state, interaction(C, day(1), 'SUPPORT'), noClock);
    expect(step.transitions).toEqual([]);
    expect(step.state.eventCount).toBe(2);
  });
});

describe('reactivation', () => {
  it.each([[91, 'AT_RISK'], [181, 'INACTIVE'], [271, 'CHURNED']])(
    'a purchase after %i quiet days (%s) is marked as a reactivation', (quiet, from) => {
      const first = replay([purchase(C, D0, 1_000), purchase(C, day(100), 1_000)]).state;
      const ticked = dayEndAt(first, plusDays(day(100), quiet));
      expect(ticked.state.status).toBe(from);
      const back = purchase(C, ticked.state.t + 3_600_000, 1_000);
      const step = applyBusinessEvent(ticked.state, back, { ...noClock, clockAsOf: ticked.state.t });
      expect(step.transitions.find((tr) => tr.field === 'status')).toEqual({
        customerId: C, field: 'status', from, to: 'ACTIVE', t: ticked.state.t + 3_600_000, cause: { eventId: back.eventId }, reactivation: true,
      });
    },
  );

  it('a purchase that lifts an explicit churn is a reactivation', () => {
    const { transitions } = replay([purchase(C, D0, 1_000), churn(C, day(10)), purchase(C, day(20), 1_000)]);
    expect(transitions.filter((tr) => tr.field === 'status').map(({ from, to, reactivation }) => [from, to, reactivation])).toEqual([
      [null, 'NEW', undefined], ['NEW', 'CHURNED', undefined], ['CHURNED', 'NEW', true],
    ]);
  });

  it('is not marked from PROSPECT or QUALIFIED', () => {
    const { transitions } = replay([interaction(C, D0, 'DEMO'), purchase(C, day(1), 1_000)]);
    expect(transitions.filter((tr) => tr.field === 'status').map((tr) => [tr.from, tr.to, tr.reactivation])).toEqual([
      [null, 'QUALIFIED', undefined], ['QUALIFIED', 'NEW', undefined],
    ]);
  });

  it('is not marked when the change from AT_RISK is caused by another event type', () => {
    const first = replay([purchase(C, D0, 1_000), purchase(C, day(100), 1_000)]).state;
    const atRisk = dayEndAt(first, day(200)).state;
    expect(atRisk.status).toBe('AT_RISK');
    const step = applyBusinessEvent(atRisk, churn(C, atRisk.t), { ...noClock, clockAsOf: atRisk.t });
    expect(step.transitions).toEqual([expect.objectContaining({ field: 'status', from: 'AT_RISK', to: 'CHURNED' })]);
    expect(step.transitions[0].reactivation).toBeUndefined();
  });

  it('is not marked for a late purchase that leaves the status as it was', () => {
    const first = replay([purchase(C, D0, 1_000), purchase(C, day(100), 1_000)]).state;
    const atRisk = dayEndAt(first, day(200)).state;
    const late = applyBusinessEvent(atRisk, purchase(C, day(50), 1_000), { ...noClock, clockAsOf: atRisk.t });
    expect(late.state.status).toBe('AT_RISK');
    expect(late.transitions.filter((tr) => tr.field === 'status')).toEqual([]);
  });
});

describe('evaluation instant t = max(clock, t_prev, occurredAt)', () => {
  it('uses occurredAt when it is the latest', () => {
    expect(applyBusinessEvent(undefined, purchase(C, D0, 1), { ...noClock, clockAsOf: D0 - 1 }).state.t).toBe(D0);
  });

  it('uses the clock for an event that occurred before the last DayEnded', () => {
    const step = applyBusinessEvent(undefined, purchase(C, D0, 1), { ...noClock, clockAsOf: day(100) });
    expect(step.state).toMatchObject({ t: day(100), status: 'AT_RISK' });
    expect(step.state.evaluation.recencyDays).toBe(100);
  });

  it('never goes backwards for a late event', () => {
    const { state } = replay([purchase(C, day(50), 1)]);
    const late = applyBusinessEvent(state, purchase(C, D0, 1), noClock);
    expect(late.state.t).toBe(day(50));
    expect(late.transitions.every((tr) => tr.t === day(50))).toBe(true);
    expect(late.state.evaluation).toMatchObject({ firstPurchaseAt: D0, tenureDays: 50 });
  });

  it('a DayEnded evaluates at max(asOf, t_prev) and keeps the tier and event count', () => {
    const { state } = replay([purchase(C, day(5), 1)]);
    const early = applyDayEnd(state, '2023-01-10', dayEndAsOf('2023-01-10'), RULES);
    expect(early.state).toMatchObject({ t: day(5), valueTier: 'SMALL', eventCount: 1 });
    // asOf 2023-04-16T00:00Z is 90.5 days after the purchase: tenure 90 ends NEW
    const later = applyDayEnd(early.state, '2023-04-15', dayEndAsOf('2023-04-15'), RULES);
    expect(later.state.t).toBe(dayEndAsOf('2023-04-15'));
    expect(later.transitions).toEqual([
      { customerId: C, field: 'status', from: 'NEW', to: 'ACTIVE', t: dayEndAsOf('2023-04-15'), cause: { dayEnded: '2023-04-15' } },
    ]);
  });
});

describe('value tier on a business event', () => {
  const cutoffs: Cutoffs = { populationSize: 100, VIP: { net12: 10_000, customerId: 'm' }, KEY: { net12: 5_000, customerId: 'm' }, STANDARD: { net12: 1_000, customerId: 'm' } };
  const withCutoffs: ProjectionContext = { ...noClock, cutoffs };
  const tierOf = (customerId: string, total: number) => applyBusinessEvent(undefined, purchase(customerId, D0, total), withCutoffs).state.valueTier;

  it('is placed against the cutoffs in force, ties by customerId', () => {
    expect(tierOf('a', 10_000)).toBe('VIP');
    expect(tierOf('n', 10_000)).toBe('KEY');
    expect(tierOf('z', 1_000)).toBe('SMALL');
    expect(tierOf('m', 1_000)).toBe('STANDARD');
  });

  it('is SMALL with no cutoffs, and when the population was empty', () => {
    expect(applyBusinessEvent(undefined, purchase(C, D0, 1_000_000), noClock).state.valueTier).toBe('SMALL');
    const empty = { ...noClock, cutoffs: { populationSize: 0, VIP: null, KEY: null, STANDARD: null } };
    expect(applyBusinessEvent(undefined, purchase(C, D0, 1_000_000), empty).state.valueTier).toBe('SMALL');
  });

  it('drops to NONE when net12 ≤ 0 (a zero order, a full refund)', () => {
    expect(tierOf(C, 0)).toBe('NONE');
    const bought = applyBusinessEvent(undefined, purchase(C, D0, 20_000, { orderId: 'o' }), withCutoffs).state;
    const refunded = applyBusinessEvent(bought, refund(C, day(1), 20_000, { orderId: 'o' }), withCutoffs);
    expect(refunded.transitions.find((tr) => tr.field === 'valueTier')).toMatchObject({ from: 'VIP', to: 'NONE' });
  });
});

describe('assignTier (the daily re-rank)', () => {
  it('returns the state with the new tier and a transition at max(asOf, t) when the tier changes, the same state and none when it does not', () => {
    const { state } = replay([purchase(C, D0, 5_000)]);
    const cutoffs: Cutoffs = { populationSize: 1, VIP: { net12: 5_000, customerId: C }, KEY: null, STANDARD: null };
    const asOf = dayEndAsOf('2023-01-10');
    const step = assignTier(state, cutoffs, '2023-01-10', asOf);
    expect(step.transitions).toEqual([{
      customerId: C, field: 'valueTier', from: 'SMALL', to: 'VIP', t: asOf, cause: { dayEnded: '2023-01-10' },
    }]);
    expect(step.state).toEqual({ ...state, valueTier: 'VIP' });
    expect(state.valueTier).toBe('SMALL');
    const again = assignTier(step.state, cutoffs, '2023-01-11', dayEndAsOf('2023-01-11'));
    expect(again.state).toBe(step.state);
    expect(again.transitions).toEqual([]);
  });
});
