import { type CustomerProfile, type Cutoffs, toProfile } from '@lifecycle/domain';
import {
  BASE_POSITION, buildFixture, DAY_END_DATE, DAY_END_POSITION, type Fixture, FOLD_CUTOFFS, ids, ordinal,
} from './contract-fixtures.js';
import { encodeCursor, InvalidCursorError } from './cursor.js';
import type { CustomerFilter, CustomerRecord, ProjectionMeta, ReadModelStore, StoredTransition } from './read-model.port.js';
import { expectedTallies, sortTallies } from './stats.contract-helpers.js';
import { describeSkipped } from '../../../test/support/skipped-suite.js';

type StoreFactory = () => Promise<{ store: ReadModelStore; teardown: () => Promise<void> } | null>;

const EMPTY_META: ProjectionMeta = { checkpoint: null, clockDate: null, clockAsOf: null, cutoffs: null, rulesVersion: null };
const CLOCK_AS_OF = Date.parse('2024-04-10T00:00:00.000Z');
const META: ProjectionMeta = {
  checkpoint: 2n ** 62n + 3n,
  clockDate: DAY_END_DATE,
  clockAsOf: CLOCK_AS_OF,
  cutoffs: FOLD_CUTOFFS,
  rulesVersion: 'rules-v1',
};

/** The behaviour every ReadModelStore adapter must show, through the port only; each adapter's integration spec calls this. */
export function describeReadModelContract(adapterName: string, factory: StoreFactory, skipReason?: string): void {
  const title = `ReadModelStore contract: ${adapterName}`;
  if (skipReason !== undefined) {
    describeSkipped(title, skipReason);
    return;
  }

  describe(title, () => {
    let store: ReadModelStore;
    let teardown: (() => Promise<void>) | undefined;
    let fixture: Fixture;

    beforeEach(async () => {
      const created = await factory();
      if (!created) throw new Error(`${adapterName}: the factory returned no store and no skip reason was given`);
      ({ store, teardown } = created);
      fixture = buildFixture();
    });

    afterEach(async () => {
      await teardown?.();
      teardown = undefined;
    });

    const record = (id: string): CustomerRecord => fixture.records.get(id) as CustomerRecord;
    const seed = async (meta: Partial<ProjectionMeta> = META): Promise<void> => {
      await store.commit({ customers: [...fixture.records.values()], transitions: fixture.transitions, meta });
    };
    const profileOf = (id: string, meta: Pick<ProjectionMeta, 'clockAsOf' | 'rulesVersion'> = META): CustomerProfile =>
      toProfile(record(id).state, meta.clockAsOf, meta.rulesVersion ?? '');

    describe('fixture', () => {
      it('has the classifications the other tests rely on', () => {
        const summary = Object.fromEntries([...fixture.records].map(([id, r]) =>
          [id, [r.state.status, r.state.loyaltyLevel, r.state.valueTier, r.state.evaluation.net12]]));
        expect(summary).toEqual({
          1: ['PROSPECT', 'NONE', 'NONE', 0],
          10: ['ACTIVE', 'ONE_TIME', 'KEY', 5000],
          9: ['NEW', 'ONE_TIME', 'STANDARD', 5000],
          11: ['NEW', 'REPEAT', 'VIP', 9000],
          3: ['NEW', 'ONE_TIME', 'STANDARD', 3000],
          4: ['QUALIFIED', 'NONE', 'NONE', 0],
          5: ['NEW', 'REPEAT', 'SMALL', 3000],
          2: ['CHURNED', 'ONE_TIME', 'SMALL', 1500],
        });
      });
    });

    describe('customers', () => {
      it('round-trips records with exact bigint positions', async () => {
        await seed();
        const found = await store.getCustomers(['11', '10', 'unknown', '1']);
        expect([...found.keys()].sort(ordinal)).toEqual(['1', '10', '11']);
        for (const id of ['1', '10', '11']) expect(found.get(id)).toEqual(record(id));
        expect(found.get('10')?.lastPosition).toBe(DAY_END_POSITION);
        expect(typeof found.get('11')?.lastPosition).toBe('bigint');
        expect(found.get('11')?.lastPosition).toBeGreaterThan(BASE_POSITION);
        expect((await store.getCustomers([])).size).toBe(0);
      });

      it('replaces a customer on a later commit', async () => {
        await seed();
        const later: CustomerRecord = { ...record('3'), lastPosition: DAY_END_POSITION + 5n, tierDirty: true };
        await store.commit({ customers: [later], transitions: [] });
        expect((await store.getCustomers(['3'])).get('3')).toEqual(later);
      });

      it('returns the customers due at or before asOf (≤)', async () => {
        await seed();
        const dueAts = [...fixture.records.values()].map((r) => r.state.nextDueAt);
        expect(dueAts).toContain(null);
        const due = (asOf: number) => store.dueCustomers(asOf).then((records) => ids(records).sort(ordinal));
        const expected = (asOf: number) => [...fixture.records.values()]
          .filter((r) => r.state.nextDueAt !== null && r.state.nextDueAt <= asOf).map((r) => r.state.customerId).sort(ordinal);
        const first = Math.min(...dueAts.filter((at): at is number => at !== null));
        expect(await due(first - 1)).toEqual([]);
        expect(await due(first)).toEqual(expected(first));
        expect(await due(first)).not.toEqual([]);
        const all = Number.MAX_SAFE_INTEGER;
        expect(await due(all)).toEqual(expected(all));
        expect(await due(all)).not.toContain('1');
        const records = await store.dueCustomers(first);
        for (const r of records) expect(r).toEqual(record(r.state.customerId));
      });

      it('lists tier-dirty customers and clears them on clearTierDirty', async () => {
        await seed();
        expect(await store.tierDirtyIds()).toEqual([]);
        await store.commit({ customers: [{ ...record('9'), tierDirty: true }, { ...record('10'), tierDirty: true }], transitions: [] });
        expect((await store.tierDirtyIds()).sort(ordinal)).toEqual(['10', '9']);
        expect((await store.getCustomers(['9'])).get('9')?.tierDirty).toBe(true);
        await store.commit({ customers: [], transitions: [], clearTierDirty: true });
        expect(await store.tierDirtyIds()).toEqual([]);
        const after = await store.getCustomers(['9', '10']);
        expect([after.get('9')?.tierDirty, after.get('10')?.tierDirty]).toEqual([false, false]);
        expect(after.get('9')?.state).toEqual(record('9').state);
      });
    });

    describe('ranking', () => {
      const key = (net12: number, customerId: string) => ({ net12, customerId });

      it('counts the population with net12 > 0', async () => {
        expect(await store.populationSize()).toBe(0);
        await seed();
        expect(await store.populationSize()).toBe(6);
      });

      it('gives the key at each rank: net12 desc, ties by customerId ordinal', async () => {
        await seed();
        const keys = [];
        for (let rank = 1; rank <= 6; rank += 1) keys.push(await store.keyAtRank(rank));
        expect(keys).toEqual([key(9000, '11'), key(5000, '10'), key(5000, '9'), key(3000, '3'), key(3000, '5'), key(1500, '2')]);
      });

      it('scans the range (after, until] in rank order', async () => {
        await seed();
        const range = async (after: ReturnType<typeof key> | null, until: ReturnType<typeof key>) => ids(await store.rankRange(after, until));
        expect(await range(null, key(5000, '10'))).toEqual(['11', '10']);
        expect(await range(key(9000, '11'), key(5000, '9'))).toEqual(['10', '9']);
        expect(await range(key(5000, '10'), key(3000, '5'))).toEqual(['9', '3', '5']);
        expect(await range(key(5000, '9'), key(5000, '9'))).toEqual([]);
        expect(await range(key(3000, '3'), key(1500, '2'))).toEqual(['5', '2']);
        // Bounds need not be customers: '10' < '5' < '9'.
        expect(await range(key(6000, 'x'), key(5000, '5'))).toEqual(['10']);
        expect(await range(null, key(1, 'zz'))).toEqual(['11', '10', '9', '3', '5', '2']);
        const [top] = await store.rankRange(null, key(9000, '11'));
        expect(top).toEqual(record('11'));
      });
    });

    describe('transitions', () => {
      const of = (customerId: string): StoredTransition[] => fixture.transitions.filter((tr) => tr.customerId === customerId);

      it('stores transitions and pages them per customer with an opaque cursor', async () => {
        await seed();
        const expected = of('5');
        expect(expected).toHaveLength(8);
        const first = await store.transitions('5', 3, null);
        expect(first.items).toEqual(expected.slice(0, 3));
        expect(typeof first.nextCursor).toBe('string');
        const second = await store.transitions('5', 3, first.nextCursor);
        expect(second.items).toEqual(expected.slice(3, 6));
        const third = await store.transitions('5', 3, second.nextCursor);
        expect(third).toEqual({ items: expected.slice(6), nextCursor: null });
        // The first page ends inside one event's transitions.
        expect(expected[2]?.position).toBe(expected[3]?.position);
      });

      it('ends with a null cursor when a page is exactly full, and is empty for an unknown customer', async () => {
        await seed();
        expect(await store.transitions('5', 8, null)).toEqual({ items: of('5'), nextCursor: null });
        expect(await store.transitions('nobody', 5, null)).toEqual({ items: [], nextCursor: null });
      });

      it('rejects a crafted cursor of any decoded shape with InvalidCursorError, on profiles and transitions', async () => {
        await seed();
        const crafted = ['e30', 'W10', 'dHJ1ZQ', 'WzEsMl0', 'eyJhIjoxfQ', 'bnVsbA', 'LTE', 'MS41', '!!!', 'OTk5OTk5OTk5OTk5OTk5OTk5OQ'];
        for (const cursor of crafted) {
          await expect(store.listProfiles({}, 5, cursor)).rejects.toBeInstanceOf(InvalidCursorError);
        }
        // A customer-id cursor is a string: numbers are crafted there; the transitions adapter may use either kind.
        await expect(store.listProfiles({}, 5, encodeCursor(5))).rejects.toBeInstanceOf(InvalidCursorError);
        for (const cursor of [...crafted, encodeCursor({ seq: 1 }), ['a', 'b'] as unknown as string]) {
          await expect(store.transitions('5', 3, cursor)).rejects.toBeInstanceOf(InvalidCursorError);
        }
      });

      it('keeps the day-end cause and the reactivation flag', async () => {
        await seed();
        const ten = (await store.transitions('10', 10, null)).items;
        expect(ten).toEqual(of('10'));
        expect(ten[ten.length - 1]).toMatchObject({ cause: { dayEnded: DAY_END_DATE }, from: 'NEW', to: 'ACTIVE', position: DAY_END_POSITION });
        const reactivated = (await store.transitions('5', 10, null)).items.filter((tr) => tr.reactivation);
        expect(reactivated).toEqual([expect.objectContaining({ field: 'status', from: 'CHURNED', reactivation: true })]);
      });

      it('counts transitions by field, initial assignments (from null) and reactivations', async () => {
        expect(await store.transitionCounts()).toEqual({ byField: {}, initial: {}, reactivations: 0 });
        await seed();
        const count = (list: StoredTransition[]) => list.reduce<Record<string, number>>((acc, tr) => ({ ...acc, [tr.field]: (acc[tr.field] ?? 0) + 1 }), {});
        const counts = await store.transitionCounts();
        expect(counts).toEqual({
          byField: count(fixture.transitions.filter((tr) => tr.from !== null)),
          initial: { status: 8, valueTier: 8 },
          reactivations: 1,
        });
        expect(counts.byField.loyaltyLevel).toBeGreaterThan(0);
      });
    });

    describe('meta and cutoffs', () => {
      it('starts empty and round-trips every field, bigint checkpoint exact', async () => {
        expect(await store.loadMeta()).toEqual(EMPTY_META);
        await store.commit({ customers: [], transitions: [], meta: META });
        const meta = await store.loadMeta();
        expect(meta).toEqual(META);
        expect(meta.checkpoint).toBe(2n ** 62n + 3n);
      });

      it('updates only the fields given, and reads fields set to null back as null', async () => {
        await store.commit({ customers: [], transitions: [], meta: META });
        await store.commit({ customers: [], transitions: [], meta: { checkpoint: 7n } });
        expect(await store.loadMeta()).toEqual({ ...META, checkpoint: 7n });
        await store.commit({ customers: [], transitions: [] });
        expect(await store.loadMeta()).toEqual({ ...META, checkpoint: 7n });
        await store.commit({ customers: [], transitions: [], meta: EMPTY_META });
        expect(await store.loadMeta()).toEqual(EMPTY_META);
      });

      it('stores cutoffs per date, replacing a date on a second write', async () => {
        const later: Cutoffs = { populationSize: 2, VIP: null, KEY: { net12: 10, customerId: 'b' }, STANDARD: { net12: 5, customerId: 'c' } };
        const empty: Cutoffs = { populationSize: 0, VIP: null, KEY: null, STANDARD: null };
        expect(await store.cutoffsAt('2024-01-02')).toBeNull();
        expect(await store.allCutoffs()).toEqual([]);
        await store.commit({ customers: [], transitions: [], cutoffs: { date: '2024-01-02', cutoffs: FOLD_CUTOFFS } });
        await store.commit({ customers: [], transitions: [], cutoffs: { date: '2024-01-01', cutoffs: empty } });
        expect(await store.cutoffsAt('2024-01-02')).toEqual(FOLD_CUTOFFS);
        await store.commit({ customers: [], transitions: [], cutoffs: { date: '2024-01-02', cutoffs: later } });
        expect(await store.cutoffsAt('2024-01-02')).toEqual(later);
        expect(await store.cutoffsAt('2024-01-03')).toBeNull();
        expect(await store.allCutoffs()).toEqual([{ date: '2024-01-01', cutoffs: empty }, { date: '2024-01-02', cutoffs: later }]);
      });
    });

    describe('profiles', () => {
      it('gets a profile from the state and the meta, or null when unknown', async () => {
        await seed({ checkpoint: 1n });
        expect(await store.getProfile('11')).toEqual(profileOf('11', { clockAsOf: null, rulesVersion: null }));
        await store.commit({ customers: [], transitions: [], meta: META });
        expect(await store.getProfile('11')).toEqual(profileOf('11'));
        expect(await store.getProfile('nobody')).toBeNull();
      });

      const pageThrough = async (filter: CustomerFilter, limit: number): Promise<string[][]> => {
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const page = await store.listProfiles(filter, limit, cursor);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          pages.push(page.items.map((p) => p.customerId));
          cursor = page.nextCursor;
        } while (cursor !== null && pages.length < 20);
        return pages;
      };

      it.each<[CustomerFilter, number, string[][]]>([
        [{}, 3, [['1', '10', '11'], ['2', '3', '4'], ['5', '9']]],
        [{ status: 'NEW' }, 2, [['11', '3'], ['5', '9']]],
        [{ loyaltyLevel: 'ONE_TIME' }, 3, [['10', '2', '3'], ['9']]],
        [{ valueTier: 'SMALL' }, 1, [['2'], ['5']]],
        [{ status: 'NEW', loyaltyLevel: 'ONE_TIME' }, 5, [['3', '9']]],
        [{ status: 'NEW', valueTier: 'SMALL' }, 2, [['5']]],
        [{ status: 'NEW', loyaltyLevel: 'REPEAT', valueTier: 'VIP' }, 2, [['11']]],
        [{ status: 'ACTIVE', valueTier: 'VIP' }, 2, [[]]],
      ])('lists profiles matching %j in pages of %i, ordered by customerId', async (filter, limit, expected) => {
        await seed();
        expect(await pageThrough(filter, limit)).toEqual(expected);
      });

      it('lists full profiles', async () => {
        await seed();
        const page = await store.listProfiles({ status: 'NEW', loyaltyLevel: 'ONE_TIME' }, 10, null);
        expect(page).toEqual({ items: [profileOf('3'), profileOf('9')], nextCursor: null });
      });

      it('yields every profile sorted by customerId in batches', async () => {
        const none: CustomerProfile[][] = [];
        for await (const batch of store.allProfiles(3)) none.push(batch);
        expect(none).toEqual([]);
        await seed();
        const batches: CustomerProfile[][] = [];
        for await (const batch of store.allProfiles(3)) batches.push(batch);
        expect(batches.map((b) => b.length)).toEqual([3, 3, 2]);
        const all = batches.flat();
        expect(all.map((p) => p.customerId)).toEqual(['1', '10', '11', '2', '3', '4', '5', '9']);
        expect(all).toEqual(all.map((p) => profileOf(p.customerId)));
      });

      it('counts the segments', async () => {
        expect(await store.segmentCounts()).toEqual({ customers: 0, status: {}, loyaltyLevel: {}, valueTier: {} });
        await seed();
        expect(await store.segmentCounts()).toEqual({
          customers: 8,
          status: { PROSPECT: 1, QUALIFIED: 1, NEW: 4, ACTIVE: 1, CHURNED: 1 },
          loyaltyLevel: { NONE: 2, ONE_TIME: 4, REPEAT: 2 },
          valueTier: { VIP: 1, KEY: 1, STANDARD: 2, SMALL: 2, NONE: 2 },
        });
      });
    });

    describe('statistics', () => {
      const DAY = 86_400_000;
      const instants = () => [...new Set(fixture.transitions.map((tr) => tr.t))].sort((a, b) => a - b);

      it('tallies every transition before an instant (exclusive) by field, from and to, with the reactivations', async () => {
        expect(await store.transitionTalliesBefore(Number.MAX_SAFE_INTEGER)).toEqual([]);
        await seed();
        const ts = instants();
        expect(ts.length).toBeGreaterThan(5);
        for (const before of [ts[0], ts[1], ts[4], ts[4] + 1, ts[ts.length - 1], Number.MAX_SAFE_INTEGER]) {
          const expected = expectedTallies(fixture.transitions.filter((tr) => tr.t < before));
          expect(sortTallies(await store.transitionTalliesBefore(before))).toEqual(expected);
        }
        const all = await store.transitionTalliesBefore(Number.MAX_SAFE_INTEGER);
        expect(all.reduce((sum, t) => sum + t.n, 0)).toBe(fixture.transitions.length);
        expect(all.reduce((sum, t) => sum + t.reactivations, 0)).toBe(1);
        expect(all).toContainEqual({ field: 'status', from: null, to: 'PROSPECT', n: 8, reactivations: 0 });
      });

      it('tallies the transitions of [from, to) per UTC day, in day order', async () => {
        expect(await store.dailyTransitionTallies(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
        await seed();
        const ts = instants();
        const ranges: Array<[number, number]> = [
          [ts[0], Number.MAX_SAFE_INTEGER], [ts[1], ts[5]], [ts[2] - DAY, ts[2]], [ts[ts.length - 1], ts[ts.length - 1] + 1], [ts[3] + 1, ts[3] + 2],
        ];
        for (const [from, to] of ranges) {
          const got = await store.dailyTransitionTallies(from, to);
          const expected = expectedTallies(fixture.transitions.filter((tr) => tr.t >= from && tr.t < to), DAY);
          expect(sortTallies(got)).toEqual(expected);
          const days = got.map((tally) => tally.day);
          expect(days).toEqual([...days].sort((a, b) => a - b));
        }
        const dayEnd = await store.dailyTransitionTallies(ts[ts.length - 1], ts[ts.length - 1] + 1);
        expect(dayEnd).toEqual([{ day: Date.parse('2024-04-10T00:00:00Z') / DAY, field: 'status', from: 'NEW', to: 'ACTIVE', n: 1, reactivations: 0 }]);
      });

      it('gives the cutoffs of a date range, both ends included, in date order', async () => {
        const other: Cutoffs = { populationSize: 1, VIP: { net12: 7, customerId: 'z' }, KEY: null, STANDARD: null };
        for (const date of ['2024-01-03', '2024-01-01', '2024-01-02', '2024-02-01']) {
          await store.commit({ customers: [], transitions: [], cutoffs: { date, cutoffs: date === '2024-01-02' ? other : FOLD_CUTOFFS } });
        }
        expect(await store.cutoffsBetween('2024-01-01', '2024-01-02')).toEqual([
          { date: '2024-01-01', cutoffs: FOLD_CUTOFFS }, { date: '2024-01-02', cutoffs: other },
        ]);
        expect((await store.cutoffsBetween('2024-01-02', '2024-12-31')).map((c) => c.date)).toEqual(['2024-01-02', '2024-01-03', '2024-02-01']);
        expect(await store.cutoffsBetween('2024-01-04', '2024-01-31')).toEqual([]);
        expect(await store.cutoffsBetween('2024-01-03', '2024-01-01')).toEqual([]);
      });
    });

    describe('storedCustomers', () => {
      it('yields every customer as stored, sorted by id, in pages: the state, the indexed classifications and the position', async () => {
        await seed();
        const pages: string[][] = [];
        const stored = new Map<string, Record<string, unknown>>();
        for await (const page of store.storedCustomers(4)) {
          pages.push(page.map((c) => c.customerId));
          for (const c of page) stored.set(c.customerId, c.fields);
        }
        expect(pages.flat()).toEqual(ids(fixture.records.values()).sort(ordinal));
        expect(pages.every((p) => p.length <= 4)).toBe(true);
        for (const [id, r] of fixture.records) {
          const values = Object.values(stored.get(id) ?? {});
          // Adapter-specific names and integer forms, adapter-agnostic content: every figure a query can read is there.
          expect(values).toContainEqual(r.state);
          const scalars = values.filter((v) => typeof v !== 'object' || v === null).map(String);
          expect(scalars).toEqual(expect.arrayContaining([r.state.status, r.state.loyaltyLevel, r.state.valueTier, String(r.state.evaluation.net12), r.lastPosition.toString()]));
        }
      });
    });

    describe('unitOfWork', () => {
      it("returns the work's value and keeps its commits", async () => {
        const result = await store.unitOfWork(async () => {
          await store.commit({ customers: [record('9')], transitions: [], meta: { checkpoint: 5n } });
          await store.commit({ customers: [record('3')], transitions: [], meta: { checkpoint: 6n } });
          return 'done';
        });
        expect(result).toBe('done');
        expect((await store.loadMeta()).checkpoint).toBe(6n);
        expect([...(await store.getCustomers(['9', '3'])).keys()].sort(ordinal)).toEqual(['3', '9']);
        expect(await store.getProfile('9')).toEqual(profileOf('9', { clockAsOf: null, rulesVersion: null }));
      });
    });
  });
}
