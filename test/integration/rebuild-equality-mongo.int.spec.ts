import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createMongoReadModel } from '@lifecycle/read-model';
import { describeRebuildEqualityContract } from './rebuild-equality.contract.js';

const uri = process.env.MONGODB_URI;
const SKIP_REASON = 'MongoDB rebuild equality suite skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/lifecycle?directConnection=true after `docker compose up -d mongodb`)';
const run = randomUUID().slice(0, 8);
let databases = 0;
const admin = uri ? new MongoClient(uri) : null;

afterAll(async () => {
  await admin?.close();
});

describeRebuildEqualityContract('mongodb', async () => {
  if (!uri) return null;
  const database = `rebuild_${run}_${(databases += 1)}`;
  const store = await createMongoReadModel({ uri, database });
  return { store, teardown: async () => { await store.close(); await admin?.db(database).dropDatabase(); } };
}, uri ? undefined : SKIP_REASON);
