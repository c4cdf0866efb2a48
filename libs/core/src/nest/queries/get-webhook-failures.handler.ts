import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type WebhookFailures, WebhookSubscriptions } from '../../integration/webhooks/webhook-subscriptions.js';
import { GetWebhookFailuresQuery } from './get-webhook-failures.query.js';

@QueryHandler(GetWebhookFailuresQuery)
export class GetWebhookFailuresHandler implements IQueryHandler<GetWebhookFailuresQuery> {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  execute({ id, page }: GetWebhookFailuresQuery): Promise<WebhookFailures> {
    return this.webhooks.failures(id, page);
  }
}
