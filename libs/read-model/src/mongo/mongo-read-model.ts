import { type ClientSession, type Db, MongoClient } from 'mongodb';
import { type CustomerState, type RankKey, toProfile } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionMeta, ProjectionWrite, ReadModelStore } from '../read-model.port.js';
import { ProjectionVersionError } from '../projection-catalog.port.js';
import type { BulkLoadable } from '../rebuild-sink.port.js';
import { SEGMENT_COUNTS_PIPELINE, type SegmentFacet, segmentCountsFrom, TRANSITION_COUNTS_PIPELINE, type TransitionFacet, transitionCountsFrom } from './counts.js';
import { type CustomerDocument, fromCustomerDocument, storedDocumentFields } from './customer-document.js';
import { writeCustomers } from './customer-writes.js';
import { createMongoBulkLoad } from './mongo-bulk-load.js';
import { CUSTOMER_INDEXES, TRANSITION_INDEXES } from './indexes.js';
import { type CutoffsDocument, fromMetaDocument, META_ID, type MetaDocument, metaSet } from './meta-document.js';
import {
  decodeIdCursor, dueFilter, encodeIdCursor, ID_SORT, IN_POPULATION, RANK_SORT, rankRangeFilter, segmentFilter, TIER_DIRTY,
  transitionsFilter, transitionsAfterFilter,
} from './queries.js';
import { mongoStatsQueries } from './stats-queries.js';
import { fromTransitionDocument, fromTransitionDocumentWithSnapshot, type TransitionDocument, toTransitionDocument } from './transition-document.js';

export interface MongoReadModelOptions {
  uri: string;
  /** Defaults to the database of the URI (the driver's own default otherwise). */
  database?: string;
  /** Collection name prefix: one projection version per prefix. */
  collectionPrefix?: string;
  /**
   * The catalog's name of this version: every commit first checks that its entry in
   * `projection_versions` still exists, so a process still writing to a dropped version fails
   * instead of recreating its collections implicitly (without indexes, orphaned).
   */
  catalogVersion?: string;
}

export const VERSIONS_COLLECTION = 'projection_versions';

/**
 * Majority writes and majority reads on the primary: a read returns only what a majority holds,
 * so nothing it returns can be rolled back. MongoDB guarantees reading one's own writes for
 * that combination inside a causally consistent session, so the projector's side (commit and
 * the reads it bases commits on) runs in one; it calls the store one operation at a time.
 */
const CLIENT_OPTIONS = {
  writeConcern: { w: 'majority' as const },
  readConcern: { level: 'majority' as const },
  readPreference: 'primary' as const,
  // States hold optional fields; dropping undefined ones stores what JSON would.
  ignoreUndefined: true,
};

function collectionsOf(db: Db, prefix: string) {
  // int64 fields (positions) come back as bigint, exact.
  const options = { useBigInt64: true };
  return {
    customers: db.collection<CustomerDocument>(`${prefix}customers`, options),
    transitions: db.collection<TransitionDocument>(`${prefix}transitions`, options),
    cutoffs: db.collection<CutoffsDocument>(`${prefix}cutoffs`, options),
    meta: db.collection<MetaDocument>(`${prefix}meta`, options),
  };
}

type Collections = ReturnType<typeof collectionsOf>;

/** Connects, creates the indexes and returns the store. */
export async function createMongoReadModel(options: MongoReadModelOptions): Promise<ReadModelStore & BulkLoadable> {
  const client = new MongoClient(options.uri, CLIENT_OPTIONS);
  await client.connect();
  try {
    const collections = collectionsOf(client.db(options.database), options.collectionPrefix ?? '');
    await collections.customers.createIndexes(CUSTOMER_INDEXES);
    await collections.transitions.createIndexes(TRANSITION_INDEXES);
    const session = client.startSession({ causalConsistency: true });
    const registered = options.catalogVersion;
    const versions = client.db(options.database).collection<{ _id: string }>(VERSIONS_COLLECTION);
    const guard = registered === undefined ? undefined : async () => {
      if (!(await versions.findOne({ _id: registered }, { session, projection: { _id: 1 } }))) {
        throw new ProjectionVersionError(`projection version ${registered} was dropped; nothing was written to it`);
      }
    };
    return mongoReadModel(client, collections, session, guard);
  } catch (error) {
    await client.close();
    throw error;
  }
}

function mongoReadModel(client: MongoClient, c: Collections, session: ClientSession, guard?: () => Promise<void>): ReadModelStore & BulkLoadable {
  const loadMeta = async (): Promise<ProjectionMeta> => fromMetaDocument(await c.meta.findOne({ _id: META_ID }));
  const profileOf = (state: CustomerState, meta: ProjectionMeta) => toProfile(state, meta.clockAsOf, meta.rulesVersion ?? '');
  const stateOnly = { projection: { state: 1 } } as const;

  /**
   * Documents first, the checkpoint last, and no transaction. A crash in between leaves the
   * checkpoint behind the documents, so the events after it are delivered again; re-applying
   * them cannot double-count: customer writes are guarded by their lastPosition (the projector
   * also skips events at or behind it), transition ids are derived from (position, customer,
   * field) so a rewrite replaces nothing, cutoffs are keyed by date, and the re-rank of a
   * DayEnded recomputes the same cutoffs and tiers from the same figures (tierDirty marks
   * customers whose re-rank had not finished).
   */
  const commit = async (write: ProjectionWrite): Promise<void> => {
    await guard?.();
    if (write.customers.length > 0) await writeCustomers(c.customers, write.customers, session);
    if (write.transitions.length > 0) {
      const ops = write.transitions.map(toTransitionDocument).map(({ _id, ...fields }) => ({
        updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
      }));
      await c.transitions.bulkWrite(ops, { ordered: false, session });
    }
    if (write.clearTierDirty) await c.customers.updateMany(TIER_DIRTY, { $set: { tierDirty: false } }, { session });
    if (write.cutoffs) {
      const { date, cutoffs } = write.cutoffs;
      await c.cutoffs.replaceOne({ _id: date }, { cutoffs }, { upsert: true, session });
    }
    const set = metaSet(write.meta ?? {});
    if (Object.keys(set).length > 0) await c.meta.updateOne({ _id: META_ID }, { $set: set }, { upsert: true, session });
  };

  return {
    loadMeta,
    getCustomers: async (ids) => {
      const result = new Map<string, CustomerRecord>();
      if (ids.length === 0) return result;
      for await (const doc of c.customers.find({ _id: { $in: ids } }, { session })) result.set(doc._id, fromCustomerDocument(doc));
      return result;
    },
    dueCustomers: async (asOf) => (await c.customers.find(dueFilter(asOf), { session }).toArray()).map(fromCustomerDocument),
    tierDirtyIds: async () =>
      (await c.customers.find(TIER_DIRTY, { projection: { _id: 1 }, sort: ID_SORT, session }).toArray()).map((doc) => doc._id),
    populationSize: async () => Number(await c.customers.countDocuments(IN_POPULATION, { session })),
    keyAtRank: async (rank) => {
      const [doc] = await c.customers
        .find(IN_POPULATION, { projection: { net12: 1 }, sort: RANK_SORT, skip: rank - 1, limit: 1, session })
        .toArray();
      if (!doc) throw new RangeError(`keyAtRank: no customer at rank ${rank}`);
      return { net12: Number(doc.net12), customerId: doc._id };
    },
    rankRange: async (after: RankKey | null, until: RankKey) =>
      (await c.customers.find(rankRangeFilter(after, until), { sort: RANK_SORT, session }).toArray()).map(fromCustomerDocument),
    commit,
    unitOfWork: (work) => work(),
    rebuildSink: (sinkOptions) => createMongoBulkLoad(c, sinkOptions),
    getProfile: async (customerId) => {
      const [doc, meta] = await Promise.all([c.customers.findOne({ _id: customerId }, stateOnly), loadMeta()]);
      return doc ? profileOf(doc.state, meta) : null;
    },
    listProfiles: async (filter, limit, cursor) => {
      const after = decodeIdCursor(cursor);
      const [docs, meta] = await Promise.all([
        c.customers.find(segmentFilter(filter, after), { ...stateOnly, sort: ID_SORT, limit: limit + 1 }).toArray(),
        loadMeta(),
      ]);
      const page = docs.slice(0, limit);
      return {
        items: page.map((doc) => profileOf(doc.state, meta)),
        nextCursor: docs.length > limit ? encodeIdCursor(page[page.length - 1]._id) : null,
      };
    },
    allProfiles: async function* (batchSize = 5000) {
      const meta = await loadMeta();
      let after: string | null = null;
      for (;;) {
        const docs = await c.customers.find(segmentFilter({}, after), { ...stateOnly, sort: ID_SORT, limit: batchSize }).toArray();
        if (docs.length === 0) return;
        after = docs[docs.length - 1]._id;
        yield docs.map((doc) => profileOf(doc.state, meta));
      }
    },
    storedCustomers: async function* (batchSize = 5000) {
      let after: string | null = null;
      for (;;) {
        const docs: CustomerDocument[] = await c.customers.find(segmentFilter({}, after), { sort: ID_SORT, limit: batchSize }).toArray();
        if (docs.length === 0) return;
        after = docs[docs.length - 1]._id;
        yield docs.map((doc) => ({ customerId: doc._id, fields: storedDocumentFields(doc) }));
      }
    },
    segmentCounts: async () => segmentCountsFrom((await c.customers.aggregate<SegmentFacet>(SEGMENT_COUNTS_PIPELINE).toArray())[0]),
    transitions: async (customerId, limit, cursor) => {
      const after = decodeIdCursor(cursor);
      const docs = await c.transitions.find(transitionsFilter(customerId, after), { sort: ID_SORT, limit: limit + 1 }).toArray();
      const page = docs.slice(0, limit);
      return {
        items: page.map(fromTransitionDocument),
        nextCursor: docs.length > limit ? encodeIdCursor(page[page.length - 1]._id) : null,
      };
    },
    transitionsAfter: async (after, until, filter, limit) =>
      (await c.transitions.find(transitionsAfterFilter(after, until, filter), { sort: ID_SORT, limit }).toArray()).map(fromTransitionDocumentWithSnapshot),
    cutoffsAt: async (date) => (await c.cutoffs.findOne({ _id: date }))?.cutoffs ?? null,
    allCutoffs: async () => (await c.cutoffs.find({}, { sort: ID_SORT }).toArray()).map((doc) => ({ date: doc._id, cutoffs: doc.cutoffs })),
    transitionCounts: async () =>
      transitionCountsFrom((await c.transitions.aggregate<TransitionFacet>(TRANSITION_COUNTS_PIPELINE).toArray())[0]),
    ...mongoStatsQueries(c.transitions, c.cutoffs),
    close: async () => {
      await session.endSession();
      await client.close();
    },
  };
}
