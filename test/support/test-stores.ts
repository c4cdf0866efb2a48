import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { loadConfig, openEventStore, openProjectionCatalog } from '@lifecycle/core';
import type { EventStore } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';

export interface TestStores {
  events: EventStore;
  /** The served projection version, as the service would open it. */
  readModel: ReadModelStore;
  /** The environment that makes the service open these same stores (for startTestApp). */
  env: Record<string, string>;
  /** e.g. "eventstoredb + sqlite". */
  label: string;
  close(): Promise<void>;
}

const esdbUrl = process.env.EVENTSTORE_CONNECTION_STRING;
const mongoUrl = process.env.MONGODB_URI;

/** The adapters a whole-system test runs on: the real servers whose URLs are set, SQLite for the others. */
export const adapterLabel = `${esdbUrl ? 'eventstoredb' : 'sqlite'} + ${mongoUrl ? 'mongodb' : 'sqlite'}`;

const withDatabase = (uri: string, database: string): string =>
  uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?/, `$1/${database}`);

/**
 * Opens the stores for a whole-system test in `dir`, chosen as the service chooses them. On
 * EventStoreDB the log must be empty (the test reads $all from the start): a fresh `docker
 * compose up`. On MongoDB the read model goes to a database of its own, dropped on close.
 */
export async function openTestStores(dir: string): Promise<TestStores> {
  const env: Record<string, string> = { DATA_DIR: dir };
  if (esdbUrl) env.EVENTSTORE_CONNECTION_STRING = esdbUrl;
  const database = `test_${randomUUID().slice(0, 8)}`;
  if (mongoUrl) env.MONGODB_URI = withDatabase(mongoUrl, database);
  const config = loadConfig(env);

  const events = openEventStore(config);
  if (esdbUrl && (await events.readAll({ maxCount: 1 })).length > 0) {
    await events.close();
    throw new Error(`EventStoreDB at ${esdbUrl} already holds events; this test needs an empty log: docker compose down -v && docker compose up -d`);
  }
  const catalog = await openProjectionCatalog(config);
  const readModel = await catalog.open(await catalog.activeVersion());
  return {
    events, readModel, env, label: adapterLabel,
    async close() {
      await events.close();
      await readModel.close();
      await catalog.close();
      if (!config.mongodbUri) return;
      const client = new MongoClient(config.mongodbUri);
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
