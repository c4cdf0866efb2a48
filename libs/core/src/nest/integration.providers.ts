import type { Provider } from '@nestjs/common';
import type { QueryStore, WebhookStore } from '@lifecycle/read-model';
import { TransitionFeed } from '../integration/transition-feed.js';
import { WebhookSubscriptions } from '../integration/webhooks/webhook-subscriptions.js';
import { openWebhookStore } from '../stores/open-stores.js';
import { WEBHOOK_STORE } from './integration.tokens.js';
import { APP_CONFIG, READ_MODEL, WALL_CLOCK, type WallClock } from './tokens.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

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
