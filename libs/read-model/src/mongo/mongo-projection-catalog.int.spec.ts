import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeProjectionCatalogContract } from '../projection-catalog.contract.js';
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
