import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type WebhookView, WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { GetWebhookQuery } from './get-webhook.query.js';

@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute({ id }: GetWebhookQuery): Promise<WebhookView> {
    return this.webhooks.get(id);
  }
}
