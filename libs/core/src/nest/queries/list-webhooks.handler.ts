import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type WebhookView, WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { ListWebhooksQuery } from './list-webhooks.query.js';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }
}
