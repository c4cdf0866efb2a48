import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeProjectionCatalogContract } from '../projection-catalog.contract.js';
import { describeSkipped } from '../../../../test/support/skipped-suite.js';
import { createMongoProjectionCatalog } from './mongo-projection-catalog.js';

const uri = process.env.MONGODB_URI;
const SKIP_REASON = 'MongoDB catalog suite skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/lifecycle?directConnection=true after `docker compose up -d mongodb`)';
const run = randomUUID().slice(0, 8);
let databases = 0;

describeProjectionCatalogContract(
  'mongodb',
  async () => {
    const database = `catalog_${run}_${(databases += 1)}`;
    return {
      open: () => createMongoProjectionCatalog({ uri: uri as string, database }),
      teardown: async () => {
        const admin = new MongoClient(uri as string);
        try {
          await admin.db(database).dropDatabase();
        } finally {
          await admin.close();
        }
      },
    };
  },
  uri ? undefined : SKIP_REASON,
);

const describeSpecifics = (title: string, body: () => void) => (uri ? describe(title, body) : describeSkipped(title, SKIP_REASON));

describeSpecifics('MongoDB catalog specifics', () => {
  it('a store still open on a dropped version fails its next commit instead of recreating the collections', async () => {
    const database = `catalog_${run}_drop`;
    const catalog = await createMongoProjectionCatalog({ uri: uri as string, database });
    const admin = new MongoClient(uri as string);
    try {
      await catalog.activeVersion();
      const old = await catalog.createVersion();
      const follower = await catalog.open(old);
      await follower.commit({ customers: [], transitions: [], meta: { checkpoint: 1n } });
      await catalog.drop(old);
      await expect(follower.commit({ customers: [], transitions: [], meta: { checkpoint: 2n } })).rejects.toThrow(/was dropped/);
      await follower.close();
      const left = await admin.db(database).listCollections({ name: { $regex: `^${old}_` } }, { nameOnly: true }).toArray();
      expect(left).toEqual([]);
    } finally {
      await catalog.close();
      await admin.db(database).dropDatabase();
      await admin.close();
    }
  });
});
