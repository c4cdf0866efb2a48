import { MongoClient } from 'mongodb';
import type { TransitionFilter } from '../read-model.port.js';
import { decodeDelivery, encodeDelivery, type StoredDeliveryState } from './delivery-state-codec.js';
import type { WebhookStore, WebhookSubscription } from './webhook-store.port.js';

interface WebhookDocument {
  _id: string;
  url: string;
  filter: TransitionFilter;
  secret: string;
  createdAt: string;
  delivery: StoredDeliveryState;
  generation: number;
}

const toSubscription = (doc: WebhookDocument): WebhookSubscription => ({
  id: doc._id, url: doc.url, filter: doc.filter, secret: doc.secret, createdAt: doc.createdAt,
  delivery: decodeDelivery(doc.delivery), generation: doc.generation,
});

export interface MongoWebhookStoreOptions {
  uri: string;
  database?: string;
  /** Defaults to `webhooks` (not under a projection version prefix: subscriptions outlive rebuilds). */
  collection?: string;
}

/** Subscriptions in one collection, majority writes (an acknowledged checkpoint is not rolled back). */
export async function createMongoWebhookStore(options: MongoWebhookStoreOptions): Promise<WebhookStore> {
  const client = new MongoClient(options.uri, { writeConcern: { w: 'majority' }, readConcern: { level: 'majority' }, readPreference: 'primary' });
  await client.connect();
  const c = client.db(options.database).collection<WebhookDocument>(options.collection ?? 'webhooks');
  try {
    await c.createIndex({ createdAt: 1, _id: 1 }, { name: 'createdAt_id' });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    create: async (sub) => {
      await c.insertOne({
        _id: sub.id, url: sub.url, filter: sub.filter, secret: sub.secret, createdAt: sub.createdAt,
        delivery: encodeDelivery(sub.delivery), generation: 0,
      });
    },
    list: async () => (await c.find({}, { sort: { createdAt: 1, _id: 1 } }).toArray()).map(toSubscription),
    get: async (id) => {
      const doc = await c.findOne({ _id: id });
      return doc ? toSubscription(doc) : null;
    },
    remove: async (id) => (await c.deleteOne({ _id: id })).deletedCount > 0,
    saveDelivery: async (id, generation, delivery) =>
      (await c.updateOne({ _id: id, generation }, { $set: { delivery: encodeDelivery(delivery) } })).matchedCount > 0,
    resetDelivery: async (id, delivery) => {
      const doc = await c.findOneAndUpdate(
        { _id: id }, { $set: { delivery: encodeDelivery(delivery) }, $inc: { generation: 1 } }, { returnDocument: 'after' },
      );
      return doc ? toSubscription(doc) : null;
    },
    close: async () => {
      await client.close();
    },
  };
}
