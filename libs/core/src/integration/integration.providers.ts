import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { createMongoWebhookStore, createSqliteWebhookStore, type QueryStore, type WebhookStore } from '@lifecycle/read-model';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG, READ_MODEL, WALL_CLOCK, type WallClock } from '../tokens.js';
import { WEBHOOK_STORE } from './integration.tokens.js';
import { TransitionFeed } from './transition-feed.js';
import { lazyWebhookStore } from './webhooks/lazy-webhook-store.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
import { WebhookSubscriptions } from './webhooks/webhook-subscriptions.js';

/** MongoDB (collection `webhooks`) when MONGODB_URI is set, else DATA_DIR/webhooks.sqlite. */
export function openWebhookStore(config: Pick<AppConfig, 'dataDir' | 'mongodbUri'>): WebhookStore {
  return lazyWebhookStore(() => (config.mongodbUri
    ? createMongoWebhookStore({ uri: config.mongodbUri })
    : createSqliteWebhookStore({ file: join(config.dataDir, 'webhooks.sqlite') })));
}

/** The feed, the webhook subscriptions and their delivery. */
export const integrationProviders: Provider[] = [
  { provide: WEBHOOK_STORE, inject: [APP_CONFIG], useFactory: openWebhookStore },
  { provide: TransitionFeed, inject: [READ_MODEL], useFactory: (readModel: QueryStore) => new TransitionFeed(readModel) },
  {
    provide: WebhookSubscriptions,
    inject: [WEBHOOK_STORE, READ_MODEL, WALL_CLOCK],
    useFactory: (store: WebhookStore, readModel: QueryStore, now: WallClock) => new WebhookSubscriptions(store, readModel, now),
  },
  WebhookDeliveryService,
];

export const integrationExports = [WEBHOOK_STORE, TransitionFeed, WebhookSubscriptions, WebhookDeliveryService];
