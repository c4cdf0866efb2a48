import { type ClientSession, MongoClient, MongoServerError } from 'mongodb';
import { type ProjectionCatalog, type ProjectionVersion, ProjectionVersionError } from '../projection-catalog.port.js';
import { DUPLICATE_KEY } from './bulk-errors.js';
import { createMongoReadModel, VERSIONS_COLLECTION } from './mongo-read-model.js';

export interface MongoProjectionCatalogOptions {
  uri: string;
  /** Defaults to the database of the URI. */
  database?: string;
}

interface VersionDocument {
  _id: string;
  seq: number;
  state: ProjectionVersion['state'];
}

interface PointerDocument {
  _id: 'active' | 'seq';
  version?: string;
  seq?: number;
}

const prefixOf = (version: string): string => `${version}_`;

/**
 * MongoDB projection versions: each version's collections carry the prefix `<version>_`; the
 * served version is one pointer document, switched with a single conditional update (atomic on
 * one document).
 */
export async function createMongoProjectionCatalog(options: MongoProjectionCatalogOptions): Promise<ProjectionCatalog> {
  const client = new MongoClient(options.uri, { writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' });
  await client.connect();
  const db = client.db(options.database);
  const versions = db.collection<VersionDocument>(VERSIONS_COLLECTION);
  const pointer = db.collection<PointerDocument>('projection_pointer');

  const nextSeq = async (): Promise<number> => {
    const doc = await pointer.findOneAndUpdate({ _id: 'seq' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
    return doc?.seq as number;
  };
  const register = async (state: ProjectionVersion['state']): Promise<string> => {
    const seq = await nextSeq();
    const version = `v${seq}`;
    await versions.insertOne({ _id: version, seq, state });
    return version;
  };
  const known = async (version: string): Promise<void> => {
    if (!(await versions.findOne({ _id: version }))) throw new ProjectionVersionError(`unknown projection version ${version}`);
  };
  /**
   * The pointer and both states in one transaction, so a crash cannot leave two active versions
   * or none. `matchedCount`, not `modifiedCount`: activating the served version again matches and
   * changes nothing, which is a success (as on SQLite).
   */
  const switchPointer = async (session: ClientSession, version: string, expected: string): Promise<boolean> => {
    const { matchedCount } = await pointer.updateOne({ _id: 'active', version: expected }, { $set: { version } }, { session });
    if (matchedCount === 0) return false;
    if (version === expected) return true;
    await versions.updateOne({ _id: expected }, { $set: { state: 'retired' } }, { session });
    await versions.updateOne({ _id: version }, { $set: { state: 'active' } }, { session });
    return true;
  };
  const active = async (): Promise<string | undefined> => (await pointer.findOne({ _id: 'active' }))?.version;

  return {
    activeVersion: async () => {
      const current = await active();
      if (current !== undefined) return current;
      const version = await register('active');
      try {
        await pointer.insertOne({ _id: 'active', version });
        return version;
      } catch (error) {
        // Another process created the first version at the same time: serve theirs.
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
        await versions.deleteOne({ _id: version });
        return (await active()) as string;
      }
    },
    createVersion: () => register('building'),
    open: async (version) => {
      await known(version);
      return createMongoReadModel({ uri: options.uri, database: options.database, collectionPrefix: prefixOf(version), catalogVersion: version });
    },
    activate: async (version, expected) => {
      await known(version);
      return client.withSession((session) => session.withTransaction(() => switchPointer(session, version, expected)));
    },
    drop: async (version) => {
      await known(version);
      if ((await active()) === version) throw new ProjectionVersionError(`projection version ${version} is served; it cannot be dropped`);
      // The entry goes first: from then on every commit of a store still open on it fails its check.
      await versions.deleteOne({ _id: version });
      const names = await db.listCollections({ name: { $regex: `^${prefixOf(version)}` } }, { nameOnly: true }).toArray();
      for (const { name } of names) await db.dropCollection(name);
    },
    versions: async () =>
      (await versions.find({}, { sort: { seq: 1 } }).toArray()).map((doc) => ({ version: doc._id, state: doc.state })),
    close: () => client.close(),
  };
}
