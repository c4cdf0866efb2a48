import { join } from 'node:path';
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import {
  createMongoProjectionCatalog, createMongoWebhookStore, createSqliteProjectionCatalog, createSqliteWebhookStore, createSwitchableReadModel,
  type ProjectionCatalog, type SwitchableReadModel, type WebhookStore,
} from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { lazyWebhookStore } from '../integration/webhooks/lazy-webhook-store.js';

type StoreConfig = Pick<AppConfig, 'dataDir' | 'eventStoreConnectionString' | 'mongodbUri'>;

/** EventStoreDB when its URL is configured, the embedded SQLite log otherwise. */
export function openEventStore(config: StoreConfig): EventStore {
  if (config.eventStoreConnectionString) return createEsdbEventStore({ connectionString: config.eventStoreConnectionString });
  return createSqliteEventStore({ file: join(config.dataDir, 'events.sqlite') });
}

/** MongoDB when its URI is configured, the embedded SQLite files otherwise. */
export function openProjectionCatalog(config: StoreConfig): Promise<ProjectionCatalog> | ProjectionCatalog {
  if (config.mongodbUri) return createMongoProjectionCatalog({ uri: config.mongodbUri });
  return createSqliteProjectionCatalog({ dir: config.dataDir });
}

/** The served projection version, behind a handle a rebuild switches under running queries. */
export async function openServedReadModel(catalog: ProjectionCatalog): Promise<SwitchableReadModel> {
  const version = await catalog.activeVersion();
  return createSwitchableReadModel(version, await catalog.open(version));
}

/** MongoDB (collection `webhooks`) when MONGODB_URI is set, else DATA_DIR/webhooks.sqlite. */
export function openWebhookStore(config: Pick<AppConfig, 'dataDir' | 'mongodbUri'>): WebhookStore {
  return lazyWebhookStore(() => (config.mongodbUri
    ? createMongoWebhookStore({ uri: config.mongodbUri })
    : createSqliteWebhookStore({ file: join(config.dataDir, 'webhooks.sqlite') })));
}
