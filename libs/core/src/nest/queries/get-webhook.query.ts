import { Query } from '@nestjs/cqrs';
import type { WebhookView } from '../../integration/webhooks/webhook-subscriptions.js';

/** One webhook subscription (never its secret). */
export class GetWebhookQuery extends Query<WebhookView> {
  constructor(
    readonly id: string,
  ) {
    super();
  }
}
