import { defaultRules } from '@lifecycle/domain';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { catchUp } from '../../libs/core/src/projection/catch-up.js';
import { Projector } from '../../libs/core/src/projection/projector.js';
import { rebuildProjection } from '../../libs/core/src/projection/rebuild/rebuild-projection.js';
import { arrayEventStore, generatedLifecycleLog, recordedLog } from '../support/array-event-store.js';
import { describeSkipped } from '../support/skipped-suite.js';

export type FreshStore = () => Promise<{ store: ReadModelStore; teardown: () => Promise<void> } | null>;

const rules = defaultRules('USD');

/** Everything a read model holds, in a comparable form: customers as stored, transitions (per customer and in log order), cutoffs, meta. */
export async function readModelContents(store: ReadModelStore): Promise<Record<string, unknown>> {
  const customers: unknown[] = [];
  for await (const page of store.storedCustomers(7)) customers.push(...page);
  const perCustomer: Record<string, unknown[]> = {};
  for (const { customerId } of customers as Array<{ customerId: string }>) {
    const list: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.transitions(customerId, 5, cursor);
      list.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    perCustomer[customerId] = list;
  }
  const meta = await store.loadMeta();
  const feed = await store.transitionsAfter(null, meta.checkpoint ?? 0n, {}, 1_000_000);
  return { customers, perCustomer, feed, cutoffs: await store.allCutoffs(), meta, counts: await store.transitionCounts() };
}

/**
 * A read model rebuilt in memory (bulk-loaded, with or without flushes past a tiny budget) holds
 * exactly what a live catch-up, batch by batch, leaves: customers as stored, transitions, cutoffs, meta.
 */
export function describeRebuildEqualityContract(adapterName: string, fresh: FreshStore, skipReason?: string): void {
  const title = `rebuild in memory equals a live catch-up (${adapterName})`;
  if (skipReason) {
    describeSkipped(title, skipReason);
    return;
  }
  describe(title, () => {
    const events: EventStore = arrayEventStore(recordedLog(generatedLifecycleLog({ seed: 12, customers: 40, days: 150, eventsPerDay: 9 })));
    let live: Record<string, unknown>;

    beforeAll(async () => {
      const opened = await fresh();
      if (!opened) throw new Error('no store');
      try {
        const projector = new Projector(opened.store, rules);
        await projector.init();
        await catchUp(events, projector, 37);
        live = await readModelContents(opened.store);
      } finally {
        await opened.teardown();
      }
    }, 60_000);

    const rebuilt = async (memoryBudgetMb: number, unsafe: boolean) => {
      const opened = await fresh();
      if (!opened) throw new Error('no store');
      try {
        const result = await rebuildProjection({ eventStore: events, target: opened.store, rules, memoryBudgetMb, batchSize: 53, unsafe });
        return { result, contents: await readModelContents(opened.store) };
      } finally {
        await opened.teardown();
      }
    };

    it('the log exercises the projection (transitions of every field, tier changes at day ends, cutoffs)', () => {
      const counts = live.counts as { byField: Record<string, number> };
      expect(Object.keys(counts.byField).sort()).toEqual(['loyaltyLevel', 'status', 'valueTier']);
      expect((live.customers as unknown[]).length).toBe(40);
      expect((live.cutoffs as unknown[]).length).toBe(150);
      expect((live.feed as Array<{ cause: { dayEnded?: string }; field: string }>).some((tr) => tr.field === 'valueTier' && tr.cause.dayEnded)).toBe(true);
    });

    it('with the default budget: one flush at the end, every field equal', async () => {
      const { result, contents } = await rebuilt(1024, true);
      expect(result.mode).toBe('memory');
      expect(result.store?.evictions).toBe(1);
      expect(contents).toEqual(live);
    }, 60_000);

    it('with a tiny budget: a flush and an eviction after every batch, customers re-read, every field equal', async () => {
      const { result, contents } = await rebuilt(0.001, false);
      expect(result.mode).toBe('memory');
      expect(result.store?.evictions).toBeGreaterThan(10);
      expect(result.store?.reloads).toBeGreaterThan(0);
      expect(contents).toEqual(live);
    }, 60_000);
  });
}
