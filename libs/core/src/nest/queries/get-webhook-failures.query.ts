import { Query } from '@nestjs/cqrs';
import type { WebhookFailures } from '../../integration/webhooks/webhook-subscriptions.js';

/** A subscription's delivery state (paused or not, last error) and the events not yet acknowledged. */
export class GetWebhookFailuresQuery extends Query<WebhookFailures> {
  constructor(
    readonly id: string,
    readonly page: { limit?: string; after?: string },
  ) {
    super();
  }
}
