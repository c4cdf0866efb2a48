import { Query } from '@nestjs/cqrs';
import type { WebhookView } from '../../integration/webhooks/webhook-subscriptions.js';

/** Every webhook subscription (never a secret). */
export class ListWebhooksQuery extends Query<WebhookView[]> {}
