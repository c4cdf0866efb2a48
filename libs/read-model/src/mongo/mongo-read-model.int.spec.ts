import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { buildFixture } from '../contract-fixtures.js';
import { describeReadModelContract } from '../read-model.contract.js';
import { describeTransitionFeedContract } from '../transition-feed.contract.js';
import type { CustomerRecord, ReadModelStore } from '../read-model.port.js';
import { CUSTOMER_INDEXES, TRANSITION_INDEXES } from './indexes.js';
import { createMongoReadModel } from './mongo-read-model.js';
import { dueFilter, IN_POPULATION, RANK_SORT, rankRangeFilter } from './queries.js';
import { dailyTalliesPipeline } from './stats-queries.js';

const uri = process.env.MONGODB_URI;
const SKIP_REASON = 'MongoDB contract suite skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/lifecycle?directConnection=true after `docker compose up -d mongodb`)';
const run = randomUUID().slice(0, 8);
let databases = 0;
// Constructing a client does not connect; it connects on its first operation.
const admin = uri ? new MongoClient(uri) : null;

afterAll(async () => {
  await admin?.close();
});

/** A store on a database of its own, dropped on teardown. */
async function openStore(collectionPrefix = ''): Promise<{ store: ReadModelStore; database: string; teardown: () => Promise<void> }> {
  const database = `read_model_${run}_${(databases += 1)}`;
  const store = await createMongoReadModel({ uri: uri as string, database, collectionPrefix });
  return {
    store,
    database,
    teardown: async () => {
      await store.close();
      await admin?.db(database).dropDatabase();
    },
  };
}

describeReadModelContract('mongodb', async () => (uri ? openStore() : null), uri ? undefined : SKIP_REASON);
describeTransitionFeedContract('mongodb', async () => (uri ? openStore() : null), uri ? undefined : SKIP_REASON);

(uri ? describe : describe.skip)('mongodb read model', () => {
  let opened: Awaited<ReturnType<typeof openStore>>;
  const prefix = 'v1_';
  const fixture = buildFixture();
  const record = (id: string): CustomerRecord => fixture.records.get(id) as CustomerRecord;
  // Every collection of the store is keyed by a string _id.
  const collection = (name: string) => (admin as MongoClient).db(opened.database).collection<{ _id: string }>(`${prefix}${name}`);

  beforeEach(async () => {
    opened = await openStore(prefix);
  });
  afterEach(async () => {
    await opened.teardown();
  });

  it('changes nothing when a commit is delivered again', async () => {
    const { store } = opened;
    const write = { customers: [...fixture.records.values()], transitions: fixture.transitions, meta: { checkpoint: 9n } };
    await store.commit(write);
    const counts = await store.transitionCounts();
    await store.commit(write);
    expect(await store.transitionCounts()).toEqual(counts);
    expect(await collection('transitions').countDocuments()).toBe(fixture.transitions.length);
    expect(await store.getCustomers(['11'])).toEqual(new Map([['11', record('11')]]));
  });

  it('never moves a customer back to an older position, in a batch with new and newer ones', async () => {
    const { store } = opened;
    const newer: CustomerRecord = { ...record('3'), lastPosition: record('3').lastPosition + 100n };
    await store.commit({ customers: [newer, record('9')], transitions: [] });
    const moved: CustomerRecord = { ...record('9'), lastPosition: record('9').lastPosition + 1n, tierDirty: true };
    await store.commit({ customers: [record('3'), record('11'), moved], transitions: [] });
    const stored = await store.getCustomers(['3', '11', '9']);
    expect(stored.get('3')).toEqual(newer);
    expect(stored.get('11')).toEqual(record('11'));
    expect(stored.get('9')).toEqual(moved);
  });

  it('rewrites a customer at the same position (the second step of a DayEnded)', async () => {
    const { store } = opened;
    await store.commit({ customers: [{ ...record('9'), tierDirty: true }], transitions: [] });
    const reranked: CustomerRecord = { ...record('9'), state: { ...record('9').state, valueTier: 'KEY' }, tierDirty: false };
    await store.commit({ customers: [reranked], transitions: [] });
    expect((await store.getCustomers(['9'])).get('9')).toEqual(reranked);
  });

  it('creates its collections under the prefix, with the indexes', async () => {
    const names = async (name: string) => (await collection(name).listIndexes().toArray()).map((index) => index.name);
    expect(await names('customers')).toEqual(expect.arrayContaining(CUSTOMER_INDEXES.map((index) => index.name)));
    expect(await names('transitions')).toEqual(expect.arrayContaining(TRANSITION_INDEXES.map((index) => index.name)));
  });

  it('serves the ranking and due queries from their partial indexes', async () => {
    await opened.store.commit({ customers: [...fixture.records.values()], transitions: [] });
    const customers = collection('customers');
    const plan = async (cursor: { explain(): Promise<unknown> }) => JSON.stringify(await cursor.explain());
    expect(await plan(customers.find(IN_POPULATION).sort(RANK_SORT).skip(2).limit(1))).toContain('net12_rank');
    expect(await plan(customers.find(rankRangeFilter({ net12: 9000, customerId: '11' }, { net12: 3000, customerId: '5' })).sort(RANK_SORT)))
      .toContain('net12_rank');
    expect(await plan(customers.find(dueFilter(Date.now())))).toContain('nextDueAt_due');
  });

  it('selects the transitions of the daily statistics on the t index', async () => {
    await opened.store.commit({ customers: [], transitions: fixture.transitions });
    const plan = await collection('transitions').aggregate(dailyTalliesPipeline(0, Date.parse('2024-02-01T00:00:00Z'))).explain();
    expect(JSON.stringify(plan)).toContain('"indexName":"t"');
  });
});
