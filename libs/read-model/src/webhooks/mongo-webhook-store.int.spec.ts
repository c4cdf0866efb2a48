import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createMongoWebhookStore } from './mongo-webhook-store.js';
import { describeWebhookStoreContract } from './webhook-store.contract.js';

const uri = process.env.MONGODB_URI;
const SKIP_REASON = 'MongoDB webhook store contract skipped: set MONGODB_URI (e.g. mongodb://localhost:27017/lifecycle?directConnection=true)';
const run = randomUUID().slice(0, 8);
let databases = 0;

describeWebhookStoreContract('mongodb', async () => {
  if (!uri) return null;
  const database = `webhooks_${run}_${(databases += 1)}`;
  return {
    open: () => createMongoWebhookStore({ uri, database }),
    teardown: async () => {
      const admin = new MongoClient(uri);
      await admin.db(database).dropDatabase();
      await admin.close();
    },
  };
}, uri ? undefined : SKIP_REASON);
