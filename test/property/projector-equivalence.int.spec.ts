import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  addDays, type BusinessEvent, DAY_MS, dayEndAsOf, defaultRules, formatInstant, type LifecycleEvent, parseDate, toProfile,
} from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type RecordedEvent } from '@lifecycle/event-store';
import { createSqliteReadModel, type ReadModelStore } from '@lifecycle/read-model';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { rebuildProjection } from '../../libs/core/src/projection/rebuild/rebuild-projection.js';
import { toNewEvent } from '../../libs/core/src/event-log/event-codec.js';
import { arrayEventStore } from '../support/array-event-store.js';
import { bruteForce } from '../support/brute-force.js';

const START = parseDate('2024-01-01') as number;
const DAYS = 900;
const CUSTOMERS = ['1', '10', '2', '9', 'a', 'b', 'c'];

// Short windows and thresholds make every rule fire within a few hundred days.
const rules = {
  ...defaultRules('USD'),
  newCustomerDays: 20, atRiskAfterDays: 30, inactiveAfterDays: 60, churnAfterDays: 90, qualifiedWindowDays: 25,
  windowDays: 120, loyalMinOrders: 3, loyalMinActiveMonths: 2, loyalMinTenureDays: 40, levelValidityDays: 100,
  vipShare: '0.15', keyShare: '0.3', standardShare: '0.6',
};

type Draft = { day: number; ms: number; customer: string; kind: string; amount: number; score: number; ref: number };

const draftArb = fc.record({
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  ms: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DAY_MS - 1 })),
  customer: fc.constantFrom(...CUSTOMERS),
  kind: fc.constantFrom('purchase', 'purchase', 'purchase', 'refund', 'orphanRefund', 'interaction', 'nps', 'csat', 'referral', 'churn'),
  amount: fc.integer({ min: 0, max: 50_000 }),
  score: fc.integer({ min: 0, max: 10 }),
  ref: fc.nat(),
});

/** Turns drafts into a valid log: orders exist before their refunds, refunds never exceed, ticks every day. */
function buildLog(drafts: Draft[], lateShare: number): LifecycleEvent[] {
  const sorted = [...drafts].sort((a, b) => a.day - b.day || a.ms - b.ms);
  const orders = new Map<string, Array<{ id: string; left: number }>>();
  const log: LifecycleEvent[] = [];
  let tickedUntil = -1;
  let n = 0;
  for (const d of sorted) {
    while (tickedUntil < d.day - 1) {
      tickedUntil += 1;
      const date = addDays('2024-01-01', tickedUntil);
      log.push({ eventId: randomUUID(), type: 'DayEnded', occurredAt: formatInstant(dayEndAsOf(date)), data: { date } });
    }
    const late = (n++ % 100) < lateShare ? 3 * DAY_MS : 0;
    const at = formatInstant(START + d.day * DAY_MS + d.ms - late);
    const base = { eventId: randomUUID(), customerId: d.customer, occurredAt: at };
    const own = orders.get(d.customer) ?? [];
    let event: BusinessEvent | null = null;
    if (d.kind === 'purchase') {
      const id = `o${n}`;
      own.push({ id, left: d.amount });
      orders.set(d.customer, own);
      event = { ...base, type: 'PurchaseCompleted', data: { orderId: id, total: { amountMinor: d.amount, currency: 'USD' }, salesChannel: 'ONLINE' } };
    } else if (d.kind === 'refund' && own.length > 0) {
      const order = own[d.ref % own.length];
      const amount = order.left <= 0 ? 0 : d.ref % 2 === 0 ? order.left : Math.max(1, Math.floor(order.left / 2));
      if (amount > 0) {
        order.left -= amount;
        event = { ...base, type: 'PurchaseRefunded', data: { refundId: `r${n}`, orderId: order.id, amount: { amountMinor: amount, currency: 'USD' }, reason: 'RETURN' } };
      }
    } else if (d.kind === 'orphanRefund') {
      event = { ...base, type: 'PurchaseRefunded', data: { refundId: `r${n}`, amount: { amountMinor: 1 + (d.amount % 3000), currency: 'USD' }, reason: 'GOODWILL' } };
    } else if (d.kind === 'interaction') {
      const intents = ['QUOTE_REQUEST', 'DEMO', 'INQUIRY', 'SUPPORT'] as const;
      event = { ...base, type: 'InteractionRecorded', data: { interactionId: `i${n}`, channel: 'EMAIL', direction: 'INBOUND', intent: intents[d.ref % 4] } };
    } else if (d.kind === 'nps') {
      event = { ...base, type: 'FeedbackSubmitted', data: { feedbackId: `f${n}`, kind: 'NPS', score: d.score } };
    } else if (d.kind === 'csat') {
      event = { ...base, type: 'FeedbackSubmitted', data: { feedbackId: `f${n}`, kind: 'CSAT', score: 1 + (d.score % 5) } };
    } else if (d.kind === 'referral') {
      event = { ...base, type: 'ReferralRecorded', data: { referredCustomerId: 'z' } };
    } else if (d.kind === 'churn') {
      event = { ...base, type: 'CustomerChurnDeclared', data: { reason: 'MANUAL' } };
    }
    if (event) log.push(event);
  }
  return log;
}

const recorded = (log: LifecycleEvent[]): RecordedEvent[] =>
  log.map((event, i) => {
    const e = toNewEvent(event, {});
    // The streams the service writes them to (the projector skips events of streams it does not own).
    const streamId = event.type === 'DayEnded' ? CLOCK_STREAM : customerStream(event.customerId);
    return { ...e, streamId, revision: 0n, position: BigInt(i + 1), recordedAt: '2024-01-01T00:00:00.000Z' };
  });

async function project(log: LifecycleEvent[], batchSize: number): Promise<ReadModelStore> {
  const store = createSqliteReadModel({ file: ':memory:' });
  const projector = new Projector(store, rules);
  await projector.init();
  const all = recorded(log);
  for (let i = 0; i < all.length; i += batchSize) await projector.handle(all.slice(i, i + batchSize));
  return store;
}

/** The profiles, transitions (in order per customer) and cutoffs of a projected store equal the brute force's. */
async function expectBruteForce(store: ReadModelStore, expected: ReturnType<typeof bruteForce>): Promise<void> {
  const meta = await store.loadMeta();
  const profiles: unknown[] = [];
  for await (const page of store.allProfiles()) profiles.push(...page);
  const expectedProfiles = [...expected.customers.values()]
    .sort((a, b) => (a.customerId < b.customerId ? -1 : 1))
    .map((state) => ({ ...toProfile(state, expected.clockAsOf, meta.rulesVersion ?? ''), nextDueAt: null, eventCount: state.eventCount }));
  expect(profiles.map((p) => ({ ...(p as object), nextDueAt: null }))).toEqual(expectedProfiles);
  const transitions = [];
  for (const id of expected.customers.keys()) {
    let cursor: string | null = null;
    do {
      const page = await store.transitions(id, 100, cursor);
      transitions.push(...page.items.map(({ position: _p, ...tr }) => tr));
      cursor = page.nextCursor;
    } while (cursor);
  }
  const key = (tr: { customerId: string }) => tr.customerId;
  const stable = <T extends { customerId: string }>(list: T[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  expect(stable(transitions)).toEqual(stable(expected.transitions));
  expect(new Map((await store.allCutoffs()).map((c) => [c.date, c.cutoffs]))).toEqual(expected.cutoffsByDate);
}

describe('the optimised projector equals the literal specification', () => {
  it('on random histories (profiles, transitions in order, cutoffs per date)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draftArb, { minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 50 }),
        async (drafts, lateShare, batchSize) => {
          const log = buildLog(drafts, lateShare);
          const store = await project(log, batchSize);
          try {
            await expectBruteForce(store, bruteForce(log, rules));
          } finally {
            await store.close();
          }
        }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('on the rebuild path: folded in memory, flushed past a budget (tiny or not), bulk-loaded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draftArb, { minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(0.0005, 0.005, 1024),
        async (drafts, lateShare, batchSize, memoryBudgetMb) => {
          const log = buildLog(drafts, lateShare);
          const store = createSqliteReadModel({ file: ':memory:' });
          try {
            const result = await rebuildProjection({ eventStore: arrayEventStore(recorded(log)), target: store, rules, memoryBudgetMb, batchSize, unsafe: true });
            expect(result.mode).toBe('memory');
            await expectBruteForce(store, bruteForce(log, rules));
          } finally {
            await store.close();
          }
        }),
      { numRuns: 60 },
    );
  }, 120_000);
});
