import { buildFixture, DAY_END_POSITION } from './contract-fixtures.js';
import type { ReadModelStore, StoredTransition, TransitionFilter, TransitionKey } from './read-model.port.js';
import { compareKeys, endOfPosition, keyOf } from './transition-key.js';
import { describeSkipped } from '../../../test/support/skipped-suite.js';

type StoreFactory = () => Promise<{ store: ReadModelStore; teardown: () => Promise<void> } | null>;

/** The fixture's transitions, each with a snapshot of its own (the odd ones without: rows stored before snapshots existed). */
function transitionsWithSnapshots(): StoredTransition[] {
  return buildFixture().transitions.map((tr, i) => (i % 2 === 1 ? tr : {
    ...tr,
    snapshot: { status: 'NEW', loyaltyLevel: 'ONE_TIME', valueTier: 'SMALL', net12: 100 * i, orders12: i, lastPurchaseAt: i % 4 === 0 ? null : 1_700_000_000_000 + i },
  }));
}

const inKeyOrder = (list: StoredTransition[]) => [...list].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));

/** transitionsAfter, the cross-customer reading of the integration feed, through the port only. */
export function describeTransitionFeedContract(adapterName: string, factory: StoreFactory, skipReason?: string): void {
  const title = `ReadModelStore transition feed contract: ${adapterName}`;
  if (skipReason !== undefined) {
    describeSkipped(title, skipReason);
    return;
  }

  describe(title, () => {
    let store: ReadModelStore;
    let teardown: (() => Promise<void>) | undefined;
    const all = transitionsWithSnapshots();
    const last = all.reduce((max, tr) => (tr.position > max ? tr.position : max), 0n);

    beforeEach(async () => {
      const created = await factory();
      if (!created) throw new Error(`${adapterName}: no store`);
      ({ store, teardown } = created);
      // Shuffled commits: the order of storage must not matter, only the keys.
      await store.commit({ customers: [], transitions: all.slice(20) });
      await store.commit({ customers: [], transitions: all.slice(0, 20) });
    });

    afterEach(async () => {
      await teardown?.();
    });

    const readAll = async (filter: TransitionFilter, limit: number, until = last): Promise<StoredTransition[][]> => {
      const pages: StoredTransition[][] = [];
      let after: TransitionKey | null = null;
      for (;;) {
        const page = await store.transitionsAfter(after, until, filter, limit);
        if (page.length === 0) return pages;
        expect(page.length).toBeLessThanOrEqual(limit);
        pages.push(page);
        after = keyOf(page[page.length - 1]);
      }
    };

    it('reads every customer in log order (position, field, customerId), snapshots and exact positions kept', async () => {
      const pages = await readAll({}, 4);
      expect(pages.flat()).toEqual(inKeyOrder(all));
      expect(pages.flat().length).toBeGreaterThan(20);
      expect(pages[0][0].position).toBeGreaterThan(2n ** 53n);
      expect(pages.flat().filter((tr) => tr.snapshot).length).toBe(Math.ceil(all.length / 2));
    });

    it('stops at `until`, and an end-of-position key skips the rest of that position', async () => {
      const until = DAY_END_POSITION - 1n;
      expect((await readAll({}, 100, until)).flat()).toEqual(inKeyOrder(all.filter((tr) => tr.position <= until)));
      const some = inKeyOrder(all)[5];
      const after = await store.transitionsAfter(endOfPosition(some.position), last, {}, 1000);
      expect(after).toEqual(inKeyOrder(all.filter((tr) => tr.position > some.position)));
      expect(await store.transitionsAfter(endOfPosition(last), last + 10n, {}, 10)).toEqual([]);
    });

    it.each<[string, TransitionFilter, (tr: StoredTransition) => boolean]>([
      ['field', { field: 'valueTier' }, (tr) => tr.field === 'valueTier'],
      ['to', { to: 'NEW' }, (tr) => tr.to === 'NEW'],
      ['from', { from: 'CHURNED' }, (tr) => tr.from === 'CHURNED'],
      ['reactivation true', { reactivation: true }, (tr) => tr.reactivation === true],
      ['reactivation false', { reactivation: false }, (tr) => !tr.reactivation],
      ['field and to', { field: 'status', to: 'ACTIVE' }, (tr) => tr.field === 'status' && tr.to === 'ACTIVE'],
    ])('filters by %s', async (_name, filter, predicate) => {
      const expected = inKeyOrder(all.filter(predicate));
      expect(expected.length).toBeGreaterThan(0);
      expect((await readAll(filter, 2)).flat()).toEqual(expected);
    });
  });
}
